"""Booking coordinators must set up two-factor sign-in, and give a code in each session,
before they can open booking requests (core/accounts/two_factor.py).

Codes are computed as an authenticator app would, with django_otp's own TOTP.
"""

import re
import time
from base64 import b32decode

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from booking.factories import BookingRequestFactory

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password"  # the coordinator fixture's (booking/tests/conftest.py)
ENROL_URL = "/admin/two-factor/"
VERIFY_URL = "/admin/two-factor/verify/"
REQUESTS_URL = "/admin/booking-requests/"


def code_for(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def secret_on_page(content):
    """The key as the page shows it, as someone typing it into their app would read it."""
    grouped = re.search(r"<code data-two-factor-secret>([A-Z2-7 ]+)</code>", content).group(1)
    return b32decode(grouped.replace(" ", ""))


def sign_in(client, username):
    response = client.post(
        "/admin/login/",
        {"username": username, "password": PASSWORD, "next": REQUESTS_URL},
    )
    assert response.status_code == 302
    return response


@pytest.fixture
def booking_request(booking_page):
    return BookingRequestFactory(page=booking_page, name="Demo Two-factor Visitor")


def test_a_coordinator_without_an_app_is_sent_to_set_one_up(client, coordinator, booking_request):
    response = sign_in(client, "demo-coordinator")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL_URL}?next=%2Fadmin%2Fbooking-requests%2F"
    # Not the requests, nor any other admin page, nor by a direct address.
    for url in (REQUESTS_URL, f"{REQUESTS_URL}inspect/{booking_request.pk}/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL_URL)
    page = client.get(response["Location"]).content.decode()
    assert "Set up two-factor sign-in" in page
    assert "<svg" in page  # the QR code, inline
    assert "otpauth://totp/" in page
    assert "Demo Two-factor Visitor" not in page


def test_with_a_valid_code_the_coordinator_opens_the_requests(client, coordinator, booking_request):
    sign_in(client, "demo-coordinator")
    page = client.get(ENROL_URL, {"next": REQUESTS_URL}).content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert secret_on_page(page) == device.bin_key

    start = time.time()
    with time_machine.travel(start, tick=False):
        wrong = client.post(ENROL_URL, {"code": "000000", "next": REQUESTS_URL})
        assert wrong.status_code == 200
        assert "That code did not match" in wrong.content.decode()
        assert client.get(REQUESTS_URL).status_code == 302
        # Straight after a wrong code, even the right one waits (django-otp's throttle).
        device.refresh_from_db()
        right_too_soon = client.post(ENROL_URL, {"code": code_for(device), "next": REQUESTS_URL})
        assert "codes are not checked for a short while" in right_too_soon.content.decode()

    with time_machine.travel(start + 60, tick=False):
        device.refresh_from_db()
        response = client.post(ENROL_URL, {"code": code_for(device), "next": REQUESTS_URL})
    assert response.status_code == 302
    assert response["Location"] == REQUESTS_URL
    listing = client.get(REQUESTS_URL)
    assert listing.status_code == 200
    assert "Demo Two-factor Visitor" in listing.content.decode()
    assert TOTPDevice.objects.get(user=coordinator).confirmed


def test_each_new_session_asks_for_a_code_again(client, coordinator, booking_request):
    device = TOTPDevice.objects.create(user=coordinator, name="Demo app", confirmed=True)
    sign_in(client, "demo-coordinator")
    response = client.get(REQUESTS_URL)
    assert response["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2Fbooking-requests%2F"
    assert "Enter your sign-in code" in client.get(response["Location"]).content.decode()
    # Enrolling a new app needs a code from the old one first: a password is not enough.
    assert client.get(ENROL_URL)["Location"].startswith(VERIFY_URL)

    start = time.time()
    with time_machine.travel(start, tick=False):
        wrong = client.post(VERIFY_URL, {"code": "12 34 56", "next": REQUESTS_URL})
        assert "That code did not match" in wrong.content.decode()
        assert client.get(REQUESTS_URL).status_code == 302
    with time_machine.travel(start + 60, tick=False):
        device.refresh_from_db()
        response = client.post(VERIFY_URL, {"code": code_for(device), "next": REQUESTS_URL})
    assert response["Location"] == REQUESTS_URL
    assert "Demo Two-factor Visitor" in client.get(REQUESTS_URL).content.decode()


def test_the_next_address_must_be_on_this_site(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="Demo app", confirmed=True)
    sign_in(client, "demo-coordinator")
    response = client.post(VERIFY_URL, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_the_public_site_never_asks_for_a_code(client, coordinator, home_page):
    sign_in(client, "demo-coordinator")
    assert client.get(home_page.url).status_code == 200
