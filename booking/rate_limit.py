"""At most five booking requests per client per hour, counted in the database.

Counting in the database (not in process memory or a per-process cache) makes the limit
hold across every gunicorn worker and server sharing the database.

Privacy: the client is identified by a keyed hash of its IP address, never the address.
An IPv4 address has only 2**32 values, so a plain or publicly salted hash could be reversed
by trying them all; the HMAC key is derived from SECRET_KEY, which never leaves the server.
Rows are deleted once they are older than the window, so even the hash lives about an hour.
"""

import ipaddress
import math
from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from booking.models import BookingRateLimitAttempt
from core.client_address import client_ip

LIMIT = 5
WINDOW = timedelta(hours=1)


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


def _recent(client):
    return BookingRateLimitAttempt.objects.filter(
        client_hash=client, created_at__gt=timezone.now() - WINDOW
    )


def is_exhausted(client):
    """True when this client has used up its attempts for the window (a cheap pre-check)."""
    return _recent(client).count() >= LIMIT


def record_attempt(client):
    """Record an attempt and say whether it is within the limit.

    The row is written before counting, and outside any transaction (the site does not use
    ATOMIC_REQUESTS), so each insert is committed before its own count runs. Of two
    concurrent requests, the one counting later therefore sees the other's row, and no
    more than LIMIT attempts can ever be accepted, whichever process serves them. A
    refused attempt removes its row, so retrying does not extend the wait.
    """
    now = timezone.now()
    BookingRateLimitAttempt.objects.filter(created_at__lte=now - WINDOW).delete()
    attempt = BookingRateLimitAttempt.objects.create(client_hash=client, created_at=now)
    if _recent(client).count() > LIMIT:
        attempt.delete()
        return False
    return True


def seconds_until_allowed(client):
    """For the Retry-After header: when the oldest attempt in the window expires."""
    oldest = _recent(client).order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is None:
        return 0
    return max(1, math.ceil((oldest + WINDOW - timezone.now()).total_seconds()))
