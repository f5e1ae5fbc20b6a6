"""In Chromium at phone width: links in lists are tall enough to tap with a thumb."""

import pytest

pytestmark = pytest.mark.browser


def test_links_in_lists_are_tall_enough_for_a_thumb(three_articles, site_settings, browser_page):
    browser_page.set_viewport_size({"width": 375, "height": 812})
    browser_page.goto(three_articles[1].url)
    heights = browser_page.eval_on_selector_all(
        ".breadcrumb a, .toc a, .footer-nav a, .footer-feeds a",
        "links => links.map("
        "link => [link.textContent.trim(), link.getBoundingClientRect().height])",
    )
    assert len(heights) >= 8
    short = [(text, height) for text, height in heights if height < 24]
    assert short == []
