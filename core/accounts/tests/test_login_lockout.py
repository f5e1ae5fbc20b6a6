"""Sign-in lockout through the real views: the admin login, the site login and private pages.

Failures count per account and client together: the account is paused for the client that
guessed, not for a colleague behind the same clinic address signing in to their own
account, nor for the account's owner on another connection.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageViewRestriction

LOGIN_URL = "/admin/login/"
PASSWORD = "demo-password-for-lockout"
ATTACKER = "203.0.113.7"
COLLEAGUE = "203.0.113.8"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def demo_user(django_user_model):
    return django_user_model.objects.create_user("demo-user", password=PASSWORD)


def sign_in(client, username, password, **extra):
    return client.post(
        LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def fail_until_locked(client, username="demo-user", **extra):
    responses = [sign_in(client, username, "wrong-password", **extra) for _ in range(3)]
    assert [r.status_code for r in responses[:2]] == [200, 200]  # the form again, with an error
    return responses[-1]


def test_the_third_wrong_password_pauses_sign_in_with_a_page_in_words(client, demo_user):
    locked = fail_until_locked(client, REMOTE_ADDR=ATTACKER)
    assert locked.status_code == 429
    content = locked.content.decode()
    assert "Sign-in paused" in content
    assert "entered wrongly too many times" in content
    assert "Please wait 15 minutes" in content
    assert locked["Retry-After"] == str(15 * 60)


def test_while_paused_even_the_right_password_does_not_sign_in(client, demo_user):
    fail_until_locked(client, REMOTE_ADDR=ATTACKER)
    response = sign_in(client, "demo-user", PASSWORD, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_colleague_behind_the_same_address_and_the_owner_elsewhere_still_sign_in(
    client, demo_user, django_user_model
):
    django_user_model.objects.create_user("demo-colleague", password=PASSWORD)
    fail_until_locked(client, REMOTE_ADDR=ATTACKER)
    # Same address, another account.
    response = sign_in(client, "demo-colleague", PASSWORD, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 302
    client.logout()
    # Same account, another connection.
    response = sign_in(client, "demo-user", PASSWORD, REMOTE_ADDR=COLLEAGUE)
    assert response.status_code == 302


def test_sign_in_works_again_after_the_cool_off(client, demo_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_locked(client, REMOTE_ADDR=ATTACKER)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert sign_in(client, "demo-user", PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 429
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        assert sign_in(client, "demo-user", PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 302


def test_the_cool_off_comes_from_settings(client, demo_user, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=2)
    locked = fail_until_locked(client, REMOTE_ADDR=ATTACKER)
    assert "Please wait 2 minutes" in locked.content.decode()
    assert locked["Retry-After"] == "120"


def test_a_forged_forwarded_for_header_does_not_give_more_tries(client, demo_user):
    """Without a trusted proxy, X-Forwarded-For is the client's own words: ignored."""
    for n in range(3):
        sign_in(
            client,
            "demo-user",
            "wrong-password",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    forged = sign_in(
        client, "demo-user", PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert forged.status_code == 429


def test_behind_a_trusted_proxy_the_client_is_read_from_forwarded_for(client, demo_user, settings):
    """As the booking rate limit: the proxy's address is shared, the forwarded one is not."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    fail_until_locked(client, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy)
    assert (
        sign_in(client, "demo-user", PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy).status_code
        == 429
    )
    other = sign_in(client, "demo-user", PASSWORD, HTTP_X_FORWARDED_FOR=COLLEAGUE, **proxy)
    assert other.status_code == 302


def test_the_site_login_for_private_pages_is_protected_too(client, demo_user):
    for _ in range(3):
        response = client.post(
            "/_util/login/",
            {"username": "demo-user", "password": "wrong-password"},
            REMOTE_ADDR=ATTACKER,
        )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_the_django_admin_is_gone(client, django_user_model):
    admin = django_user_model.objects.create_superuser("demo-admin", "a@example.com", PASSWORD)
    client.force_login(admin)
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


# --- Private pages' passwords -------------------------------------------------------------


@pytest.fixture
def private_page(home_page):
    """The demo home page, behind a shared password (any page type would do)."""
    restriction = PageViewRestriction.objects.create(
        page=home_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="demo-page-password",
    )
    return home_page, restriction


def submit_page_password(client, private_page, password, **extra):
    page, restriction = private_page
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        **extra,
    )


def test_wrong_page_passwords_pause_the_form_for_that_client(client, private_page):
    responses = [
        submit_page_password(client, private_page, "wrong", REMOTE_ADDR=ATTACKER) for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [200, 200, 429]
    content = responses[-1].content.decode()
    assert "Too many attempts" in content
    assert "The password for this page was entered wrongly too many times" in content
    # The right password is not even checked while paused...
    right = submit_page_password(client, private_page, "demo-page-password", REMOTE_ADDR=ATTACKER)
    assert right.status_code == 429
    # ...and readers on other connections are not affected.
    other = submit_page_password(client, private_page, "demo-page-password", REMOTE_ADDR=COLLEAGUE)
    assert other.status_code == 302
    assert client.get(private_page[0].url).status_code == 200


def test_a_right_page_password_still_opens_the_page(client, private_page):
    response = submit_page_password(client, private_page, "demo-page-password")
    assert response.status_code == 302
    assert client.get(private_page[0].url).status_code == 200
