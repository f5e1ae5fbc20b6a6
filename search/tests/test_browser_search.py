"""In Chromium: suggestions as you type with the keyboard, and an accessibility check."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def wagtail_root(transactional_db):
    """Wagtail's root page and default locale, which its migrations create.

    A transactional test that ran before this one flushed every table, so they may be gone.
    (Autouse, so it runs before the home_page fixture, which needs them.)
    """
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def test_typing_suggests_titles_and_arrows_then_enter_open_one(publish_article, browser_page):
    titles = ["Demo nightmares after night shifts", "Demo nightmares and sleep"]
    articles = {title: publish_article(title) for title in titles}
    publish_article("Demo workplace violence")

    browser_page.goto("/search/")
    box = browser_page.get_by_role("combobox", name="Search by topic, phrase or author")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("nightm")

    listbox = browser_page.get_by_role("listbox", name="Suggested articles")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    suggested = options.all_inner_texts()  # Best match first.
    assert sorted(suggested) == titles
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(browser_page.get_by_role("status")).to_have_text(
        "2 suggestions. Use the up and down arrows to choose, Enter to open."
    )

    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    box.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(options.nth(1)).to_have_attribute("aria-selected", "false")

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("nightm")

    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    chosen = articles[suggested[1]]
    browser_page.wait_for_url(f"**{chosen.url}")
    expect(browser_page.locator("h1")).to_have_text(chosen.title)


def serious_violations(page):
    results = Axe().run(page)
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_the_results_page_has_no_serious_accessibility_problems(publish_article, browser_page):
    for number in range(12):
        publish_article(
            f"Demo nightmares article {number}",
            subtitle=f"Demo subtitle {number}",
            summary="Demo summary about nightmares after night shifts.",
        )
    promoted = publish_article("Demo promoted pick")
    SearchPromotion.objects.create(
        query=Query.get("nightmares"), page=promoted, description="Demo pick.", sort_order=0
    )

    browser_page.goto("/search/?q=nightmares")
    expect(browser_page.locator(".search-result__snippet mark").first).to_have_text("nightmares")
    assert serious_violations(browser_page) == []

    # With the suggestions open, too.
    box = browser_page.get_by_role("combobox", name="Search by topic, phrase or author")
    box.fill("")
    box.press_sequentially("nightm")
    expect(browser_page.get_by_role("listbox", name="Suggested articles")).to_be_visible()
    box.press("ArrowDown")
    assert serious_violations(browser_page) == []

    browser_page.goto("/search/?q=zzznothing")
    expect(browser_page.locator(".search-empty")).to_be_visible()
    assert serious_violations(browser_page) == []
