"""The email telling booking coordinators a request has arrived.

It carries a link to the request in the admin and nothing the visitor wrote: email is
copied, forwarded and kept in mailboxes we do not control, so the request itself stays
behind the admin's login and permission checks. It is sent by a task (booking.tasks).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse


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


def send_notification_email(booking_request, recipients):
    """Send the email; any failure (server down, address refused) is raised."""
    send_mail(
        subject=f"New booking request (number {booking_request.pk})",
        message=notification_text(booking_request),
        from_email=None,  # DEFAULT_FROM_EMAIL
        recipient_list=recipients,
    )
