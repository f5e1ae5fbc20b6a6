"""The shared reference library: one record per cited work, chosen by many articles.

A ``Reference`` holds the same fields as an inline ``ReferenceBlock`` and obeys the same
rules (``articles.references.validation``), so moving a reference into the library changes
nothing a reader sees. Articles cite it through ``LibraryReferenceBlock``; Wagtail's
reference index records which articles do, for the library's "used in" column and for
purging those articles from the caches when the reference is corrected.
"""

import html

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from articles.references.fields import FIELD_NAMES, HELP_TEXT, LABELS, MAX_LENGTHS
from articles.references.validation import check_reference
from core import citations


def _char(name, blank=True, **kwargs):
    return models.CharField(
        LABELS.get(name),
        max_length=MAX_LENGTHS[name],
        blank=blank,
        help_text=HELP_TEXT[name],
        **kwargs,
    )


class Reference(RevisionMixin, index.Indexed, models.Model):
    """A cited work in the shared library, formatted by CSL like an inline reference."""

    kind = models.CharField(
        max_length=20,
        choices=citations.REFERENCE_KINDS,
        default="article-journal",
        help_text=HELP_TEXT["kind"],
    )
    authors = _char("authors", blank=False)
    organisation = models.BooleanField(
        LABELS["organisation"], default=False, help_text=HELP_TEXT["organisation"]
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=HELP_TEXT["year"])
    title = _char("title", blank=False)
    source = _char("source")
    volume = _char("volume")
    issue = _char("issue")
    pages = _char("pages")
    # Indexed: the move into the library and the retraction check look references up by it.
    doi = _char("doi", db_index=True)
    pmid = _char("pmid")
    url = models.URLField(LABELS["url"], blank=True, help_text=HELP_TEXT["url"])
    peer_reviewed = models.BooleanField(default=True, help_text=HELP_TEXT["peer_reviewed"])

    panels = [
        FieldPanel("kind"),
        FieldPanel("authors"),
        FieldPanel("organisation"),
        FieldPanel("year"),
        FieldPanel("title"),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
        MultiFieldPanel(
            [FieldPanel("doi"), FieldPanel("pmid"), FieldPanel("url")],
            heading="Where to find it",
        ),
        FieldPanel("peer_reviewed"),
    ]

    # The chooser searches the autocomplete fields (as the editor types): author, title,
    # DOI and year.
    search_fields = [
        index.SearchField("authors"),
        index.AutocompleteField("authors"),
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("source"),
        index.SearchField("doi"),
        index.AutocompleteField("doi"),
        # The year as a word, so "2019" finds it (the backends index text, not numbers).
        index.SearchField("year_text"),
        index.AutocompleteField("year_text"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["authors", "year", "title"]
        verbose_name = "reference"
        verbose_name_plural = "references"

    def __str__(self):
        # Plain text (the admin escapes it again): tags dropped, entities read back.
        return html.unescape(strip_tags(self.formatted()))

    def year_text(self):
        return str(self.year or "")

    def as_value(self):
        """The reference as a ReferenceBlock value holds it (a dict of its fields)."""
        return {name: getattr(self, name) for name in FIELD_NAMES}

    def formatted(self, style=citations.DEFAULT_CITATION_STYLE):
        """The reference as readers see it (HTML), in the given citation style."""
        return citations.format_reference(self.as_value(), style)

    def clean(self):
        super().clean()
        normalised, errors = check_reference(self.as_value())
        if errors:
            raise ValidationError(errors)
        for name, value in normalised.items():
            setattr(self, name, value)
