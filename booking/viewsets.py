"""The admin screens for booking requests: read-only, permission-checked and audited.

Coordinators can list, search, open and export requests. Nobody, not even a superuser,
can add or edit one in the admin (a request is what the visitor sent), and deleting is
left to the retention purge. Every listing, opening and export is written to
BookingAuditEvent, which superusers read under Reports > Booking access log.
"""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy

from booking.choices import AuditAction
from booking.models import BookingAuditEvent, BookingRequest
from booking.plain_text import spreadsheet_text

logger = logging.getLogger(__name__)


class BookingRequestPermissionPolicy(ModelPermissionPolicy):
    """Only "view", and only for holders of booking.view_bookingrequest (or superusers)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission({"view"})


class BookingAuditEventPermissionPolicy(BasePermissionPolicy):
    """The access log is for oversight: superusers read it, nobody changes it."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class BookingRequestIndexView(IndexView):
    """The listing (and its CSV/XLSX export), recorded in the access log."""

    custom_field_preprocess = {
        field: {"csv": spreadsheet_text, "xlsx": spreadsheet_text}
        for field in ("name", "email", "phone", "message")
    }

    def render_to_response(self, context, **response_kwargs):
        searched = self.is_searching or self.is_filtering
        if not self.is_export:
            BookingAuditEvent.record(
                self.request.user,
                AuditAction.LIST,
                object_count=len(context["object_list"]),
                searched=searched,
            )
            return super().render_to_response(context, **response_kwargs)

        export_format = self.request.GET.get("export", "")
        try:
            response = super().render_to_response(context, **response_kwargs)
        except Exception as error:
            # Whatever broke, the traceback's frames hold the rows being written (visitor
            # text), so it is not logged: the format and the error's type say enough.
            logger.error(
                "Export of booking requests as %s failed (%s).", export_format, type(error).__name__
            )
            messages.error(
                self.request,
                "The export could not be made, and nothing was exported. Try again; if it "
                "fails again, tell the site's administrator.",
            )
            return redirect(self.index_url)
        # Only now is the file made: the access log never records an export that failed.
        BookingAuditEvent.record(
            self.request.user,
            AuditAction.EXPORT,
            object_count=context["object_list"].count(),
            searched=searched,
            export_format=export_format,
        )
        return response

    def write_csv_response(self, queryset):
        # Every row is written before the response is returned (Wagtail streams them
        # afterwards), so a failure happens above, where it is caught, and not half-way
        # through a download that the access log would already call done.
        response = super().write_csv_response(queryset)
        response.streaming_content = list(response.streaming_content)
        return response


class BookingRequestInspectView(InspectView):
    """One request in full, recorded in the access log."""

    def get_message_display_value(self):
        return linebreaksbr(self.object.message, autoescape=True) or "-"

    def get(self, request, *args, **kwargs):
        BookingAuditEvent.record(request.user, AuditAction.VIEW, booking_request_id=self.object.pk)
        return super().get(request, *args, **kwargs)


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

    list_display = [
        "__str__",
        "name",
        "email",
        "role",
        "preferred_contact",
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    list_filter = ["role", "preferred_contact"]
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
