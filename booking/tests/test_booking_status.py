"""Coordinators handle requests: a status with who and when, filters, readable exports."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from booking.factories import BookingRequestFactory
from booking.models import BookingAuditEvent, BookingRequest
from booking.permissions import BookingRequestPermissionPolicy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_verified")]

LIST_URL = "/admin/booking-requests/"


def inspect_url(booking_request):
    return f"/admin/booking-requests/inspect/{booking_request.pk}/"


def status_url(booking_request):
    return f"/admin/booking-requests/status/{booking_request.pk}/"


def names_listed(response):
    page = BeautifulSoup(response.content, "html.parser")
    return sorted(cell.get_text(strip=True) for cell in page.select("tbody td:nth-of-type(2)"))


@pytest.fixture
def reader(django_user_model):
    """Someone who may read requests but not change their status."""
    group = Group.objects.create(name="Demo readers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_bookingrequest"),
    )
    user = django_user_model.objects.create_user("demo-reader", password="demo-password")
    user.groups.add(group)
    return user


# --- Status -------------------------------------------------------------------------------


def test_a_new_request_is_new(client, booking_page, valid_data):
    client.post(booking_page.url, valid_data)
    stored = BookingRequest.objects.get()
    assert (stored.status, stored.status_changed_by, stored.status_changed_at) == (
        "new",
        None,
        None,
    )


def test_a_coordinator_marks_a_request_contacted_and_it_is_logged(
    client, coordinator, booking_page
):
    booking_request = BookingRequestFactory(page=booking_page)
    client.force_login(coordinator)
    page = BeautifulSoup(client.get(inspect_url(booking_request)).content, "html.parser")
    form = page.select_one("form.booking-status")
    assert form["action"] == status_url(booking_request)
    options = [label.get_text(strip=True) for label in form.select("label")]
    assert options == ["New", "Contacted", "Closed"]
    assert form.select_one("input[value=new]").has_attr("checked")

    moment = datetime.datetime(2026, 3, 2, 10, 15, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        response = client.post(status_url(booking_request), {"status": "contacted"}, follow=True)
    assert response.redirect_chain == [(inspect_url(booking_request), 302)]
    content = response.content.decode()
    assert f"Booking request {booking_request.pk} is Contacted." in content

    booking_request.refresh_from_db()
    assert booking_request.status == "contacted"
    assert booking_request.status_changed_by == coordinator
    assert booking_request.status_changed_at == moment
    event = BookingAuditEvent.objects.get(action="status")
    assert (event.user, event.booking_request_id, event.new_status) == (
        coordinator,
        booking_request.pk,
        "contacted",
    )
    # The request's page says who changed it; the listing shows the status.
    opened = client.get(inspect_url(booking_request)).content.decode()
    assert "demo-coordinator" in opened
    assert "Contacted" in client.get(LIST_URL).content.decode()


def test_status_changes_are_in_the_access_log_superusers_read(
    client, coordinator, booking_page, django_user_model
):
    booking_request = BookingRequestFactory(page=booking_page)
    client.force_login(coordinator)
    client.post(status_url(booking_request), {"status": "closed"})
    superuser = django_user_model.objects.create_superuser("demo-admin", "a@example.com", "pw")
    client.force_login(superuser)
    log = BeautifulSoup(client.get("/admin/booking-access-log/").content, "html.parser")
    [row] = [r for r in log.select("tbody tr") if "Changed a status" in r.get_text()]
    cells = [cell.get_text(strip=True) for cell in row.select("td")]
    assert cells[:4] == ["demo-coordinator", "Changed a status", str(booking_request.pk), "Closed"]


def test_saving_the_same_status_again_changes_and_logs_nothing(client, coordinator, booking_page):
    booking_request = BookingRequestFactory(page=booking_page)
    client.force_login(coordinator)
    client.post(status_url(booking_request), {"status": "new"})
    booking_request.refresh_from_db()
    assert booking_request.status_changed_at is None
    assert not BookingAuditEvent.objects.filter(action="status").exists()


@pytest.mark.parametrize("posted", [{}, {"status": "deleted"}, {"status": "\x00"}])
def test_an_unknown_status_is_refused_with_a_message(client, coordinator, booking_page, posted):
    booking_request = BookingRequestFactory(page=booking_page)
    client.force_login(coordinator)
    response = client.post(status_url(booking_request), posted, follow=True)
    assert response.status_code == 200
    assert "Choose New, Contacted or Closed" in response.content.decode()
    booking_request.refresh_from_db()
    assert booking_request.status == "new"


def test_only_a_post_changes_a_status_and_a_missing_request_is_404(
    client, coordinator, booking_page
):
    booking_request = BookingRequestFactory(page=booking_page)
    client.force_login(coordinator)
    assert client.get(status_url(booking_request)).status_code == 405
    missing = client.post("/admin/booking-requests/status/999999/", {"status": "closed"})
    assert missing.status_code == 404


def test_those_who_may_only_read_requests_cannot_change_a_status(
    client, reader, editor, booking_page
):
    booking_request = BookingRequestFactory(page=booking_page)
    client.force_login(reader)
    page = client.get(inspect_url(booking_request)).content.decode()
    assert "Demo Visitor" in page and "booking-status" not in page
    for user in (reader, editor):
        client.force_login(user)
        response = client.post(status_url(booking_request), {"status": "closed"}, follow=True)
        assert "Sorry, you do not have permission to access this area." in response.content.decode()
    booking_request.refresh_from_db()
    assert booking_request.status == "new"
    assert not BookingAuditEvent.objects.filter(action="status").exists()


def test_the_status_is_the_only_change_coordinators_may_make(coordinator):
    policy = BookingRequestPermissionPolicy(BookingRequest)
    allowed = {
        action: policy.user_has_permission(coordinator, action)
        for action in ("view", "change_status", "add", "change", "delete")
    }
    assert allowed == {
        "view": True,
        "change_status": True,
        "add": False,
        "change": False,
        "delete": False,
    }


# --- Filters ------------------------------------------------------------------------------


@pytest.fixture
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"


def make_at(page, moment, **kwargs):
    with time_machine.travel(moment, tick=False):
        return BookingRequestFactory(page=page, **kwargs)


def test_coordinators_filter_by_status(client, coordinator, booking_page):
    BookingRequestFactory(page=booking_page, name="Demo New")
    BookingRequestFactory(page=booking_page, name="Demo Closed", status="closed")
    client.force_login(coordinator)
    assert names_listed(client.get(LIST_URL, {"status": "closed"})) == ["Demo Closed"]
    assert names_listed(client.get(LIST_URL, {"status": "new"})) == ["Demo New"]


def test_coordinators_filter_by_the_day_received_in_the_sites_time_zone(
    client, coordinator, booking_page, new_york
):
    # 03:30 UTC on 2 March is 22:30 on 1 March in New York.
    utc = datetime.UTC
    make_at(booking_page, datetime.datetime(2026, 3, 2, 3, 30, tzinfo=utc), name="Demo Late")
    make_at(booking_page, datetime.datetime(2026, 3, 5, 15, 0, tzinfo=utc), name="Demo Mid")
    client.force_login(coordinator)
    names = {
        ("2026-03-01", "2026-03-01"): ["Demo Late"],
        ("2026-03-02", ""): ["Demo Mid"],
        ("", "2026-03-04"): ["Demo Late"],
        ("2026-03-01", "2026-03-31"): ["Demo Late", "Demo Mid"],
    }
    for (start, end), expected in names.items():
        response = client.get(LIST_URL, {"received_from": start, "received_to": end})
        assert names_listed(response) == expected, (start, end)
    # A date that is not one is ignored with the filter's own message, never a 500.
    assert client.get(LIST_URL, {"received_from": "2026-02-31"}).status_code == 200


def test_filtered_exports_hold_only_the_filtered_requests(client, coordinator, booking_page):
    BookingRequestFactory(page=booking_page, name="Demo New")
    BookingRequestFactory(page=booking_page, name="Demo Contacted", status="contacted")
    client.force_login(coordinator)
    response = client.get(LIST_URL, {"status": "contacted", "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Name"] for row in rows] == ["Demo Contacted"]
    assert BookingAuditEvent.objects.get(action="export").searched is True


# --- Readable exports ---------------------------------------------------------------------

RECEIVED = datetime.datetime(2026, 3, 2, 3, 30, 15, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def labelled_request(booking_page, coordinator, new_york):
    booking_request = make_at(
        booking_page, RECEIVED, role="other_clinician", preferred_contact="phone"
    )
    booking_request.status = "closed"
    booking_request.status_changed_at = RECEIVED + datetime.timedelta(days=1)
    booking_request.save()
    return booking_request


def test_the_csv_export_has_labels_and_local_times_to_the_second(
    client, coordinator, labelled_request
):
    client.force_login(coordinator)
    response = client.get(LIST_URL, {"export": "csv"})
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Role"] == "Other clinician"
    assert row["Preferred contact method"] == "Phone"
    assert row["Status"] == "Closed"
    assert row["Received"] == "2026-03-01 22:30:15"
    assert row["Status changed"] == "2026-03-02 22:30:15"


def test_the_xlsx_export_has_labels_and_local_times_to_the_second(
    client, coordinator, labelled_request
):
    client.force_login(coordinator)
    response = client.get(LIST_URL, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    [row] = [dict(zip(headings, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)]
    assert (row["Role"], row["Preferred contact method"], row["Status"]) == (
        "Other clinician",
        "Phone",
        "Closed",
    )
    assert row["Received"] == datetime.datetime(2026, 3, 1, 22, 30, 15)
    assert row["Status changed"] == datetime.datetime(2026, 3, 2, 22, 30, 15)
