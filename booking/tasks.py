"""The coordinators' notification email, sent as a background task (django-tasks).

The visitor's request is stored, then this task is enqueued with the request's id and
nothing else (a task's arguments are stored by a queue and shown by its tools; the task
reads the record). With the default immediate backend it runs at once, inside the
visitor's request; with a queue (``TASKS_BACKEND=database``) a worker runs it, so a slow
or down mail server never makes a visitor wait.

A failed send is retried with growing delays, when the backend can run a task later
(``run_after``); the immediate backend cannot, so there a failure is final at once. Each
outcome is written on the request (``notification_status``), so coordinators see in the
admin which requests nobody was told about. Logs name the request's number and the
error's type, never the error's text (it can quote addresses) or anything the visitor wrote.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from booking.choices import NotificationStatus
from booking.models.records import BookingRequest
from booking.notifications import send_notification_email

logger = logging.getLogger(__name__)

# The wait after each failed attempt: 5 attempts over about two and a half hours.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@task()
def send_booking_notification(booking_request_id):
    """Email the booking page's notification addresses about one request; returns the
    request's notification status."""
    booking_request = (
        BookingRequest.objects.select_related("page").filter(pk=booking_request_id).first()
    )
    if booking_request is None:
        return "deleted"  # purged before the task ran: nothing to tell
    if booking_request.notification_status in (
        NotificationStatus.SENT,
        NotificationStatus.NOT_NEEDED,
    ):
        return booking_request.notification_status  # already done (a task run twice)
    page = booking_request.page
    recipients = page.notification_recipients if page else []
    records = BookingRequest.objects.filter(pk=booking_request_id)
    if not recipients:
        records.update(notification_status=NotificationStatus.NOT_NEEDED)
        return NotificationStatus.NOT_NEEDED

    attempt = booking_request.notification_attempts + 1
    try:
        send_notification_email(booking_request, recipients)
    except Exception as error:  # Any failure: the request is stored; record and retry.
        return _record_failure(records, booking_request_id, attempt, type(error).__name__)
    records.update(
        notification_status=NotificationStatus.SENT,
        notification_attempts=attempt,
        notification_error="",
        notification_retry_at=None,
    )
    return NotificationStatus.SENT


def _record_failure(records, booking_request_id, attempt, error_name):
    can_retry = attempt < MAX_ATTEMPTS and send_booking_notification.get_backend().supports_defer
    retry_at = timezone.now() + RETRY_DELAYS[attempt - 1] if can_retry else None
    status = NotificationStatus.RETRYING if can_retry else NotificationStatus.FAILED
    records.update(
        notification_status=status,
        notification_attempts=attempt,
        notification_error=error_name,
        notification_retry_at=retry_at,
    )
    outcome = f"retrying at {retry_at:%Y-%m-%d %H:%M:%S %Z}" if can_retry else "not retried"
    logger.error(
        "Booking request %s was stored but its notification email failed (%s): "
        "attempt %s of %s, %s.",
        booking_request_id,
        error_name,
        attempt,
        MAX_ATTEMPTS,
        outcome,
    )
    if can_retry:
        send_booking_notification.using(run_after=retry_at).enqueue(booking_request_id)
    return status


def enqueue_booking_notification(booking_request):
    """Queue the notification; a queue that refuses it leaves the request "waiting to be
    sent", visible in the admin, and the visitor still gets the thank-you page."""
    try:
        send_booking_notification.enqueue(booking_request.pk)
    except Exception as error:  # The queue (its database) is down: the request is stored.
        logger.error(
            "Booking request %s was stored but its notification could not be queued (%s).",
            booking_request.pk,
            type(error).__name__,
        )
