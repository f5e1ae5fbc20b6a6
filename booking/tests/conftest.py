"""Fixtures for the booking tests: the booking page, a coordinator and an editor."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from booking.factories import BookingRequestPageFactory


@pytest.fixture
def booking_page(home_page):
    return BookingRequestPageFactory(parent=home_page)


@pytest.fixture
def valid_data():
    """A complete, valid form post (visibly synthetic)."""
    return {
        "name": "Demo Visitor",
        "email": "demo.visitor@example.com",
        "phone": "+1 555 010 0199",
        "preferred_contact": "email",
        "role": "nurse",
        "message": "Demo message: weekday mornings suit me.",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def coordinator(django_user_model):
    """A member of the "Booking coordinators" group created by the data migration."""
    user = django_user_model.objects.create_user("demo-coordinator", password="demo-password")
    user.groups.add(Group.objects.get(name="Booking coordinators"))
    return user


@pytest.fixture
def editor(django_user_model, home_page):
    """An editor: admin access and add/edit/publish rights on every page, nothing more."""
    group = Group.objects.create(name="Demo editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=home_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user("demo-editor", password="demo-password")
    user.groups.add(group)
    return user
