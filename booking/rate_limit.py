"""Limits on booking requests per client and per email address, counted in the database.

Two limits, both per window (settings ``BOOKING_RATE_LIMIT_PER_CLIENT``,
``BOOKING_RATE_LIMIT_PER_EMAIL``, ``BOOKING_RATE_LIMIT_WINDOW`` in seconds): a generous one
per client address, because a whole hospital can reach the site through one NAT address,
and a strict one per email address, which is what a person repeating themselves or a
script sending in someone's name reuses.

Counting in the database (not in process memory or a per-process cache) makes the limits
hold across every gunicorn worker and server sharing the database.

Privacy: the client and the email address are stored only as keyed hashes, never as such.
An IPv4 address has only 2**32 values, so a plain or publicly salted hash could be reversed
by trying them all; the HMAC key is derived from SECRET_KEY, which never leaves the server.
Rows are deleted once they are older than the window, so even the hashes live that long.
"""

import ipaddress
import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from booking.models.records import BookingRateLimitAttempt
from core.client_address import client_ip

DEFAULT_PER_CLIENT = 30
DEFAULT_PER_EMAIL = 5
DEFAULT_WINDOW_SECONDS = 3600


def per_client_limit():
    return getattr(settings, "BOOKING_RATE_LIMIT_PER_CLIENT", DEFAULT_PER_CLIENT)


def per_email_limit():
    return getattr(settings, "BOOKING_RATE_LIMIT_PER_EMAIL", DEFAULT_PER_EMAIL)


def window():
    return timedelta(seconds=getattr(settings, "BOOKING_RATE_LIMIT_WINDOW", DEFAULT_WINDOW_SECONDS))


def client_key(request):
    """A keyed hash naming the client. IPv6 clients are grouped by their /64 network,
    since one connection usually owns a whole /64 and could otherwise rotate addresses."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6:
        address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return salted_hmac("artcms.booking.rate_limit", address, algorithm="sha256").hexdigest()


def email_key(email):
    """A keyed hash naming an email address, compared without case."""
    return salted_hmac(
        "artcms.booking.rate_limit.email", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


def _recent():
    return BookingRateLimitAttempt.objects.filter(created_at__gt=timezone.now() - window())


def _over(client, email, *, allowed_extra=0):
    """The keys (as filters) holding more than their limit plus allowed_extra attempts,
    counted in one query."""
    limits = [(Q(client_hash=client), per_client_limit())]
    if email:  # A bot caught by the honeypot gives no address: it counts per client only.
        limits.append((Q(email_hash=email), per_email_limit()))
    counts = _recent().aggregate(
        **{f"key{n}": Count("pk", filter=key) for n, (key, _limit) in enumerate(limits)}
    )
    return [
        key for n, (key, limit) in enumerate(limits) if counts[f"key{n}"] > limit + allowed_extra
    ]


def is_exhausted(client, email=""):
    """True when the client (or the email address) has used up its attempts for the
    window: a cheap pre-check, made before the form is even read."""
    return bool(_over(client, email, allowed_extra=-1))


def record_attempt(client, email=""):
    """Record an attempt and say whether it is within both limits.

    The row is written before counting, and outside any transaction (the site does not use
    ATOMIC_REQUESTS), so each insert is committed before its own count runs. Of two
    concurrent requests, the one counting later therefore sees the other's row, and no
    more than the limit can ever be accepted, whichever process serves them. A refused
    attempt removes its row, so retrying does not extend the wait.
    """
    now = timezone.now()
    BookingRateLimitAttempt.objects.filter(created_at__lte=now - window()).delete()
    attempt = BookingRateLimitAttempt.objects.create(
        client_hash=client, email_hash=email, created_at=now
    )
    if _over(client, email):
        attempt.delete()
        return False
    return True


def seconds_until_allowed(client, email=""):
    """For the Retry-After header: when the oldest attempt of an exhausted key expires."""
    waits = []
    for key in _over(client, email, allowed_extra=-1):
        oldest = _recent().filter(key).order_by("created_at").values_list("created_at", flat=True)
        if oldest:
            waits.append((oldest[0] + window() - timezone.now()).total_seconds())
    return max(1, math.ceil(max(waits))) if waits else 0
