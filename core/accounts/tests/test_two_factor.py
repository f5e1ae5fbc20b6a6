"""Two-factor sign-in through the real admin views: who must give a code, and codes.

Booking coordinators' case is in booking/tests/test_booking_two_factor.py. Codes are
computed as an authenticator app would, with django_otp's own TOTP.
"""

import time

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-for-two-factor"
ENROL_URL = "/admin/two-factor/"
VERIFY_URL = "/admin/two-factor/verify/"


def code_for(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, username):
    response = client.post(
        "/admin/login/",
        {"username": username, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    return response


@pytest.fixture
def editor(django_user_model, home_page):
    group = Group.objects.create(name="Demo editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=home_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user("demo-editor", password=PASSWORD)
    user.groups.add(group)
    return user


def test_a_user_given_a_listed_permission_must_set_it_up(client, editor, settings):
    """The rule is the settings' list of permissions, not a group's name."""
    settings.TWO_FACTOR_REQUIRED_PERMISSIONS = ["wagtailadmin.access_admin"]
    sign_in(client, "demo-editor")
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


def test_a_code_cannot_be_used_twice(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Demo app", confirmed=True)
    with time_machine.travel(1_900_000_000, tick=False):
        code = code_for(device)
        sign_in(client, "demo-editor")
        assert client.post(VERIFY_URL, {"code": code, "next": "/admin/"}).status_code == 302
        client.logout()
        sign_in(client, "demo-editor")
        replay = client.post(VERIFY_URL, {"code": code, "next": "/admin/"})
        assert replay.status_code == 200
        assert "That code did not match" in replay.content.decode()


def test_a_superuser_must_set_up_two_factor_too(client, django_user_model):
    django_user_model.objects.create_superuser("demo-admin", "a@example.com", PASSWORD)
    sign_in(client, "demo-admin")
    assert client.get("/admin/pages/")["Location"].startswith(ENROL_URL)


def test_an_editor_without_two_factor_can_still_edit(client, editor, home_page):
    sign_in(client, "demo-editor")
    assert client.get("/admin/").status_code == 200
    edit = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert edit.status_code == 200
    # Optional for them: the account page offers it.
    account = client.get("/admin/account/").content.decode()
    assert "Two-factor sign-in" in account and ENROL_URL in account


def test_an_editor_who_set_it_up_is_asked_for_a_code(client, editor, home_page):
    device = TOTPDevice.objects.create(user=editor, name="Demo app", confirmed=True)
    sign_in(client, "demo-editor")
    assert client.get(f"/admin/pages/{home_page.pk}/edit/")["Location"].startswith(VERIFY_URL)
    client.post(VERIFY_URL, {"code": code_for(device)})
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == 200


def test_the_operator_resets_a_lost_phone(editor, capsys):
    TOTPDevice.objects.create(user=editor, name="Demo app", confirmed=True)
    call_command("reset_two_factor", "demo-editor")
    assert "Removed 1 authenticator app(s) for demo-editor" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=editor).exists()
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_two_factor", "nobody")
