from django.apps import AppConfig
from django.core.checks import register

# Imported for its side effect: registers the system checks for settings that would break
# a site run on several app servers.
from core import checks  # noqa: F401
from core.converters import register_converters
from core.site_url import check_site_url


class CoreConfig(AppConfig):
    """The shared lower layer: site-wide settings, citation formatting, site template tags.

    It imports nothing from the apps above it (people, articles, home, search, booking).
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site-wide"

    def ready(self):
        # Before any URLconf is loaded, so every app's urls.py can use <uslug:...>.
        register_converters()
        register(check_site_url)
