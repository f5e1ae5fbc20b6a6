"""End to end in Chromium: an article's call to action, the form, the thank-you page, and
the request in the admin for a booking coordinator but not for an editor."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory
from booking.factories import BookingRequestPageFactory

# Coordinators and superusers give a two-factor code at sign-in (see the root conftest).
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("two_factor_verified")]


def signed_in_tab(browser, live_server, user):
    """A new browser tab already signed in as user (session cookie from Django's client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def test_from_an_article_to_a_booking_coordinator(
    transactional_db, home_page, coordinator, editor, browser, live_server, browser_page
):
    booking_page = BookingRequestPageFactory(parent=home_page, title="Book a demo session")
    series = ArticleSeriesPageFactory(parent=home_page, slug="demo-series")
    article = ArticlePageFactory(
        parent=series,
        title="Demo article 1",
        body=[
            {"type": "paragraph", "value": "<p>Demo paragraph text.</p>"},
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Demo call to action",
                    "text": "Demo invitation text.",
                    "button_label": "Book an ART session today",
                    "page": booking_page.pk,
                    "url": "",
                },
            },
        ],
    )
    page = browser_page

    # The visitor follows the article's call to action.
    page.goto(article.url)
    page.get_by_role("link", name="Book an ART session today").click()
    page.wait_for_url("**/book/")
    assert page.locator("h1").inner_text() == "Book a demo session"

    # Sending it empty: the error summary takes focus and its links lead to the fields.
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".error-summary")
    # The click does not wait for the reply page: wait for it, rather than look once.
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Enter your name").click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    # Filling it in properly.
    page.get_by_label("Your name").fill("Demo Browser Visitor")
    page.get_by_label("Email address").fill("demo.browser@example.com")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Other clinician").check()
    page.get_by_label("Anything you would like us to know").fill("Demo browser message.")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/book/thank-you/")
    assert page.locator("h1").inner_text() == "Request sent"

    # A booking coordinator finds it in the admin.
    context, admin = signed_in_tab(browser, live_server, coordinator)
    admin.goto("/admin/booking-requests/")
    assert admin.get_by_text("Demo Browser Visitor").is_visible()
    admin.get_by_role("link", name=re.compile(r"^Booking request \d+$")).click()
    admin.wait_for_url("**/inspect/**")
    assert admin.get_by_text("Demo browser message.").is_visible()
    context.close()

    # An editor does not: no menu item, and the listing turns them away.
    context, admin = signed_in_tab(browser, live_server, editor)
    admin.goto("/admin/")
    assert admin.get_by_role("link", name="Booking requests").count() == 0
    admin.goto("/admin/booking-requests/")
    assert admin.url == live_server.url + "/admin/"
    assert admin.get_by_text("Sorry, you do not have permission").is_visible()
    assert admin.get_by_text("Demo Browser Visitor").count() == 0
    context.close()
