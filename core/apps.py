from django.apps import AppConfig

from core.converters import register_converters


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
