"""In Chromium: a new administrator signs in, sets up an authenticator app, and later signs
in again with a code from it. Codes are computed as the app would, from the key shown."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "demo-password-for-the-browser"


def app_code(key, at):
    """What an authenticator app with this key shows at time ``at`` (6 digits, 30 s)."""
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = at
    return f"{totp.token():06d}"


def sign_in(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("demo-admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_administrator_sets_up_and_uses_two_factor_sign_in(transactional_db, browser_page):
    get_user_model().objects.create_superuser("demo-admin", "admin@example.com", PASSWORD)
    page = browser_page

    sign_in(page)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/\?next="))
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    key = b32decode(page.locator("[data-two-factor-secret]").inner_text().replace(" ", ""))

    # The admin is closed until the app is set up.
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/\?next=%2Fadmin%2Fpages%2F"))

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_text("That code did not match")).to_be_visible()

    time.sleep(2)  # django-otp makes the next try wait a second after a wrong code
    page.get_by_label("Code from your authenticator app").fill(app_code(key, time.time()))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))
    expect(page.get_by_text("Two-factor sign-in is on")).to_be_visible()

    # A new session: the password, then a code (the next one the app shows: each is used once).
    page.context.clear_cookies()
    sign_in(page)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/\?next="))
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill(app_code(key, time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto("/admin/booking-requests/")
    expect(page.get_by_role("heading", name="Booking requests")).to_be_visible()
