"""The admin screens for booking requests: read-only but for a status, permission-checked
and audited.

Coordinators can list, filter, search, open and export requests, and set each one's status
(new, contacted, closed). Nobody, not even a superuser, can add or edit one otherwise (a
request is what the visitor sent), and deleting is left to the retention purge. Every
listing, opening, export and status change is written to BookingAuditEvent, which
superusers read under Reports > Booking access log.
"""

from django.urls import path
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from booking.admin_views import (
    BookingRequestFilterSet,
    BookingRequestIndexView,
    BookingRequestInspectView,
    BookingRequestStatusView,
)
from booking.models import BookingAuditEvent, BookingRequest


class ReadOnlyModelViewSet(ModelViewSet):
    """Only the listing, its search results and the inspect view have URLs."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class BookingRequestViewSet(ReadOnlyModelViewSet):
    model = BookingRequest
    name = "booking_requests"
    url_prefix = "booking-requests"
    icon = "mail"
    menu_label = "Booking requests"
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = BookingRequestIndexView
    inspect_view_class = BookingRequestInspectView
    filterset_class = BookingRequestFilterSet
    inspect_template_name = "booking/admin/booking_request_inspect.html"

    list_display = [
        "__str__",
        "name",
        "email",
        "role",
        "preferred_contact",
        Column("status", accessor="get_status_display", label="Status", sort_key="status"),
        Column(
            "notification_status",
            accessor="get_notification_status_display",
            label="Notification email",
            sort_key="notification_status",
        ),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    search_fields = ["name", "email", "phone"]
    search_backend_name = None  # Plain database search: requests stay out of search indexes.
    list_export = [
        "id",
        "created_at",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "role",
        "message",
        "status",
        "status_changed_at",
    ]
    export_headings = {"id": "Number", "created_at": "Received"}
    export_filename = "booking-requests"
    inspect_view_fields = [
        "created_at",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "role",
        "message",
        "consent_text",
        "delete_after",
        "status",
        "status_changed_by",
        "status_changed_at",
        "notification_status",
        "notification_attempts",
        "notification_error",
        "notification_retry_at",
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            status_url_name=self.get_url_name("status"), **kwargs
        )

    @property
    def status_view(self):
        return BookingRequestStatusView.as_view(
            permission_policy=self.permission_policy,
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", self.status_view, name="status"),
        ]


class BookingAuditEventViewSet(ReadOnlyModelViewSet):
    model = BookingAuditEvent
    name = "booking_access_log"
    url_prefix = "booking-access-log"
    icon = "history"
    menu_label = "Booking access log"
    menu_hook = "register_reports_menu_item"
    inspect_view_enabled = False

    list_display = [
        "username",
        "action",
        Column("booking_request_id", label="Request number"),
        Column("new_status", accessor="get_new_status_display", label="New status"),
        "object_count",
        BooleanColumn("searched", label="Searched or filtered"),
        DateColumn("created_at", label="Time", sort_key="created_at"),
    ]
    list_filter = ["action"]
    search_fields = ["username"]
    search_backend_name = None

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
