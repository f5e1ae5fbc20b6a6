"""Password resets: throttled per address and per client, and no reset token in the logs."""

import io
import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core.accounts.log_filters import RedactSecretsFilter
from core.accounts.models import PasswordResetAttempt

pytestmark = pytest.mark.django_db

RESET_URL = "/admin/password_reset/"


@pytest.fixture(autouse=True)
def reset_limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 5
    settings.PASSWORD_RESET_WINDOW = timedelta(hours=1)


@pytest.fixture
def demo_user(django_user_model):
    return django_user_model.objects.create_user(
        "demo-reset", "demo.reset@example.com", "demo-password"
    )


def ask_reset(client, email, address="203.0.113.20"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_a_reset_sends_one_email_with_a_link(client, demo_user):
    response = ask_reset(client, "demo.reset@example.com")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_resets_for_one_address_stop_after_the_limit(client, demo_user):
    responses = [ask_reset(client, "demo.reset@example.com", f"203.0.113.{n}") for n in range(4)]
    assert [r.status_code for r in responses] == [302, 302, 302, 429]
    assert len(mail.outbox) == 3  # from four different connections: the address counts
    page = responses[-1].content.decode()
    assert "Too many reset requests" in page
    assert "no email was sent this time" in page
    assert responses[-1]["Retry-After"] == "3600"
    # Case and spaces do not make a new address.
    assert ask_reset(client, " Demo.Reset@Example.com ", "203.0.113.99").status_code == 429


def test_one_client_cannot_send_resets_in_bulk(client, demo_user):
    statuses = [ask_reset(client, f"demo{n}@example.com").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    # Another connection is not affected.
    assert ask_reset(client, "demo.reset@example.com", "198.51.100.1").status_code == 302


def test_unknown_addresses_count_too_so_the_answer_tells_nothing(client, demo_user):
    known = [ask_reset(client, "demo.reset@example.com", "198.51.100.2") for _ in range(4)]
    unknown = [ask_reset(client, "nobody@example.com", "198.51.100.3") for _ in range(4)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]


def test_resets_are_allowed_again_after_the_window(client, demo_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            ask_reset(client, "demo.reset@example.com")
        assert ask_reset(client, "demo.reset@example.com").status_code == 429
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert ask_reset(client, "demo.reset@example.com").status_code == 302


def test_the_throttle_stores_no_address(client, demo_user):
    ask_reset(client, "demo.reset@example.com")
    stored = PasswordResetAttempt.objects.values_list("address_hash", "client_hash").get()
    assert "demo.reset" not in " ".join(stored) and "203.0.113" not in " ".join(stored)


# --- Logs ------------------------------------------------------------------------------------


def handler_output(logger_name, message, *args):
    """What the configured handler for this logger writes (the settings' LOGGING)."""
    logger = logging.getLogger(logger_name)
    owner = logger if not logger.propagate else logging.getLogger()
    handler = next(
        h for h in owner.handlers if any(isinstance(f, RedactSecretsFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logger.warning(message, *args)
    finally:
        handler.setStream(previous)
    return stream.getvalue()


def test_reset_links_are_blanked_in_request_logs(client, demo_user):
    ask_reset(client, "demo.reset@example.com")
    link_path = re.search(r"/admin/password_reset/confirm/\S+/", mail.outbox[0].body).group(0)
    token = link_path.rstrip("/").rsplit("/", 1)[1]
    for logger_name in ("django.request", "django.server"):
        written = handler_output(logger_name, "Not Found: %s", link_path)
        assert "/admin/password_reset/confirm/[redacted]/" in written
        assert token not in written
    # Other messages are untouched.
    assert "Not Found: /demo/" in handler_output("django.request", "Not Found: %s", "/demo/")
