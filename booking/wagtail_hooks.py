from wagtail import hooks
from wagtail.permissions import register_permission_policy

from booking.models import BookingAuditEvent, BookingRequest
from booking.permissions import BookingAuditEventPermissionPolicy, BookingRequestPermissionPolicy
from booking.viewsets import BookingAuditEventViewSet, BookingRequestViewSet

# Policies first: Wagtail refuses to register one after a fallback policy has been used.
register_permission_policy(BookingRequest, BookingRequestPermissionPolicy(BookingRequest))
register_permission_policy(BookingAuditEvent, BookingAuditEventPermissionPolicy(BookingAuditEvent))


@hooks.register("register_admin_viewset")
def register_booking_viewsets():
    return [BookingRequestViewSet(), BookingAuditEventViewSet()]
