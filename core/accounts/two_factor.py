"""Who must sign in with a second factor (a TOTP code), and the middleware that insists.

Compulsory for superusers and for anyone holding one of TWO_FACTOR_REQUIRED_PERMISSIONS
(in settings: the permission to read booking requests, which hold clinicians' health
data); optional for everyone else, but whoever has set it up is always asked for a code.
An admin request from a signed-in user who needs a code and has not given one in this
session is sent to set up an authenticator app, or to enter a code from it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

ENROL_URL_NAME = "accounts_two_factor"
VERIFY_URL_NAME = "accounts_two_factor_verify"

# Admin pages a user may open before giving a code: signing in and out, resetting a
# forgotten password, the two-factor pages themselves, and what those pages load.
OPEN_URL_NAMES = {
    ENROL_URL_NAME,
    VERIFY_URL_NAME,
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def must_use_two_factor(user):
    """True for superusers and holders of a permission listed in settings."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(name) for name in settings.TWO_FACTOR_REQUIRED_PERMISSIONS)


def has_authenticator(user):
    """True once the user has confirmed an authenticator app with a first code."""
    return user.is_authenticated and user_has_device(user, confirmed=True)


def needs_code(user):
    """Whether this user must give a code in each session before using the admin."""
    return must_use_two_factor(user) or has_authenticator(user)


def two_factor_url(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class TwoFactorMiddleware:
    """Sends an admin user who needs a code, and has not given one, to give or set one up.

    Runs after django_otp's OTPMiddleware (which gives ``request.user.is_verified()``).
    Switched off only by TWO_FACTOR_ENFORCED = False (settings); test settings keep it on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "TWO_FACTOR_ENFORCED", True):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None  # the public site never asks for a code
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        if has_authenticator(user):
            return redirect(two_factor_url(VERIFY_URL_NAME, request.get_full_path()))
        if must_use_two_factor(user):
            return redirect(two_factor_url(ENROL_URL_NAME, request.get_full_path()))
        return None
