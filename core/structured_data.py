"""schema.org structured data (JSON-LD) shared by every page type."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.breadcrumbs import breadcrumb_trail

# Characters that could end the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding ``data``, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - "<", ">" and "&" escaped
    )


def organisation(site_settings, page, request=None):
    """The publishing organisation, named in the site settings, at the site's home page."""
    home = breadcrumb_trail(page)[0]
    return {
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "url": home.get_full_url(request),
    }


def compact(data):
    """Drop keys whose value is None, "" or an empty list, at every level."""
    if isinstance(data, dict):
        cleaned = {key: compact(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        return [compact(item) for item in data]
    return data
