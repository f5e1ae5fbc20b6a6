"""The admin views of booking requests: the listing and its exports, one request, its status.

Every listing, opening, export and status change is written to BookingAuditEvent.
"""

import logging
import zoneinfo

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from booking.choices import AuditAction, ContactMethod, RequestStatus, Role
from booking.models import BookingAuditEvent, BookingRequest
from booking.plain_text import spreadsheet_text

logger = logging.getLogger(__name__)


def site_local_time(value):
    """A stored time in the site's time zone (TIME_ZONE), to the second, without a zone
    (spreadsheets have none), whatever time zone the coordinator set in their account."""
    if value is None:
        return None
    local = timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return local.replace(microsecond=0, tzinfo=None)


def csv_time(value):
    local = site_local_time(value)
    return "" if local is None else local.strftime("%Y-%m-%d %H:%M:%S")


def label_of(choices):
    """The readable label of a stored code ("Other clinician", not "other_clinician");
    an unknown code is shown as it is rather than failing the export."""
    labels = dict(choices.choices)
    return lambda value: str(labels.get(value, value or ""))


def both_formats(function):
    return {"csv": function, "xlsx": function}


class BookingRequestFilterSet(WagtailFilterSet):
    """Filters for coordinators: when a request arrived (dates in the site's time zone),
    where it stands, and who sent it how."""

    received = django_filters.DateFromToRangeFilter(
        field_name="created_at", label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = BookingRequest
        fields = ["status", "notification_status", "role", "preferred_contact"]


class BookingRequestIndexView(IndexView):
    """The listing (and its CSV/XLSX export), recorded in the access log."""

    custom_field_preprocess = {
        **{
            field: both_formats(spreadsheet_text) for field in ("name", "email", "phone", "message")
        },
        "preferred_contact": both_formats(label_of(ContactMethod)),
        "role": both_formats(label_of(Role)),
        "status": both_formats(label_of(RequestStatus)),
        "created_at": {"csv": csv_time, "xlsx": site_local_time},
        "status_changed_at": {"csv": csv_time, "xlsx": site_local_time},
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


class BookingRequestStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=RequestStatus.choices,
        widget=forms.RadioSelect,
        help_text="New until you have been in touch; Closed when nothing more is to be done.",
    )


class BookingRequestInspectView(InspectView):
    """One request in full, with its status form for those allowed to change it, recorded
    in the access log."""

    status_url_name = None

    def get_message_display_value(self):
        return linebreaksbr(self.object.message, autoescape=True) or "-"

    def get_status_changed_by_display_value(self):
        user = self.object.status_changed_by
        return user.get_username() if user else "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.permission_policy.user_has_permission(self.request.user, "change_status"):
            context["status_form"] = BookingRequestStatusForm(
                initial={"status": self.object.status}
            )
            context["status_url"] = reverse(self.status_url_name, args=[self.object.pk])
        return context

    def get(self, request, *args, **kwargs):
        BookingAuditEvent.record(request.user, AuditAction.VIEW, booking_request_id=self.object.pk)
        return super().get(request, *args, **kwargs)


class BookingRequestStatusView(PermissionCheckedMixin, View):
    """Set a request's status (a POST from its inspect page): who and when are stored on
    the request and in the access log."""

    permission_required = "change_status"
    http_method_names = ["post"]
    permission_policy = None
    inspect_url_name = None

    def post(self, request, pk):
        booking_request = get_object_or_404(BookingRequest, pk=pk)
        inspect_url = reverse(self.inspect_url_name, args=[pk])
        form = BookingRequestStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose New, Contacted or Closed, then save the status.")
            return redirect(inspect_url)
        status = form.cleaned_data["status"]
        if status != booking_request.status:
            booking_request.status = status
            booking_request.status_changed_by = request.user
            booking_request.status_changed_at = timezone.now()
            booking_request.save(update_fields=["status", "status_changed_by", "status_changed_at"])
            BookingAuditEvent.record(
                request.user, AuditAction.STATUS, booking_request_id=pk, new_status=status
            )
        messages.success(request, f"{booking_request} is {booking_request.get_status_display()}.")
        return redirect(inspect_url)
