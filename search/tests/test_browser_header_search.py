"""In Chromium: suggestions from the header search box on every page, on a phone and a desktop.

The header box shares static/js/search.js with the big box on /search/; these tests check it
works from the header (keyboard, screen reader announcements, layout over the page) and that
the two boxes on /search/ do not get in each other's way. Without JavaScript the header form
is a plain GET form to /search/.
"""

import pytest
from playwright.sync_api import expect

from search.tests.test_browser_search import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
NIGHTMARE_TITLES = [
    "Demo article about nightmares",
    "Demo article about nightmares after shifts",
    "Demo article about nightmares and sleep",
    "Demo article about nightmares at work",
    "Demo article about nightmares in teams",
]
ANNOUNCEMENT = "5 suggestions. Use the up and down arrows to choose, Enter to open."


@pytest.fixture
def nightmare_articles(publish_article):
    """Enough matches that, at 1280 px, the list reaches down over the table of contents."""
    return {title: publish_article(title) for title in NIGHTMARE_TITLES}


@pytest.fixture
def other_article(publish_article):
    """The article the tests start on: it has a table of contents, which is positioned."""
    return publish_article("Demo article about workplace violence")


def header(page):
    form = page.locator("header form.site-search")
    return (
        form,
        form.get_by_role("combobox", name="Search articles"),
        form.get_by_role("listbox", name="Suggested articles", include_hidden=True),
    )


def luminance(css_colour):
    red, green, blue = (
        int(part) / 255 for part in css_colour.split("(")[1].rstrip(")").split(",")[:3]
    )
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_contrast(option):
    """WCAG contrast of an option's text with what is behind it (its own or the list's colour).

    axe cannot decide this for a list laid over other content (it reports it as needing
    review, not as a violation), so the tests measure it.
    """
    colours = option.evaluate(
        """option => {
            const own = getComputedStyle(option);
            const transparent = own.backgroundColor === "rgba(0, 0, 0, 0)";
            const behind = transparent ? getComputedStyle(option.parentElement) : own;
            return [own.color, behind.backgroundColor];
        }"""
    )
    lighter, darker = sorted((luminance(colour) for colour in colours), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def covered_options(page, listbox):
    """Options (by text) that something else is painted over, at the middle of each."""
    return listbox.evaluate(
        """list => Array.from(list.querySelectorAll("[role=option]")).filter(option => {
            const box = option.getBoundingClientRect();
            const middle = [box.left + box.width / 2, box.top + box.height / 2];
            const top = document.elementFromPoint(...middle);
            return !top || top.closest("[role=option]") !== option;
        }).map(option => option.textContent)"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_header_box_suggests_articles_and_the_keyboard_opens_one(
    browser_page, nightmare_articles, other_article, viewport
):
    page = browser_page
    page.set_viewport_size(viewport)
    page.goto(other_article.url)
    form, box, listbox = header(page)
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("nav.toc")).to_be_attached()

    box.press_sequentially("nightm")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(len(nightmare_articles))
    suggested = options.all_inner_texts()
    assert sorted(suggested) == sorted(nightmare_articles)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    expect(form.get_by_role("status")).to_have_text(ANNOUNCEMENT)

    # The list hangs under the header box, inside the viewport, over the page content.
    box_area, list_area = box.bounding_box(), listbox.bounding_box()
    assert list_area["y"] >= box_area["y"] + box_area["height"] - 1
    assert list_area["x"] <= box_area["x"] + 1
    assert list_area["x"] >= 0
    assert list_area["x"] + list_area["width"] <= viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert covered_options(page, listbox) == []
    if viewport == DESKTOP:  # There the list lies over the (positioned) table of contents.
        toc = page.locator("nav.toc").bounding_box()
        assert list_area["x"] + list_area["width"] > toc["x"]
        assert list_area["y"] + list_area["height"] > toc["y"] + toc["height"] / 2

    first_id = options.nth(0).get_attribute("id")
    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(options.nth(1)).to_have_attribute("aria-selected", "false")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    expect(box).to_be_focused()
    # The highlighted option is marked by more than its colour, and every option is legible.
    assert options.nth(0).evaluate("o => getComputedStyle(o).outlineStyle") == "solid"
    assert text_contrast(options.nth(0)) >= 4.5
    assert text_contrast(options.nth(1)) >= 4.5

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", first_id)
    expect(box).to_have_value("nightm")

    box.press("ArrowDown")  # Opens the list again on the first suggestion.
    expect(listbox).to_be_visible()
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    chosen = nightmare_articles[suggested[0]]
    page.wait_for_url(f"**{chosen.url}")
    expect(page.locator("h1")).to_have_text(chosen.title)


def test_header_box_on_the_home_page_at_375px_has_no_serious_accessibility_problems(
    browser_page, nightmare_articles
):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto("/")
    _form, box, listbox = header(page)
    box.press_sequentially("nightm")
    expect(listbox.get_by_role("option")).to_have_count(len(nightmare_articles))
    box.press("ArrowDown")
    expect(listbox.get_by_role("option").nth(0)).to_have_attribute("aria-selected", "true")
    assert serious_violations(page) == []
    # axe leaves the contrast of text over other content for review; measure it here.
    for option in listbox.get_by_role("option").all():
        assert text_contrast(option) >= 4.5, option.inner_text()


def test_header_and_results_page_boxes_work_independently(browser_page, nightmare_articles):
    page = browser_page
    page.goto("/search/?q=demo")
    _form, header_box, header_list = header(page)
    big_form = page.locator("main form.search-form")
    big_box = big_form.get_by_role("combobox", name="Search by topic, phrase or author")
    big_list = big_form.get_by_role("listbox", name="Suggested articles", include_hidden=True)

    lists = page.locator("[role=listbox]")
    expect(lists).to_have_count(2)
    ids = lists.evaluate_all("lists => lists.map(list => list.id)")
    assert len(set(ids)) == 2
    assert header_box.get_attribute("aria-controls") != big_box.get_attribute("aria-controls")

    header_box.press_sequentially("nightm")
    expect(header_list).to_be_visible()
    expect(big_list).to_be_hidden()
    expect(big_box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("header").get_by_role("status")).to_have_text(ANNOUNCEMENT)
    expect(big_form.get_by_role("status")).to_have_text("")

    # Moving to the big box closes the header list; the big box's list opens under it.
    big_box.fill("")
    big_box.press_sequentially("nightmares after")
    expect(header_list).to_be_hidden()
    expect(header_box).to_have_attribute("aria-expanded", "false")
    expect(big_list).to_be_visible()
    expect(big_list.get_by_role("option")).to_have_count(1)
    expect(big_form.get_by_role("status")).to_have_text(
        "1 suggestion. Use the up and down arrows to choose, Enter to open."
    )
    box_area, list_area = big_box.bounding_box(), big_list.bounding_box()
    assert list_area["y"] >= box_area["y"] + box_area["height"] - 1
    assert abs(list_area["x"] - box_area["x"]) <= 1

    # Arrow keys in the big box move through its own list only.
    big_box.press("ArrowDown")
    expect(big_list.get_by_role("option").nth(0)).to_have_attribute("aria-selected", "true")
    assert header_box.get_attribute("aria-activedescendant") is None
    assert serious_violations(page) == []


@pytest.fixture
def no_script_page(browser, live_server, django_db_serialized_rollback):
    """A browser tab with JavaScript switched off."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def test_without_javascript_the_header_form_submits_to_the_results_page(
    no_script_page, nightmare_articles, other_article
):
    page = no_script_page
    page.goto(other_article.url)
    box = page.locator("header").get_by_role("searchbox", name="Search articles")
    expect(box).not_to_have_attribute("role", "combobox")
    box.fill("nightmares")
    box.press("Enter")
    page.wait_for_url("**/search/?q=nightmares")
    expect(page.locator("h1")).to_have_text("Search results")
    results = page.locator(".search-result__title")
    expect(results).to_have_count(len(nightmare_articles))
    assert sorted(results.all_inner_texts()) == sorted(nightmare_articles)
    assert page.locator("[role=listbox]").count() == 0
