"""Issue 17 in Chromium, as the role concerned: reordering, review without dead ends."""

import re

import pytest
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory, demo_body

from .conftest import DEMO_REFERENCES, make_user
from .test_browser_clinical_review import log_in, write_article

pytestmark = pytest.mark.browser


def make_articles(series, count=3):
    pages = []
    for number in range(1, count + 1):
        page = ArticlePageFactory(
            parent=series,
            title=f"Demo article {number}",
            slug=f"demo-article-{number}",
            body=demo_body(DEMO_REFERENCES),
        )
        page.save_revision().publish()
        pages.append(page)
    return pages


def test_an_editor_reorders_a_series_and_the_order_survives_a_reload(
    clinical_review_roles, series, browser_page
):
    make_articles(series)
    make_user("demo-editor", "Editors")
    page = browser_page
    log_in(page, "demo-editor")
    page.goto(f"/admin/pages/{series.pk}/?ordering=ord")
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("Demo article 1")
    handle = rows.first.locator('[data-w-orderable-target="handle"]')
    expect(handle).to_be_visible()
    # Wagtail's handles also move by keyboard (down, then Enter), which posts the same
    # request a drag does.
    handle.focus()
    with page.expect_response(re.compile(r"/set_position/")) as response:
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
    assert response.value.status == 200
    page.reload()
    expect(rows.nth(0)).to_contain_text("Demo article 2")
    expect(rows.nth(1)).to_contain_text("Demo article 1")


def test_at_375_px_the_page_listing_title_column_stays_readable(
    clinical_review_roles, series, browser_page
):
    make_articles(series, count=2)
    make_user("demo-editor", "Editors")
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, "demo-editor")
    page.goto(f"/admin/pages/{series.pk}/")
    title_cell = page.locator("tbody tr").first.locator("td.title")
    expect(title_cell).to_contain_text("Demo article 1")
    width = title_cell.evaluate("cell => cell.getBoundingClientRect().width")
    # About 12 characters a line at the admin's type size: titles wrap, but stay words.
    assert width >= 160, f"title column is {width:.0f} px wide at 375 px"
    title_link = title_cell.locator("a").first
    link_box = title_link.bounding_box()
    assert link_box["x"] >= 0 and link_box["x"] + link_box["width"] <= 375 + 1


def test_the_first_autosave_says_a_draft_was_created(clinical_review_roles, series, browser_page):
    make_user("demo-editor", "Editors")
    page = browser_page
    log_in(page, "demo-editor")
    write_article(page, series)
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15_000)
    expect(page.locator(".messages [data-draft-created]")).to_contain_text(
        "Draft created: “Demo part two” is saved as a draft", timeout=10_000
    )
