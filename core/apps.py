from django.apps import AppConfig

# Imported for its side effect: registers the system checks for settings that would break
# a site run on several app servers.
from core import checks  # noqa: F401


class CoreConfig(AppConfig):
    """The shared lower layer: site-wide settings, citation formatting, site template tags.

    It imports nothing from the apps above it (people, articles, home, search, booking).
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site-wide"
