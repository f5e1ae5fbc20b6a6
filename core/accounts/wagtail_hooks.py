from django.urls import path, reverse
from wagtail import hooks

from core.accounts import two_factor_views
from core.accounts.two_factor import ENROL_URL_NAME, VERIFY_URL_NAME


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor_views.enrol, name=ENROL_URL_NAME),
        path("two-factor/verify/", two_factor_views.verify, name=VERIFY_URL_NAME),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse(ENROL_URL_NAME),
        "label": "Two-factor sign-in",
        "help_text": (
            "Set up (or replace) the authenticator app that gives a code each time you sign "
            "in. Required for administrators and booking coordinators."
        ),
    }
