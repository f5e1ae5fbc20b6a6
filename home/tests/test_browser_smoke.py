"""A first browser check: the home page renders in Chromium with its landmarks."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium(transactional_db, home_page, browser_page):
    home_page.title = "Demo home for the browser"
    home_page.save_revision().publish()
    response = browser_page.goto("/")
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == "Demo home for the browser"
    assert browser_page.locator("main#main").count() == 1
    # The skip link is the first thing a keyboard user reaches.
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.textContent") == "Skip to main content"
