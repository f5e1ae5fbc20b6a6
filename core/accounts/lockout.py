"""What a locked-out visitor sees, and the lockout for private pages' passwords.

django-axes counts failed sign-ins per account and client together (see
AXES_LOCKOUT_PARAMETERS in settings), so one clinic behind a shared address cannot lock
everyone out, and someone guessing one account's password is stopped after a few tries.
"""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.urls import reverse
from wagtail import views as wagtail_views

ADMIN_TEMPLATE = "accounts/locked_out_admin.html"
SITE_TEMPLATE = "accounts/locked_out.html"
PAGE_PASSWORD_PREFIX = "page-password:"  # noqa: S105 - a label, not a password
STATUS = 429  # Too Many Requests: the client may come back after Retry-After seconds.


def wait_in_minutes(request):
    """The cool-off, rounded up to whole minutes (at least one) for the message."""
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None


def locked_out_response(request, original_response=None, credentials=None):
    """The page for AXES_LOCKOUT_CALLABLE: the site's words, status 429, and Retry-After.

    Admin addresses get a page in the admin's style, everything else the public site's.
    """
    minutes = wait_in_minutes(request)
    username = (credentials or {}).get("username") or ""
    reason = "page_password" if username.startswith(PAGE_PASSWORD_PREFIX) else "login"
    in_admin = request.path.startswith(reverse("wagtailadmin_home"))
    response = render(
        request,
        ADMIN_TEMPLATE if in_admin else SITE_TEMPLATE,
        {"minutes": minutes, "reason": reason},
        status=STATUS,
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response


def page_password_credentials(page_view_restriction_id):
    """Failures at one private page's password are counted like an account of their own."""
    return get_credentials(username=f"{PAGE_PASSWORD_PREFIX}{page_view_restriction_id}")


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's private-page password form, with wrong passwords counted by django-axes.

    Wagtail checks the password in a form, not through Django's authenticate(), so axes
    never hears of a wrong one; here each wrong password is reported as a failed sign-in,
    and a client that has used up its tries gets the lockout page without the password
    being checked at all.
    """
    credentials = page_password_credentials(page_view_restriction_id)
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return locked_out_response(request, credentials=credentials)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code != 302:
        # Not redirected to the page: the form came back, so the password was wrong. If
        # that was the last try, axes marks the request and AxesMiddleware answers with
        # the lockout page instead.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response
