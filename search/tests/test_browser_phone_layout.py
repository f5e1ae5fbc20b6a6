"""In Chromium at phone width: the search results and booking pages keep a side margin.

These pages lay out their content in a .wrap column; without a rule for it their text ran
to the very edge of a 375 px screen.
"""

import pytest

from booking.factories import BookingRequestPageFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MIN_MARGIN = 12  # px between the screen edge and the content


def content_edges(page, selector):
    return page.eval_on_selector(
        selector,
        """column => {
            const boxes = [...column.querySelectorAll('h1, p, input, li')]
                .map(element => element.getBoundingClientRect())
                .filter(box => box.width > 0);
            return {
                left: Math.min(...boxes.map(box => box.left)),
                right: Math.max(...boxes.map(box => box.right)),
                scrollWidth: document.documentElement.scrollWidth,
            };
        }""",
    )


def assert_margins(page, selector):
    edges = content_edges(page, selector)
    assert edges["left"] >= MIN_MARGIN, edges
    assert edges["right"] <= PHONE["width"] - MIN_MARGIN, edges
    assert edges["scrollWidth"] <= PHONE["width"], edges


def test_search_results_keep_a_margin_on_a_phone(publish_article, browser_page):
    publish_article("Demo nightmares article")
    browser_page.set_viewport_size(PHONE)
    browser_page.goto("/search/?q=nightmares")
    assert_margins(browser_page, "main .search")


def test_the_booking_page_keeps_a_margin_on_a_phone(home_page, browser_page):
    booking = BookingRequestPageFactory(parent=home_page)
    booking.save_revision().publish()
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(booking.url)
    assert_margins(browser_page, "main .booking")
