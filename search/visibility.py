"""What a visitor may see, for one search request: live pages outside private sections.

Wagtail's ``public()`` reads every view restriction of the site each time it is called, to
build its filter. A results page needs that filter four times (the ranking statement, the
editors' promotions, the results' series and their part numbers): ``PublishedPages`` reads
the restrictions once and applies the same filter to each, so the SQL is the same as
``live().public()`` gives, and the restrictions are one query per request, not four.
"""

from django.utils.functional import cached_property
from wagtail.models import Page


class PublishedPages:
    """Filters querysets to live, public pages, with the view restrictions read once."""

    @cached_property
    def _private(self):
        return Page.objects.all().private_q()

    def of(self, queryset):
        """``queryset.live().public()``, without reading the restrictions again."""
        return queryset.live().exclude(self._private)
