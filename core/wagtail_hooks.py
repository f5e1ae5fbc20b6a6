from django.urls import re_path
from django.views.generic import RedirectView
from wagtail import hooks


@hooks.register("register_admin_urls")
def redirect_old_site_settings_urls():
    """Site settings moved from the home app to core: old bookmarks still open them."""
    return [
        re_path(
            r"^settings/home/sitesettings/(?P<rest>.*)$",
            RedirectView.as_view(url="/admin/settings/core/sitesettings/%(rest)s", permanent=True),
        ),
    ]
