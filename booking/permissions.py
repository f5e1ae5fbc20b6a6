"""Who may do what with booking records in the admin (Wagtail permission policies)."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy

# What a booking request allows, each through its own permission: reading it
# (booking.view_bookingrequest) and moving it between statuses
# (booking.change_status_bookingrequest). Nothing adds, edits or deletes one.
BOOKING_REQUEST_ACTIONS = ("view", "change_status")


class BookingRequestPermissionPolicy(ModelPermissionPolicy):
    """Only "view" and "change_status", for holders of those permissions (or superusers)."""

    def user_has_permission(self, user, action):
        return action in BOOKING_REQUEST_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = set(actions) & set(BOOKING_REQUEST_ACTIONS)
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


class BookingAuditEventPermissionPolicy(BasePermissionPolicy):
    """The access log is for oversight: superusers read it, nobody changes it."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
