"""Path converters for the site's own URL patterns (registered by core.apps.CoreConfig.ready).

Django's ``slug`` converter accepts ASCII only, but Wagtail and taggit make Unicode slugs
("ärzte") by default, so a page or topic named in another script would have no URL. ``str``
accepts anything but "/", including a NUL, which PostgreSQL refuses in a query (a 500). The
``uslug`` converter accepts exactly what ``slugify(allow_unicode=True)`` produces: letters
and digits of any script, "_" and "-", so anything else is a 404 before a query is run.
"""

from django.urls import register_converter


class UnicodeSlugConverter:
    """A Unicode slug: one or more letters, digits, "_" or "-" (as Wagtail's page URLs)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def register_converters():
    register_converter(UnicodeSlugConverter, "uslug")
