"""In Chromium: suggestions as you type with the keyboard, and an accessibility check."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

pytestmark = pytest.mark.browser


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
    # The header's search box has its own status region; this one is the big box's.
    expect(browser_page.get_by_role("main").get_by_role("status")).to_have_text(
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
