"""The fixed lists a booking request chooses from, and the actions the access log records.

The stored values are short codes; the labels are what visitors and coordinators read.
"""

from django.db import models


class ContactMethod(models.TextChoices):
    """How the visitor would like to be contacted."""

    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"


class Role(models.TextChoices):
    """The visitor's role, as they describe it."""

    PHYSICIAN = "physician", "Physician"
    NURSE = "nurse", "Nurse"
    OTHER_CLINICIAN = "other_clinician", "Other clinician"
    OTHER = "other", "Other"


class RequestStatus(models.TextChoices):
    """Where a request stands, as its coordinators set it."""

    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    CLOSED = "closed", "Closed"


class NotificationStatus(models.TextChoices):
    """Whether the coordinators' email about a request went out (see booking.tasks)."""

    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    RETRYING = "retrying", "Failed, will retry"
    FAILED = "failed", "Failed: check the requests"
    NOT_NEEDED = "not_needed", "Nobody to notify"


class AuditAction(models.TextChoices):
    """What a coordinator did with booking requests (see BookingAuditEvent)."""

    LIST = "list", "Listed requests"
    VIEW = "view", "Opened a request"
    EXPORT = "export", "Exported requests"
    STATUS = "status", "Changed a status"
