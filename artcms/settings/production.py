"""Production: refuses to start without a secret key, allowed hosts and real email."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_BACKEND, TRUSTED_PROXY_COUNT, env_bool

for _name in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production.")

DEBUG = False

# --- Email (see "Email" in docs/SECURITY.md) -----------------------------------------------
# Password-reset links are a key to an account: they must go out by real email, never to the
# server's log (console), a file, or nowhere. SMTP needs EMAIL_HOST from the environment.
REFUSED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
if EMAIL_BACKEND in REFUSED_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set in the environment for production to a backend that "
        "sends email (e.g. django.core.mail.backends.smtp.EmailBackend), not "
        f"{EMAIL_BACKEND}: it would write password-reset links to the log or drop them."
    )
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
if EMAIL_BACKEND == SMTP_BACKEND and not os.environ.get("EMAIL_HOST", "").strip():
    raise ImproperlyConfigured("EMAIL_HOST must be set in the environment for production.")
# --- End of email ---------------------------------------------------------------------------

# HTTPS: on by default; switch off only behind a proxy that already enforces it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# === Proxies (issue 13, item 9) ========================================================
# X-Forwarded-Proto says "this came over HTTPS" only when a proxy in front sets it (and
# replaces whatever a client sent): believe it only when settings say such a proxy exists,
# or any client could claim HTTPS. See "Proxies and gunicorn" in docs/SECURITY.md.
if TRUSTED_PROXY_COUNT > 0 or env_bool("SECURE_PROXY_SSL_HEADER_TRUSTED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# === End of proxies ====================================================================
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
