"""The email telling booking coordinators a request has arrived.

It carries a link to the request in the admin and nothing the visitor wrote: email is
copied, forwarded and kept in mailboxes we do not control, so the request itself stays
behind the admin's login and permission checks.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

logger = logging.getLogger(__name__)


def admin_url(booking_request):
    """The full address of the request in the Wagtail admin."""
    path = reverse("booking_requests:inspect", args=[booking_request.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notification_text(booking_request):
    return (
        "A new booking request has arrived.\n\n"
        f"Sign in to read it: {admin_url(booking_request)}\n\n"
        "For the visitor's privacy, this email does not include their details or message. "
        "Only booking coordinators can open the request.\n"
    )


def send_booking_notification(booking_request):
    """Email the page's notification addresses. Returns True if an email was sent.

    Called after the request is stored. A failure (SMTP server down, address refused) is
    logged with the request's number and the error's type only, never its message, which
    can quote addresses, and the visitor still gets the thank-you page.
    """
    page = booking_request.page
    recipients = page.notification_recipients if page else []
    if not recipients:
        return False
    try:
        send_mail(
            subject=f"New booking request (number {booking_request.pk})",
            message=notification_text(booking_request),
            from_email=None,  # DEFAULT_FROM_EMAIL
            recipient_list=recipients,
        )
    except Exception as error:  # Any failure: the request is stored, the visitor is done.
        logger.error(
            "Booking request %s was stored but its notification email failed (%s).",
            booking_request.pk,
            type(error).__name__,
        )
        return False
    return True
