"""Abuse and failure: CSRF, the rate limit, logs that never hold visitor data, email failure."""

import logging
import socket
import threading
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from booking import rate_limit
from booking.models import BookingRateLimitAttempt, BookingRequest

pytestmark = pytest.mark.django_db

# Values that must never appear in a log line, whatever happens to the request.
MARKERS = {
    "name": "Zebedee Logmarker",
    "email": "zebedee.logmarker@example.com",
    "phone": "+1 555 010 0123",
    "message": "logmarker-message-text",
}


@pytest.fixture
def marked_data(valid_data):
    return {**valid_data, **MARKERS}


def post_from(client, page, data, ip="203.0.113.9", **extra):
    return client.post(page.url, data, REMOTE_ADDR=ip, **extra)


# --- CSRF ---------------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused_with_a_clear_page(booking_page, valid_data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(booking_page.url, valid_data)
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert BookingRequest.objects.count() == 0


def test_a_post_with_the_csrf_token_from_the_form_is_accepted(booking_page, valid_data):
    client = Client(enforce_csrf_checks=True)
    form_page = client.get(booking_page.url)
    token = form_page.context["csrf_token"]
    response = client.post(booking_page.url, {**valid_data, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 303
    assert BookingRequest.objects.count() == 1


# --- Rate limit ---------------------------------------------------------------------------


def from_clinician(valid_data, n):
    """The form as clinician number n (each with their own email address) sends it."""
    return {**valid_data, "email": f"demo.clinician{n}@example.com"}


@pytest.fixture
def small_client_limit(settings):
    """A per-client limit of 5, so the per-client tests need only a few posts."""
    settings.BOOKING_RATE_LIMIT_PER_CLIENT = 5
    return 5


def test_the_limits_are_in_settings_with_defaults_for_real_clinics(settings):
    assert settings.BOOKING_RATE_LIMIT_PER_CLIENT == 30
    assert settings.BOOKING_RATE_LIMIT_PER_EMAIL == 5
    assert settings.BOOKING_RATE_LIMIT_WINDOW == 3600


def test_thirty_clinicians_behind_one_hospital_address_can_each_book(
    client, booking_page, valid_data
):
    for n in range(30):
        assert post_from(client, booking_page, from_clinician(valid_data, n)).status_code == 303
    response = post_from(client, booking_page, from_clinician(valid_data, 30))
    assert response.status_code == 429
    assert BookingRequest.objects.count() == 30
    # Another address is not affected.
    other = post_from(client, booking_page, from_clinician(valid_data, 31), ip="198.51.100.7")
    assert other.status_code == 303


def test_the_sixth_request_for_one_email_address_gets_try_again_later_from_any_address(
    client, booking_page, valid_data
):
    for n in range(5):
        assert post_from(client, booking_page, valid_data, ip=f"203.0.113.{n}").status_code == 303
    response = post_from(client, booking_page, valid_data, ip="198.51.100.7")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Please try again later" in content
    assert "for your email address" in content
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Please try again in 60 minutes." in content
    assert "no-store" in response["Cache-Control"]
    assert BookingRequest.objects.count() == 5
    # The address counts without regard to case or spaces.
    shouted = {**valid_data, "email": "  DEMO.Visitor@Example.com "}
    assert post_from(client, booking_page, shouted, ip="198.51.100.8").status_code == 429
    # Another address from the same client is fine.
    assert post_from(client, booking_page, from_clinician(valid_data, 1)).status_code == 303


def test_the_limits_follow_the_settings(client, booking_page, valid_data, settings):
    settings.BOOKING_RATE_LIMIT_PER_EMAIL = 2
    settings.BOOKING_RATE_LIMIT_WINDOW = 600
    for _ in range(2):
        assert post_from(client, booking_page, valid_data).status_code == 303
    response = post_from(client, booking_page, valid_data)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 600


def test_the_limit_lifts_an_hour_after_the_first_request(client, booking_page, valid_data):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            post_from(client, booking_page, valid_data)
        assert post_from(client, booking_page, valid_data).status_code == 429
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        assert post_from(client, booking_page, valid_data).status_code == 429
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert post_from(client, booking_page, valid_data).status_code == 303


def test_mistakes_do_not_use_up_attempts(client, booking_page, valid_data):
    for _ in range(6):
        response = post_from(client, booking_page, {**valid_data, "email": "not-an-address"})
        assert response.status_code == 200
    assert post_from(client, booking_page, valid_data).status_code == 303


def test_bots_caught_by_the_honeypot_are_limited_too(
    client, booking_page, valid_data, small_client_limit
):
    for _ in range(small_client_limit):
        post_from(client, booking_page, {**valid_data, "website": "spam"})
    assert post_from(client, booking_page, valid_data).status_code == 429
    assert BookingRequest.objects.count() == 0


def test_the_database_never_holds_the_ip_address_or_the_email_address(
    client, booking_page, valid_data
):
    post_from(client, booking_page, valid_data, ip="203.0.113.9")
    [attempt] = BookingRateLimitAttempt.objects.values()
    for key in ("client_hash", "email_hash"):
        assert len(attempt[key]) == 64
    assert attempt["client_hash"] != attempt["email_hash"]
    assert "203.0.113" not in repr(attempt)
    assert "demo.visitor" not in repr(attempt).lower()
    assert not any(
        "203.0.113" in str(value) for value in BookingRequest.objects.values()[0].values()
    )


def test_recording_never_accepts_more_than_the_limit(booking_page, small_client_limit):
    """The insert-then-count step alone holds the limits (as when processes race past the
    cheap pre-check), and refused attempts do not pile up."""
    client, email = "a" * 64, "b" * 64
    accepted = [rate_limit.record_attempt(client, f"{n:064}") for n in range(8)]
    assert accepted == [True] * 5 + [False] * 3
    assert BookingRateLimitAttempt.objects.filter(client_hash=client).count() == 5
    accepted = [rate_limit.record_attempt(f"{n:064}", email) for n in range(8)]
    assert accepted == [True] * 5 + [False] * 3
    assert BookingRateLimitAttempt.objects.filter(email_hash=email).count() == 5


def test_ipv6_addresses_in_one_network_share_a_limit(
    client, booking_page, valid_data, small_client_limit
):
    for host in range(5):
        data = from_clinician(valid_data, host)
        post_from(client, booking_page, data, ip=f"2001:db8:1:2::{host + 1}")
    data = from_clinician(valid_data, 99)
    assert post_from(client, booking_page, data, ip="2001:db8:1:2::99").status_code == 429
    assert post_from(client, booking_page, data, ip="2001:db8:1:3::1").status_code == 303


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(
    client, booking_page, valid_data, small_client_limit
):
    for n in range(6):
        response = post_from(
            client,
            booking_page,
            from_clinician(valid_data, n),
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_used(
    client, booking_page, valid_data, settings, small_client_limit
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(5):
        data = from_clinician(valid_data, n)
        post_from(client, booking_page, data, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
    blocked = post_from(
        client,
        booking_page,
        from_clinician(valid_data, 10),
        ip=proxy,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1",
    )
    assert blocked.status_code == 429
    other = post_from(
        client,
        booking_page,
        from_clinician(valid_data, 11),
        ip=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.2",
    )
    assert other.status_code == 303


# --- Logs ---------------------------------------------------------------------------------


def assert_no_visitor_data_in(records):
    assert records, "expected some log records to check"
    for record in records:
        text = record.getMessage() + repr(record.__dict__)
        for value in MARKERS.values():
            assert value not in text, f"{value!r} leaked into the log: {text}"


def test_nothing_the_visitor_writes_reaches_the_logs(client, booking_page, marked_data, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    logging.getLogger("booking.test").debug("log capture is working")

    accepted = post_from(client, booking_page, marked_data)
    invalid = post_from(client, booking_page, {**marked_data, "consent": ""})
    post_from(client, booking_page, {**marked_data, "website": "spam"})
    for _ in range(4):
        post_from(client, booking_page, marked_data)
    limited = post_from(client, booking_page, marked_data)
    Client(enforce_csrf_checks=True).post(booking_page.url, marked_data)

    assert (accepted.status_code, invalid.status_code, limited.status_code) == (303, 200, 429)
    # Django logged the 429 and the CSRF failure: with the path only.
    messages = [record.getMessage() for record in caplog.records]
    assert "Too Many Requests: /book/" in messages
    assert any(m.startswith("Forbidden (CSRF") for m in messages)
    assert_no_visitor_data_in(caplog.records)


def test_error_reports_hide_every_posted_field(client, booking_page, marked_data):
    """If anything crashed while the form is handled, Django's error email and debug page
    would show the POST data through this filter: it must show only asterisks."""
    for data in (marked_data, {**marked_data, "consent": ""}):
        response = post_from(client, booking_page, data)
        shown = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
        assert set(shown) >= {"name", "email", "message"}
        for value in MARKERS.values():
            assert value not in str(dict(shown))


# --- Email failure ------------------------------------------------------------------------


@pytest.fixture
def refusing_smtp_server():
    """A real SMTP server on localhost that refuses every connection with a 554 greeting."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(10)

    def serve():
        try:
            while True:
                connection, _ = server.accept()
                connection.sendall(b"554 5.3.2 Demo server refuses mail\r\n")
                connection.close()
        except OSError:
            return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    server.close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port():
    """A localhost port with nothing listening on it."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.mark.parametrize(
    ("server_fixture", "error_name"),
    [("refusing_smtp_server", "SMTPConnectError"), ("closed_port", "ConnectionRefusedError")],
)
def test_a_failed_email_keeps_the_request_and_logs_no_personal_data(
    client, booking_page, marked_data, settings, caplog, request, server_fixture, error_name
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = request.getfixturevalue(server_fixture)
    settings.EMAIL_TIMEOUT = 5
    caplog.set_level(logging.DEBUG)

    response = post_from(client, booking_page, marked_data)

    assert response.status_code == 303
    stored = BookingRequest.objects.get()
    assert stored.name == MARKERS["name"]
    [failure] = [r for r in caplog.records if r.name == "booking.tasks"]
    assert failure.levelno == logging.ERROR
    # The default (immediate) task backend cannot run a retry later: the failure is final,
    # and shown to coordinators on the request.
    assert failure.getMessage() == (
        f"Booking request {stored.pk} was stored but its notification email failed "
        f"({error_name}): attempt 1 of 5, not retried."
    )
    assert (stored.notification_status, stored.notification_error) == ("failed", error_name)
    assert_no_visitor_data_in(caplog.records)
    assert "demo.coordinator@example.com" not in failure.getMessage()
