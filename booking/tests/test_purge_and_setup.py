"""Retention (purge_booking_requests, on a frozen clock) and setup_site's booking page."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Page, Site

from booking.factories import BookingRequestFactory
from booking.models import BookingRateLimitAttempt, BookingRequest, BookingRequestPage
from core.models import SiteSettings
from home.models import HomePage

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def make_request_aged(page, days, **kwargs):
    with time_machine.travel(NOW - timedelta(days=days), tick=False):
        return BookingRequestFactory(page=page, **kwargs)


def purge():
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_booking_requests", stdout=out)
    return out.getvalue().strip()


def test_purge_deletes_requests_older_than_the_retention_period(booking_page):
    booking_page.retention_days = 30
    booking_page.save()
    kept_new = make_request_aged(booking_page, 0)
    kept_edge = make_request_aged(booking_page, 29)
    make_request_aged(booking_page, 31)
    make_request_aged(booking_page, 400)

    assert purge() == "Deleted 2 booking requests older than the retention period."
    assert set(BookingRequest.objects.values_list("pk", flat=True)) == {kept_new.pk, kept_edge.pk}
    # Run again the same day: nothing more to delete.
    assert purge() == "Deleted 0 booking requests older than the retention period."


def test_the_default_retention_is_180_days(booking_page):
    kept = make_request_aged(booking_page, 179)
    make_request_aged(booking_page, 181)
    assert purge() == "Deleted 1 booking request older than the retention period."
    assert list(BookingRequest.objects.all()) == [kept]


def test_requests_whose_page_was_deleted_are_kept_for_the_default_period(booking_page):
    kept = make_request_aged(booking_page, 100)
    make_request_aged(booking_page, 200)
    booking_page.delete()
    assert BookingRequest.objects.filter(page__isnull=True).count() == 2
    assert purge() == "Deleted 1 booking request older than the retention period."
    assert list(BookingRequest.objects.all()) == [kept]


def test_purge_also_clears_expired_rate_limit_records():
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        BookingRateLimitAttempt.objects.create(client_hash="old")
    with time_machine.travel(NOW - timedelta(minutes=5), tick=False):
        BookingRateLimitAttempt.objects.create(client_hash="recent")
    purge()
    assert list(BookingRateLimitAttempt.objects.values_list("client_hash", flat=True)) == ["recent"]


def test_setup_site_creates_the_booking_page_and_points_the_default_cta_at_it():
    out = StringIO()
    call_command("setup_site", "--no-import", stdout=out)
    home = HomePage.objects.get()
    booking = BookingRequestPage.objects.get()
    assert booking.live
    assert booking.get_parent().specific == home
    assert booking.url == "/book/"
    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).cta_page.specific == booking
    assert "Created the booking page: Book an ART session" in out.getvalue()

    # A second run leaves it alone.
    call_command("setup_site", "--no-import", stdout=StringIO())
    assert Page.objects.type(BookingRequestPage).count() == 1


def test_setup_site_keeps_an_editors_own_cta_choice():
    call_command("setup_site", "--no-import", stdout=StringIO())
    BookingRequestPage.objects.get().delete()
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.cta_page = None
    settings.cta_url = "https://example.com/elsewhere"
    settings.save()
    call_command("setup_site", "--no-import", stdout=StringIO())
    assert BookingRequestPage.objects.count() == 1
    refreshed = SiteSettings.for_site(site)
    assert refreshed.cta_page is None
    assert refreshed.cta_url == "https://example.com/elsewhere"


def test_the_shipped_site_cta_leads_to_a_working_form(client):
    call_command("setup_site", "--no-import", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    cta_page = SiteSettings.for_site(site).cta_page
    response = client.get(cta_page.url)
    assert response.status_code == 200
    assert "Send request" in response.content.decode()


def test_the_shipped_articles_button_opens_the_booking_form(client):
    """What `make run` gives a first visitor: the real article's CTA leads to the form."""
    from bs4 import BeautifulSoup

    from articles.models import ArticlePage

    call_command("setup_site", stdout=StringIO(), stderr=StringIO())
    article = ArticlePage.objects.live().get(
        title="ART for Clinicians Experiencing Vicarious Trauma & Compassion Fatigue"
    )
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    button = soup.find("a", string=lambda text: text and "Book an ART session today" in text)
    assert button is not None
    assert button["href"] == "/book/"
    form_page = client.get(button["href"])
    assert form_page.status_code == 200
    assert "Send request" in form_page.content.decode()
