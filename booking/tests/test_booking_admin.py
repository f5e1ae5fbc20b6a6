"""Who can see booking requests in the admin, and the audit trail of every look."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from booking.factories import BookingRequestFactory
from booking.models import BookingAuditEvent

# Coordinators and superusers give a two-factor code at sign-in (see the root conftest).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_verified")]

LIST_URL = "/admin/booking-requests/"
RESULTS_URL = "/admin/booking-requests/results/"
LOG_URL = "/admin/booking-access-log/"


def inspect_url(booking_request):
    return f"/admin/booking-requests/inspect/{booking_request.pk}/"


@pytest.fixture
def requests_(booking_page):
    return [
        BookingRequestFactory(page=booking_page, name="Demo Alpha", email="alpha@example.com"),
        BookingRequestFactory(
            page=booking_page, name="Demo Beta", role="physician", message="Demo Beta note."
        ),
    ]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("demo-admin", "admin@example.com", "pw")


# --- The group and its permission ---------------------------------------------------------


def test_the_migration_creates_the_booking_coordinators_group():
    group = Group.objects.get(name="Booking coordinators")
    permissions = {(p.content_type.app_label, p.codename, p.name) for p in group.permissions.all()}
    assert permissions == {
        ("booking", "view_bookingrequest", "Can view booking requests"),
        ("booking", "change_status_bookingrequest", "Can change the status of booking requests"),
        ("wagtailadmin", "access_admin", "Can access Wagtail admin"),
    }


def test_no_other_group_may_view_booking_requests():
    """Editors, Clinical reviewers and any group added later must not get this permission."""
    permission = Permission.objects.get(codename="view_bookingrequest")
    holders = Group.objects.filter(permissions=permission).values_list("name", flat=True)
    assert list(holders) == ["Booking coordinators"]


# --- Coordinators -------------------------------------------------------------------------


def test_a_coordinator_sees_the_requests_in_the_menu_and_the_listing(
    client, coordinator, requests_
):
    client.force_login(coordinator)
    assert LIST_URL in client.get("/admin/").content.decode()  # the menu item
    response = client.get(LIST_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Demo Alpha" in content and "Demo Beta" in content
    # Read-only: no way to add, edit or delete a request.
    for action in ("new/", f"edit/{requests_[0].pk}/", f"delete/{requests_[0].pk}/"):
        assert LIST_URL + action not in content
        assert client.get(LIST_URL + action).status_code == 404


def test_a_coordinator_can_search_the_requests(client, coordinator, requests_):
    client.force_login(coordinator)
    for url in (LIST_URL, RESULTS_URL):
        content = client.get(url, {"q": "beta"}).content.decode()
        assert "Demo Beta" in content
        assert "Demo Alpha" not in content


def test_a_coordinator_can_open_a_request(client, coordinator, requests_):
    client.force_login(coordinator)
    response = client.get(inspect_url(requests_[1]))
    assert response.status_code == 200
    content = response.content.decode()
    for expected in ("Demo Beta", "Physician", "Demo Beta note.", "Demo consent statement."):
        assert expected in content


def test_a_coordinator_can_export_the_requests_as_csv(client, coordinator, requests_):
    client.force_login(coordinator)
    response = client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="booking-requests.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Name"] for row in rows] == ["Demo Beta", "Demo Alpha"]
    assert rows[1]["Email"] == "alpha@example.com"
    assert rows[0]["Message"] == "Demo Beta note."
    assert set(rows[0]) == {
        "Number",
        "Received",
        "Name",
        "Email",
        "Phone",
        "Preferred contact method",
        "Role",
        "Message",
        "Status",
        "Status changed",
    }


def test_the_csv_export_defuses_spreadsheet_formulas(client, coordinator, booking_page):
    BookingRequestFactory(page=booking_page, name='=HYPERLINK("http://x.example")')
    client.force_login(coordinator)
    response = client.get(LIST_URL, {"export": "csv"})
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Name"] == '\'=HYPERLINK("http://x.example")'


# --- The audit log ------------------------------------------------------------------------


def test_listing_searching_opening_and_exporting_are_each_logged(client, coordinator, requests_):
    client.force_login(coordinator)
    client.get(LIST_URL)
    client.get(RESULTS_URL, {"q": "Demo Beta"})
    client.get(inspect_url(requests_[0]))
    client.get(LIST_URL, {"export": "csv"})
    client.get(LIST_URL, {"export": "xlsx"})

    events = list(BookingAuditEvent.objects.order_by("pk"))
    summary = [
        (e.user, e.username, e.action, e.booking_request_id, e.object_count, e.searched)
        for e in events
    ]
    user = coordinator
    assert summary == [
        (user, "demo-coordinator", "list", None, 2, False),
        (user, "demo-coordinator", "list", None, 1, True),
        (user, "demo-coordinator", "view", requests_[0].pk, None, False),
        (user, "demo-coordinator", "export", None, 2, False),
        (user, "demo-coordinator", "export", None, 2, False),
    ]
    assert [e.export_format for e in events[3:]] == ["csv", "xlsx"]
    assert all(e.created_at is not None for e in events)
    # The search words (here a visitor's name) are not kept in the log.
    assert "Beta" not in repr(list(BookingAuditEvent.objects.values()))


def test_the_audit_trail_outlives_the_request_and_the_account(client, coordinator, requests_):
    client.force_login(coordinator)
    opened = requests_[0]
    opened_pk = opened.pk
    client.get(inspect_url(opened))
    opened.delete()
    coordinator.delete()
    event = BookingAuditEvent.objects.get()
    assert (event.user, event.username, event.booking_request_id) == (
        None,
        "demo-coordinator",
        opened_pk,
    )


def test_superusers_read_the_access_log_and_coordinators_cannot(
    client, coordinator, superuser, requests_
):
    client.force_login(coordinator)
    client.get(LIST_URL)
    assert client.get(LOG_URL).status_code == 302
    assert LOG_URL not in client.get("/admin/").content.decode()

    client.force_login(superuser)
    assert LOG_URL in client.get("/admin/").content.decode()  # under Reports
    response = client.get(LOG_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "demo-coordinator" in content
    assert "Listed requests" in content


# --- Everyone else ------------------------------------------------------------------------


def test_an_editor_cannot_see_booking_requests_anywhere(client, editor, requests_, booking_page):
    client.force_login(editor)
    # The editor can work on pages ...
    assert client.get(f"/admin/pages/{booking_page.pk}/edit/").status_code == 200
    # ... but there is no menu item, and every booking view turns them away.
    home = client.get("/admin/").content.decode()
    assert LIST_URL not in home
    for url in (
        LIST_URL,
        RESULTS_URL,
        inspect_url(requests_[0]),
        LIST_URL + "?export=csv",
        LIST_URL + "?export=xlsx",
    ):
        response = client.get(url, follow=True)
        content = response.content.decode()
        assert response.redirect_chain[0] == ("/admin/", 302), url
        assert "Sorry, you do not have permission to access this area." in content
        assert "Demo Alpha" not in content and "Demo Beta" not in content
    assert BookingAuditEvent.objects.count() == 0


def test_the_booking_page_usage_view_does_not_list_requests(client, editor, booking_page):
    """Requests point at the booking page; the page's "Usage" view (open to editors) must
    not list them, so they are kept out of Wagtail's reference index."""
    client.force_login(editor)
    client.get("/admin/")  # Loads the admin, registering its viewsets, as on a live site.
    BookingRequestFactory(page=booking_page)
    response = client.get(reverse("wagtailadmin_pages:usage", args=[booking_page.pk]))
    assert response.status_code == 200
    assert "Booking request" not in response.content.decode()


def test_visitors_who_are_not_signed_in_are_sent_to_the_login_page(client, requests_):
    for url in (LIST_URL, inspect_url(requests_[0]), LIST_URL + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_even_a_superuser_cannot_add_or_edit_a_request(client, superuser, requests_):
    client.force_login(superuser)
    content = client.get(LIST_URL).content.decode()
    assert "Demo Alpha" in content
    assert "Add booking request" not in content
    assert client.get(LIST_URL + f"edit/{requests_[0].pk}/").status_code == 404
