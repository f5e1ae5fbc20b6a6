"""The booking page model: where it may live, and what editors are told when they err."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticleSeriesPage
from booking.factories import BookingRequestPageFactory
from booking.models import BookingRequestPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


class TestBookingPageRules(WagtailPageTestCase):
    def test_lives_under_the_home_page_only_and_has_no_children(self):
        self.assertAllowedParentPageTypes(BookingRequestPage, {HomePage})
        self.assertAllowedSubpageTypes(BookingRequestPage, set())

    def test_home_page_allows_a_booking_page_beside_its_series(self):
        self.assertCanCreateAt(HomePage, BookingRequestPage)
        self.assertCanCreateAt(HomePage, ArticleSeriesPage)


def test_only_one_booking_page_can_be_created(home_page):
    assert BookingRequestPage.can_create_at(home_page)
    BookingRequestPageFactory(parent=home_page)
    assert not BookingRequestPage.can_create_at(home_page)


def test_notification_emails_are_split_on_lines_commas_and_semicolons():
    page = BookingRequestPage(notification_emails="a@example.com\nb@example.com, c@example.com;")
    assert page.notification_recipients == ["a@example.com", "b@example.com", "c@example.com"]


def test_an_invalid_notification_email_is_named_in_the_error(home_page):
    page = BookingRequestPageFactory.build(notification_emails="ok@example.com\nnot-an-address")
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    message = excinfo.value.message_dict["notification_emails"][0]
    assert "“not-an-address” is not a valid email address" in message


@pytest.mark.parametrize("days", [0, 731])
def test_retention_period_must_be_between_one_and_730_days(days):
    page = BookingRequestPageFactory.build(retention_days=days)
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "retention_days" in excinfo.value.message_dict


def test_retention_defaults_to_180_days():
    assert BookingRequestPage().retention_days == 180


def test_consent_label_is_inline_html_for_the_checkbox_label():
    page = BookingRequestPage(
        consent_text=(
            '<p>I agree to the <a href="https://example.com/privacy">privacy notice</a>.</p>'
            "<p>Second demo line.</p>"
        )
    )
    assert page.consent_label() == (
        'I agree to the <a href="https://example.com/privacy">privacy notice</a>.'
        "<br>Second demo line."
    )


def test_preview_modes_show_the_form_and_the_thank_you_message(booking_page):
    booking_page.thank_you_message = "<p>Demo thanks for previewing.</p>"
    for mode, expected in [("", "Send request"), ("thank-you", "Demo thanks for previewing.")]:
        response = booking_page.make_preview_request(preview_mode=mode)
        assert response.status_code == 200
        assert expected in response.render().content.decode()
