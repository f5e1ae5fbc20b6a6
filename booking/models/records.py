"""The booking records: what a visitor sent, the rate limit's counters, and the access log.

What a visitor sends here is health-adjacent and sensitive (a clinician saying they need
help), so the app keeps it minimal, readable only by booking coordinators, audited, and
deleted after the page's retention period by ``manage.py purge_booking_requests``.

These models import nothing else from the app but its choices, so the form, the rate limit
and the notification can import them without importing the page.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from booking.choices import AuditAction, ContactMethod, NotificationStatus, RequestStatus, Role

DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 730

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
PHONE_MAX_LENGTH = 30
MESSAGE_MAX_LENGTH = 2000


class BookingRequest(models.Model):
    """One request sent through the booking form: only what is needed to get in touch.

    ``__str__`` is deliberately impersonal ("Booking request 12"): it shows up in admin
    titles, breadcrumbs and anything that logs an object, and must never carry a name.
    """

    page = models.ForeignKey(
        "booking.BookingRequestPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="booking_requests",
        help_text="The booking page it was sent from; its retention period applies.",
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH)
    phone = models.CharField(max_length=PHONE_MAX_LENGTH, blank=True)
    preferred_contact = models.CharField(
        "preferred contact method", max_length=10, choices=ContactMethod.choices
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH, blank=True)
    # What the visitor agreed to, word for word, as evidence of consent.
    consent_text = models.TextField("agreed to")
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    # The random token of the form it was sent with (see BookingRequestForm): unique, so a
    # double click or a resend of the same form is stored once, whichever process gets it.
    submission_token = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Identifies the form it was sent with, so a double click is stored once.",
    )

    # Set by coordinators as they handle the request; the only thing anyone can change.
    status = models.CharField(
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.NEW,
        db_index=True,
        help_text=(
            "New until a coordinator has been in touch; Contacted once they have; Closed "
            "when nothing more is to be done."
        ),
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who last changed the status.",
    )
    status_changed_at = models.DateTimeField(
        "status changed", null=True, blank=True, editable=False
    )

    # Written by the notification task (booking.tasks), so a failure that persists is seen
    # in the admin by the people who handle bookings, not only in a server log.
    notification_status = models.CharField(
        "notification email",
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        editable=False,
        help_text=(
            "Whether the email telling coordinators about this request was sent. If it "
            "failed, nobody was told: handle the request from here."
        ),
    )
    notification_attempts = models.PositiveSmallIntegerField(
        "notification attempts", default=0, editable=False
    )
    # The error's type only (e.g. "ConnectionRefusedError"): its message can quote addresses.
    notification_error = models.CharField(
        "last notification error", max_length=100, blank=True, editable=False
    )
    notification_retry_at = models.DateTimeField(
        "next notification attempt", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "booking request"
        # Read-only everywhere: no add/change/delete permissions exist to grant. The two
        # permissions are what the "Booking coordinators" group holds: to read requests,
        # and to move one between New, Contacted and Closed (nothing else is editable).
        default_permissions = ()
        permissions = [
            ("view_bookingrequest", "Can view booking requests"),
            ("change_status_bookingrequest", "Can change the status of booking requests"),
        ]

    def __str__(self):
        return f"Booking request {self.pk}"

    @property
    def retention_days(self):
        return self.page.retention_days if self.page_id else DEFAULT_RETENTION_DAYS

    @property
    def delete_after(self):
        return self.created_at + timedelta(days=self.retention_days)

    delete_after.fget.short_description = "Deleted after"  # its label in the admin


class BookingRateLimitAttempt(models.Model):
    """One accepted form post, keyed by hashes of the client's IP and of the email address
    given (see booking.rate_limit).

    Rows live as long as the rate-limit window: each new attempt deletes the expired ones.
    """

    client_hash = models.CharField(max_length=64, db_index=True)
    # Blank for a bot caught by the honeypot, which gives no usable address.
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"Attempt at {self.created_at:%Y-%m-%d %H:%M}"


class BookingAuditEvent(models.Model):
    """Who listed, opened or exported booking requests, or changed a status, and when.

    It stores no visitor data: not the search words (they are often a name, and this log
    outlives the requests), only whether a search or filter was used, and request ids.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the record survives the account being deleted.
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    # Not a foreign key: the event must outlive the request when it is purged.
    booking_request_id = models.PositiveBigIntegerField("booking request", null=True, blank=True)
    object_count = models.PositiveIntegerField("requests shown", null=True, blank=True)
    searched = models.BooleanField("searched or filtered", default=False)
    export_format = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(
        "new status", max_length=10, choices=RequestStatus.choices, blank=True
    )
    created_at = models.DateTimeField("time", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "booking access log entry"
        verbose_name_plural = "booking access log entries"
        default_permissions = ()

    def __str__(self):
        return f"{self.username}: {self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, user, action, **details):
        return cls.objects.create(user=user, username=user.get_username(), action=action, **details)
