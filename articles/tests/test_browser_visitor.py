"""What a visitor sees in Chromium: widths, series navigation, keyboard order, accessibility.

Few page loads per test; the three-article series is built once per test by the fixtures.
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor_site(transactional_db, home_page, series, three_articles):
    home_page.featured_series = series
    home_page.intro = "<p>Demo home introduction.</p>"
    home_page.save()
    return three_articles


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_article_fits_phone_and_desktop_and_loads_only_from_this_site(
    visitor_site, browser_page, live_server
):
    page = browser_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    article = visitor_site[0]
    for width in (320, 375, 1280):  # 320: the narrowest phones still in use
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(article.url)
        assert no_horizontal_scroll(page), f"horizontal scrolling at {width}px"
        assert page.get_by_role("heading", level=1).inner_text() == "Demo article 1"
        button = page.locator(".article-body .cta a.button")
        button.scroll_into_view_if_needed()
        assert button.is_visible()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        references = page.get_by_role("heading", name="Peer-Reviewed References")
        references.scroll_into_view_if_needed()
        assert references.is_visible()
        assert page.locator("li.reference").count() == 4
        assert page.locator("li.reference").nth(3).is_visible()

    live_origin = urlsplit(live_server.url).netloc
    assert requested and {urlsplit(url).netloc for url in requested} == {live_origin}

    # Printed: navigation hidden, the references keep their addresses.
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator("nav.pager").is_hidden()
    assert page.locator("nav.toc").is_hidden()
    first_reference = page.locator("li.reference").first
    assert first_reference.is_visible()
    assert "https://doi.org/10.5555/demo.1" in first_reference.inner_text()


def test_visitor_follows_next_through_the_series_and_previous_back(visitor_site, browser_page):
    page = browser_page
    page.goto(visitor_site[0].url)
    assert page.get_by_role("link", name="Previous: ", exact=False).count() == 0
    for title in ("Demo article 2", "Demo article 3"):
        page.get_by_role("link", name=f"Next: {title}").click()
        assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator("a[rel=next]").count() == 0
    for title in ("Demo article 2", "Demo article 1"):
        page.get_by_role("link", name=f"Previous: {title}").click()
        assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator("a[rel=prev]").count() == 0
    assert page.url.endswith(visitor_site[0].url)


def test_keyboard_reaches_skip_link_then_contents_then_booking_button(visitor_site, browser_page):
    page = browser_page
    page.goto(visitor_site[0].url)
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate(
                """() => {
                    const el = document.activeElement;
                    if (el.matches('.skip-link')) return 'skip';
                    if (el.closest('nav.toc')) return 'toc';
                    if (el.matches('.cta a.button')) return 'cta';
                    return el.tagName;
                }"""
            )
        )
        if focused[-1] == "cta":
            break
    assert focused[0] == "skip"
    assert "toc" in focused and focused[-1] == "cta"
    assert focused.index("skip") < focused.index("toc") < focused.index("cta")

    # The skip link takes keyboard users straight to the content.
    page.goto(visitor_site[0].url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_serious_accessibility_violations(visitor_site, browser_page, series):
    page = browser_page
    axe = Axe()
    problems = {}
    for url in ("/", series.url, visitor_site[1].url, "/no-such-page/"):
        response = page.goto(url)
        assert response.status == (404 if url == "/no-such-page/" else 200)
        results = axe.run(page)
        serious = [
            f"{violation['id']}: {violation['help']}"
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        if serious:
            problems[url] = serious
    assert problems == {}
