"""Template tags used on every page: the booking call to action, breadcrumbs, descriptions."""

import re

from django import template
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.breadcrumbs import breadcrumb_trail
from core.models import SiteSettings

register = template.Library()

DESCRIPTION_LENGTH = 300

# A phone number an editor's text asks people to call or text: "call or text 988",
# "call 0800 123 4567", "phone +44 20 7946 0000".
PHONE_AFTER_VERB = re.compile(
    r"(?P<lead>\b(?:call|text|phone|dial|ring)(?:\s+or\s+(?:call|text))?\s+)"
    r"(?P<number>\+?\d[\d ().-]{0,18}\d)",
    re.IGNORECASE,
)


@register.simple_tag(takes_context=True)
def site_call_to_action(context):
    """The site's default booking call to action (heading, text, button_label, href)."""
    request = context.get("request")
    return SiteSettings.for_request_or_default(request).call_to_action(request)


@register.simple_tag
def breadcrumbs(page):
    """The pages from the home page down to ``page`` (the last item is ``page`` itself)."""
    return breadcrumb_trail(page)


@register.filter
def meta_description(page):
    """What search engines and link previews show: the promote description, else the
    summary, else the introduction as plain text."""
    if page is None or page == "":
        return ""
    text = (
        getattr(page, "search_description", "")
        or getattr(page, "summary", "")
        or strip_tags(str(getattr(page, "intro", "") or ""))
    )
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


@register.filter
def has_block(stream, block_type):
    """True if a StreamField value holds a block of the given type."""
    return any(block.block_type == block_type for block in stream or [])


@register.filter
def absolute_url(url, request):
    """An absolute URL for ``url`` on the current host (kept as is if already absolute)."""
    return request.build_absolute_uri(url) if request else url


@register.filter(needs_autoescape=True)
def phone_links(text, autoescape=True):
    """Editor text with each number people are asked to call or text made a tap-to-call link.

    Someone in crisis on a phone should not have to retype "988". The text is escaped first
    (unless already safe), and only digits, spaces and ()+.- go into the link.
    """
    escaped = str(conditional_escape(text) if autoescape else text)

    def link(match):
        number = match["number"]
        dial = re.sub(r"[^\d+]", "", number)
        return f'{match["lead"]}<a class="phone-link" href="tel:{dial}">{number}</a>'

    # Escaped above; the links hold digits only.
    return mark_safe(PHONE_AFTER_VERB.sub(link, escaped))  # noqa: S308
