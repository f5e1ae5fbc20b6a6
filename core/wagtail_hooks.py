from django.shortcuts import redirect
from django.urls import re_path, reverse
from wagtail import hooks

from core import settings_history
from core.models import SiteSettings


@hooks.register("register_admin_urls")
def redirect_old_site_settings_urls():
    """Site settings moved from the home app to core: old bookmarks still open them."""
    return [re_path(r"^settings/home/sitesettings/(?P<rest>.*)$", moved_site_settings)]


def moved_site_settings(request, rest):
    # Reversed, not written out, so the redirect follows the admin wherever it is mounted.
    target = reverse("wagtailsettings:edit", args=["core", "sitesettings"]) + rest
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return redirect(target, permanent=True)


@hooks.register("before_edit_setting")
def remember_site_settings(request, instance):
    if isinstance(instance, SiteSettings):
        settings_history.remember_before(request, instance)


@hooks.register("after_edit_setting")
def log_site_settings_changes(request, instance):
    if isinstance(instance, SiteSettings):
        settings_history.log_changes(request, instance)


@hooks.register("register_log_actions")
def register_site_settings_log_action(actions):
    actions.register_action(settings_history.ACTION)(settings_history.SiteSettingsChanged)
