"""In Chromium: a visitor on a phone cites the article with the keyboard and downloads the
RIS file; the article printed has no navigation, search, booking form or footer series
list, and prints outside links' addresses."""

import datetime

import pytest
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory, demo_body

from .conftest import DEMO_REFERENCES

pytestmark = pytest.mark.browser


@pytest.fixture
def live_article(series, site_settings):
    page = ArticlePageFactory(
        parent=series,
        title="Demo article 17",
        slug="demo-article-17",
        body=demo_body(references=DEMO_REFERENCES),
        last_reviewed=datetime.date(2025, 3, 5),
    )
    page.save_revision().publish()
    return page


def test_a_visitor_cites_the_article_at_375_px_with_the_keyboard(live_article, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_article.url)
    section = page.get_by_role("region", name="Cite this article")
    expect(section).to_be_visible()
    apa = section.locator(".citation").first
    expect(apa).to_be_hidden()

    summary = section.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(apa).to_be_visible()
    expect(apa).to_contain_text("Demo Organisation. (")
    expect(apa).to_contain_text("Demo article 17")
    expect(section.locator("dt")).to_have_text(
        ["APA 7th edition", "AMA 11th edition", "Vancouver (NLM)"]
    )
    expect(section.locator(".cite-this-article__dates")).to_contain_text(
        "Last reviewed: 5 March 2025"
    )
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # The download links are real links, tall enough for a thumb, with a file behind them.
    ris = section.get_by_role("link", name="RIS file (EndNote, Zotero, Mendeley)")
    assert ris.bounding_box()["height"] >= 24
    with page.expect_download() as download_info:
        ris.click()
    download = download_info.value
    assert download.suggested_filename == "demo-article-17.ris"
    with open(download.path(), encoding="utf-8", newline="") as file:
        assert file.read().startswith("TY  - ELEC\r\nAU  - Demo Organisation\r\n")

    reference_link = page.get_by_role("link", name="RIS file of reference 1")
    response = page.request.get(reference_link.get_attribute("href"))
    assert response.status == 200
    assert "TI  - Demo reference one" in response.text()


def test_the_printed_article_leaves_out_navigation_and_forms(live_article, browser_page):
    page = browser_page
    page.goto(live_article.url)
    page.emulate_media(media="print")
    for selector in (
        ".site-header",
        ".site-search",
        ".breadcrumb",
        ".footer-nav",
        ".pager",
        ".cite-this-article",
        ".reference__download",
    ):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".reference").first).to_be_visible()
    after = page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "https://example.com/demo";
            link.textContent = "Demo link";
            document.querySelector(".article-body").appendChild(link);
            return getComputedStyle(link, "::after").content;
        }"""
    )
    assert after == '" (" attr(href) ")"' or "https://example.com/demo" in after
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()
