"""The client's IP address, as every per-client limit on the site counts it.

The booking rate limit and the login lockout both use this, so one setting
(TRUSTED_PROXY_COUNT) decides for both how far X-Forwarded-For is believed.
"""

from django.conf import settings


def client_ip(request):
    """The visitor's IP address, trusting X-Forwarded-For only as far as settings allow.

    Behind N trusted proxies (TRUSTED_PROXY_COUNT=N), the client address is the Nth entry
    from the right of X-Forwarded-For; entries further left are whatever the client sent.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
