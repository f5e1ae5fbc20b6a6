"""What a visitor sees and what is stored when they send the booking form."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.factories import BookingRequestFactory
from booking.models import BookingRequest

pytestmark = pytest.mark.django_db


def post(client, page, data, **extra):
    return client.post(page.url, data, **extra)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_form_shows_every_field_with_its_label(client, booking_page):
    response = client.get(booking_page.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = soup_of(response)
    assert page.find("h1").get_text() == "Demo booking page"
    labels = [label.get_text(strip=True) for label in page.select("form label, form legend")]
    for expected in [
        "Your name",
        "Email address",
        "Phone number (optional)",
        "How would you like us to contact you?",
        "Your role",
        "Anything you would like us to know (optional)",
    ]:
        assert expected in labels
    roles = [label.get_text() for label in page.select("fieldset label[for^=id_role_]")]
    assert roles == ["Physician", "Nurse", "Other clinician", "Other"]
    # The consent label is the editor's text; the retention period comes from the page.
    assert "I agree that my details may be stored" in page.select_one("label[for=id_consent]").text
    assert "We keep it for 180 days" in page.text
    # The message hint warns against medical details and is linked to the textarea.
    hint = page.select_one("#id_message_helptext").text
    assert "do not include medical details" in hint
    assert page.select_one("#id_message")["aria-describedby"] == "id_message_helptext"
    assert page.select_one("#id_message")["maxlength"] == "2000"
    assert page.select_one("input[name=csrfmiddlewaretoken]") is not None


def test_a_valid_request_is_stored_and_leads_to_the_thank_you_page(
    client, booking_page, valid_data
):
    response = post(client, booking_page, valid_data)
    assert response.status_code == 303
    assert response["Location"] == "/book/thank-you/"

    stored = BookingRequest.objects.get()
    assert stored.page.pk == booking_page.pk
    assert (stored.name, stored.email, stored.phone) == (
        "Demo Visitor",
        "demo.visitor@example.com",
        "+1 555 010 0199",
    )
    assert (stored.preferred_contact, stored.role) == ("email", "nurse")
    assert stored.message == "Demo message: weekday mornings suit me."
    assert stored.consent_text.startswith("I agree that my details may be stored")

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert soup_of(thanks).find("h1").text == "Request sent"
    assert "We have received your request" in thanks.content.decode()


def test_the_notification_email_holds_only_a_link_to_the_request(
    client, booking_page, valid_data, coordinator, two_factor_verified
):
    post(client, booking_page, valid_data)
    stored = BookingRequest.objects.get()
    [email] = mail.outbox
    assert email.to == ["demo.coordinator@example.com"]
    link = f"http://testserver/admin/booking-requests/inspect/{stored.pk}/"
    assert link in email.body
    # Nothing the visitor wrote: not their name, address, phone or message.
    whole_email = email.subject + email.body + str(email.extra_headers) + str(email.reply_to)
    for value in ("Demo Visitor", "demo.visitor@example.com", "555 010", "weekday mornings"):
        assert value not in whole_email
    # The link works for a booking coordinator.
    client.force_login(coordinator)
    assert "weekday mornings" in client.get(link).content.decode()


def test_no_email_is_sent_when_nobody_is_to_be_notified(client, booking_page, valid_data):
    booking_page.notification_emails = ""
    booking_page.save()
    assert post(client, booking_page, valid_data).status_code == 303
    assert BookingRequest.objects.count() == 1
    assert mail.outbox == []


INVALID_CASES = {
    "name missing": ({"name": ""}, "name", "Enter your name"),
    "name only spaces": ({"name": "   "}, "name", "Enter your name"),
    "name too long": ({"name": "D" * 101}, "name", "Your name must be 100 characters or fewer"),
    "email missing": ({"email": ""}, "email", "Enter your email address"),
    "email invalid": (
        {"email": "demo-at-example"},
        "email",
        "Enter an email address in the correct format, like name@example.com",
    ),
    "email too long": (
        {"email": "d" * 250 + "@example.com"},
        "email",
        "Your email address must be 254 characters or fewer",
    ),
    "phone invalid": (
        {"phone": "call me maybe"},
        "phone",
        "Enter a phone number using digits, spaces, brackets, dashes and +, like +1 555 010 0199",
    ),
    "phone too short": (
        {"phone": "12345"},
        "phone",
        "Enter a phone number using digits, spaces, brackets, dashes and +, like +1 555 010 0199",
    ),
    "phone too long": (
        {"phone": "1" * 31},
        "phone",
        "Your phone number must be 30 characters or fewer",
    ),
    "phone chosen but missing": (
        {"preferred_contact": "phone", "phone": ""},
        "phone",
        "Enter a phone number, or choose email as the way to contact you",
    ),
    "contact method missing": (
        {"preferred_contact": ""},
        "preferred_contact",
        "Choose how you would like us to contact you",
    ),
    "contact method not offered": (
        {"preferred_contact": "pigeon"},
        "preferred_contact",
        "Choose how you would like us to contact you",
    ),
    "role missing": ({"role": ""}, "role", "Choose your role"),
    "role not offered": ({"role": "surgeon-general"}, "role", "Choose your role"),
    "message too long": (
        {"message": "m" * 2001},
        "message",
        "Your message must be 2,000 characters or fewer (it has 2001)",
    ),
    "consent not given": (
        {"consent": ""},
        "consent",
        "Tick the box to agree to how we use your details",
    ),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), INVALID_CASES.values(), ids=INVALID_CASES.keys()
)
def test_each_invalid_field_is_explained_next_to_it_and_nothing_is_stored(
    client, booking_page, valid_data, changes, field, message
):
    data = {**valid_data, **changes}
    response = post(client, booking_page, data)

    assert response.status_code == 200
    assert BookingRequest.objects.count() == 0
    assert mail.outbox == []
    page = soup_of(response)
    assert page.title.text.startswith("Error: ")

    # The summary at the top links to the field.
    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert"
    [link] = summary.select("a")
    assert link.text == message
    target_id = link["href"].removeprefix("#")
    target = page.find(id=target_id)
    assert target is not None and target.name in ("input", "textarea")

    # The message sits next to the field and the field points at it.
    error = page.find(id=f"id_{field}_error")
    assert message in error.text
    control = page.find(id=target_id)
    assert control["aria-invalid"] == "true"
    described_by = (
        control.find_parent("fieldset")["aria-describedby"]
        if control.get("type") == "radio"
        else control["aria-describedby"]
    )
    assert f"id_{field}_error" in described_by.split()


def test_the_visitors_input_is_kept_when_the_form_is_shown_again(client, booking_page, valid_data):
    data = {**valid_data, "consent": "", "preferred_contact": "phone", "role": "physician"}
    page = soup_of(post(client, booking_page, data))
    assert page.select_one("#id_name")["value"] == "Demo Visitor"
    assert page.select_one("#id_email")["value"] == "demo.visitor@example.com"
    assert page.select_one("#id_phone")["value"] == "+1 555 010 0199"
    assert page.select_one("input[name=preferred_contact][value=phone]").has_attr("checked")
    assert page.select_one("input[name=role][value=physician]").has_attr("checked")
    assert page.select_one("#id_message").text.strip() == valid_data["message"]
    assert not page.select_one("#id_consent").has_attr("checked")


def test_several_errors_are_listed_in_form_order(client, booking_page):
    page = soup_of(post(client, booking_page, {"website": ""}))
    links = [(a["href"], a.text) for a in page.select(".error-summary a")]
    assert links == [
        ("#id_name", "Enter your name"),
        ("#id_email", "Enter your email address"),
        ("#id_preferred_contact_0", "Choose how you would like us to contact you"),
        ("#id_role_0", "Choose your role"),
        ("#id_consent", "Tick the box to agree to how we use your details"),
    ]


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(
    client, booking_page, valid_data
):
    response = post(client, booking_page, {**valid_data, "website": "http://spam.example"})
    assert response.status_code == 303
    assert response["Location"] == "/book/thank-you/"
    assert BookingRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client, booking_page):
    page = soup_of(client.get(booking_page.url))
    trap = page.select_one("input[name=website]")
    wrapper = trap.find_parent(class_="booking-form__trap")
    assert wrapper["aria-hidden"] == "true"
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"


def test_other_methods_are_refused(client, booking_page):
    response = client.put(booking_page.url, "")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_showing_and_sending_the_form_take_a_few_queries_however_many_requests_exist(
    client, booking_page, valid_data, django_assert_max_num_queries
):
    BookingRequestFactory.create_batch(20, page=booking_page)
    client.get(booking_page.url)  # Warm Wagtail's site cache, as on a running site.
    # The bound includes the site layout's own queries (settings, footer series list), and
    # on sending, the double-post check, the savepoint around the insert, and the
    # notification task (run at once here) reading the request by id and recording the outcome.
    with django_assert_max_num_queries(9):
        assert client.get(booking_page.url).status_code == 200
    with django_assert_max_num_queries(16):
        assert post(client, booking_page, valid_data).status_code == 303


def test_the_urgent_help_line_can_be_tapped(client, booking_page):
    """The default crisis notice names 988; on the booking page it is a tap-to-call link."""
    urgent = soup_of(client.get(booking_page.url)).select_one(".booking-urgent")
    assert urgent.get_text(" ", strip=True).startswith("This form is not for urgent help.")
    assert [(a["href"], a.get_text()) for a in urgent.select("a")] == [("tel:988", "988")]
