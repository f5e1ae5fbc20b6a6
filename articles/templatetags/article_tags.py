"""Template tags for article pages: structured data and the picture used when sharing."""

from django import template
from wagtail.images.models import SourceImageIOError

from articles.structured_data import SHARE_IMAGE_FILTER, build_article_data
from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def article_structured_data(context, page):
    """The article's JSON-LD as a <script type="application/ld+json"> element."""
    return json_ld_script(build_article_data(page, context.get("request")))


@register.simple_tag
def share_image(page):
    """The hero image rendition for Open Graph and Twitter cards, or None."""
    image = getattr(page, "hero_image", None)
    if image is None:
        return None
    try:
        return image.get_rendition(SHARE_IMAGE_FILTER)
    except SourceImageIOError:
        # The original cannot be read (object store down): share the page without a picture.
        return None
