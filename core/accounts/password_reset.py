"""Password resets, throttled per email address and per client, counted in the database.

Each reset sends an email, so without a limit anyone could fill a colleague's inbox or
make the site send mail in bulk. Every request is counted, whether or not an account has
that address, so the answer never tells which addresses have accounts. Counting in the
database makes the limit hold across every worker and server.
"""

import math

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.admin.views.account import PasswordResetView

from core.accounts.models import PasswordResetAttempt
from core.client_address import client_ip

TEMPLATE = "accounts/password_reset_throttled.html"


def keyed_hash(kind, value):
    return salted_hmac(
        f"artcms.accounts.password_reset.{kind}", value, algorithm="sha256"
    ).hexdigest()


def window():
    return settings.PASSWORD_RESET_WINDOW


def _recent(**hashes):
    return PasswordResetAttempt.objects.filter(created_at__gt=timezone.now() - window(), **hashes)


def record_attempt(email, request):
    """Count this reset request; say whether it is within both limits.

    A refused request is not kept, so retrying does not extend the wait.
    """
    address = keyed_hash("address", email.strip().lower())
    client = keyed_hash("client", client_ip(request))
    now = timezone.now()
    with transaction.atomic():
        PasswordResetAttempt.objects.filter(created_at__lte=now - window()).delete()
        attempt = PasswordResetAttempt.objects.create(
            address_hash=address, client_hash=client, created_at=now
        )
    if (
        _recent(address_hash=address).count() > settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        or _recent(client_hash=client).count() > settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    ):
        attempt.delete()
        return False
    return True


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's "Forgotten password?" form, which sends no email past the limits."""

    def form_valid(self, form):
        if not record_attempt(form.cleaned_data["email"], self.request):
            minutes = max(1, math.ceil(window().total_seconds() / 60))
            response = render(self.request, TEMPLATE, {"minutes": minutes}, status=429)
            response["Retry-After"] = str(minutes * 60)
            return response
        return super().form_valid(form)
