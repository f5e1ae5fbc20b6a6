"""What the importer writes must fit the page: the limits of the fields and blocks it fills.

Every limit is read from the model or block that enforces it, so a change there changes the
importer too, and the slug is the one Wagtail would give the title.
"""

from django.conf import settings
from django.utils.text import slugify

from articles.models import ArticlePage

BODY_BLOCK = ArticlePage._meta.get_field("body").stream_block
_REFERENCE_BLOCK = (
    BODY_BLOCK.child_blocks["references"].child_blocks["references"].child_blocks["reference"]
)


def _max_length(block):
    """The max_length a CharBlock passes to its form field."""
    return block.field.max_length


TITLE_MAX_LENGTH = ArticlePage._meta.get_field("title").max_length
SLUG_MAX_LENGTH = ArticlePage._meta.get_field("slug").max_length
SUBTITLE_MAX_LENGTH = ArticlePage._meta.get_field("subtitle").max_length
SUMMARY_MAX_LENGTH = ArticlePage._meta.get_field("summary").max_length
HEADING_MAX_LENGTH = _max_length(BODY_BLOCK.child_blocks["heading"])
BUTTON_LABEL_MAX_LENGTH = _max_length(
    BODY_BLOCK.child_blocks["call_to_action"].child_blocks["button_label"]
)
REFERENCE_TITLE_MAX_LENGTH = _max_length(_REFERENCE_BLOCK.child_blocks["title"])


def article_slug(title):
    """The slug Wagtail would give a page with this title; articles are matched by it."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    return slugify(title, allow_unicode=allow_unicode)[:SLUG_MAX_LENGTH]
