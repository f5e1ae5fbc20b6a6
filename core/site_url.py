"""The site's own address (settings.SITE_URL): checked once, and split for the Site record."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning

DEFAULT_PORTS = {"http": 80, "https": 443}


class SiteURLError(ValueError):
    pass


def site_host_and_port(url):
    """("art.example.org", 443) from "https://art.example.org"; SiteURLError if malformed."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or port == -1
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise SiteURLError(
            f"SITE_URL must be the site's address with no path, like https://art.example.org "
            f"or http://127.0.0.1:8000, not {url!r}."
        )
    return parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def check_site_url(app_configs, **kwargs):
    url = getattr(settings, "SITE_URL", "")
    if not url:
        return [
            Warning(
                "SITE_URL is not set: the Site record keeps whatever address it has, so "
                "sitemap, canonical and feed URLs and the links in admin emails may point "
                "nowhere.",
                hint="Set SITE_URL to the public address, e.g. https://art.example.org, "
                "then run manage.py setup_site.",
                id="core.W001",
            )
        ]
    try:
        site_host_and_port(url)
    except SiteURLError as error:
        return [Error(str(error), id="core.E001")]
    return []
