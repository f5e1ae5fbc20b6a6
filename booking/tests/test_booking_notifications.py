"""The notification email as a task: sent through a real SMTP server (aiosmtpd), retried
with backoff while the server is down, and a failure that persists shown in the admin."""

import logging
import socket
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.utils import timezone
from django_tasks import default_task_backend

from booking.factories import BookingRequestFactory
from booking.models import BookingRequest
from booking.tasks import MAX_ATTEMPTS, RETRY_DELAYS, send_booking_notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_verified")]

LIST_URL = "/admin/booking-requests/"
VISITOR_VALUES = ("Demo Visitor", "demo.visitor@example.com", "555 010", "weekday mornings")


class CollectingHandler:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free localhost port, not listening until ``start()``: until
    then every connection is refused, as when the mail server is down."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    server = SimpleNamespace(port=port, messages=handler.messages, started=False)

    def start():
        controller.start()
        server.started = True

    server.start = start
    yield server
    if server.started:
        controller.stop()


@pytest.fixture
def queue(settings):
    """A task backend that keeps tasks for later, as a real queue does (django-tasks'
    DummyBackend); ``run_due(at)`` does a worker's job for the tasks due by then."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = default_task_backend

    def run_due(at):
        due = [r for r in backend.results if not r.task.run_after or r.task.run_after <= at]
        for result in due:
            backend.results.remove(result)
            result.task.call(*result.args, **result.kwargs)
        return len(due)

    return SimpleNamespace(results=backend.results, run_due=run_due)


def assert_no_visitor_data(text):
    for value in VISITOR_VALUES:
        assert value not in text


def test_with_the_default_backend_the_email_goes_through_the_smtp_server_at_once(
    client, booking_page, valid_data, smtp_server
):
    smtp_server.start()
    assert client.post(booking_page.url, valid_data).status_code == 303
    stored = BookingRequest.objects.get()
    [message] = smtp_server.messages
    assert message.rcpt_tos == ["demo.coordinator@example.com"]
    body = message.content.decode()
    assert f"/admin/booking-requests/inspect/{stored.pk}/" in body
    assert_no_visitor_data(body)
    assert (stored.notification_status, stored.notification_attempts) == ("sent", 1)


def test_a_booking_sent_while_the_mail_server_is_down_is_emailed_once_it_is_up(
    client, booking_page, valid_data, smtp_server, queue, coordinator, caplog
):
    caplog.set_level(logging.DEBUG)
    started = time.monotonic()
    response = client.post(booking_page.url, valid_data)
    # The visitor is answered at once, the request stored once, the email queued by id only.
    assert response.status_code == 303
    assert time.monotonic() - started < 2
    stored = BookingRequest.objects.get()
    assert stored.notification_status == "pending"
    [queued] = queue.results
    assert (queued.args, queued.kwargs) == ([stored.pk], {})

    # The worker's first attempt: the server refuses; a retry is queued a minute later.
    assert queue.run_due(timezone.now()) == 1
    stored.refresh_from_db()
    assert (stored.notification_status, stored.notification_attempts) == ("retrying", 1)
    assert stored.notification_error == "ConnectionRefusedError"
    [retry] = queue.results
    assert retry.args == [stored.pk]
    assert retry.task.run_after == stored.notification_retry_at
    assert abs(stored.notification_retry_at - timezone.now() - RETRY_DELAYS[0]) < timedelta(
        seconds=5
    )
    assert queue.run_due(timezone.now()) == 0  # not before its time

    smtp_server.start()
    assert queue.run_due(retry.task.run_after) == 1
    stored.refresh_from_db()
    assert (stored.notification_status, stored.notification_attempts) == ("sent", 2)
    assert stored.notification_retry_at is None
    [message] = smtp_server.messages
    assert f"/admin/booking-requests/inspect/{stored.pk}/" in message.content.decode()
    assert queue.results == []
    assert BookingRequest.objects.count() == 1
    # A task run again by mistake sends nothing more.
    assert send_booking_notification.call(stored.pk) == "sent"
    assert len(smtp_server.messages) == 1
    for record in caplog.records:
        assert_no_visitor_data(record.getMessage())


def test_a_failure_that_persists_is_shown_to_coordinators(
    client, booking_page, valid_data, smtp_server, queue, coordinator, caplog
):
    caplog.set_level(logging.DEBUG)
    client.post(booking_page.url, valid_data)
    stored = BookingRequest.objects.get()
    waits = []
    moment = timezone.now()
    while queue.results:
        moment = queue.results[0].task.run_after or moment
        if queue.results[0].task.run_after:
            waits.append(queue.results[0].task.run_after)
        queue.run_due(moment)
    stored.refresh_from_db()
    assert (stored.notification_status, stored.notification_attempts) == ("failed", MAX_ATTEMPTS)
    # Backoff: each wait longer than the one before.
    gaps = [later - earlier for earlier, later in zip(waits, waits[1:], strict=False)]
    assert gaps == sorted(gaps) and len(waits) == MAX_ATTEMPTS - 1
    failures = [r.getMessage() for r in caplog.records if r.name == "booking.tasks"]
    assert len(failures) == MAX_ATTEMPTS
    assert failures[-1].endswith(f"attempt {MAX_ATTEMPTS} of {MAX_ATTEMPTS}, not retried.")
    for record in caplog.records:
        assert_no_visitor_data(record.getMessage())

    client.force_login(coordinator)
    listing = BeautifulSoup(client.get(LIST_URL).content, "html.parser")
    assert "Failed: check the requests" in listing.select_one("tbody").get_text()
    filtered = client.get(LIST_URL, {"notification_status": "failed"}).content.decode()
    assert "Demo Visitor" in filtered
    assert (
        "Demo Visitor" not in client.get(LIST_URL, {"notification_status": "sent"}).content.decode()
    )
    opened = client.get(f"/admin/booking-requests/inspect/{stored.pk}/").content.decode()
    assert "Failed: check the requests" in opened
    assert "ConnectionRefusedError" in opened


def test_a_request_purged_before_its_task_runs_is_skipped(booking_page, queue):
    booking_request = BookingRequestFactory(page=booking_page)
    pk = booking_request.pk
    booking_request.delete()
    assert send_booking_notification.call(pk) == "deleted"


def test_no_recipients_means_nobody_to_notify(client, booking_page, valid_data, queue):
    booking_page.notification_emails = ""
    booking_page.save()
    client.post(booking_page.url, valid_data)
    queue.run_due(timezone.now())
    assert BookingRequest.objects.get().notification_status == "not_needed"
