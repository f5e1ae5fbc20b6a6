"""Series and article pages.

A series is an ordered list of articles: the order is the page tree order, which editors
change by drag and drop in the explorer. Everything about an article's place in its
series (previous, next, "Part 2 of 5") is derived from the tree on each request, so it
can never go stale.
"""

import math

from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from articles.blocks import ArticleBodyBlock, heading_anchor

WORDS_PER_MINUTE = 200


class ArticleSeriesPage(Page):
    """A series of articles, read in the order they appear in the page tree."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome to the series: who it is for and what readers will gain.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    # The explorer lists articles in series order, so editors reorder them by drag and drop.
    admin_default_ordering = "ord"
    template = "articles/article_series_page.html"

    class Meta:
        verbose_name = "article series"
        verbose_name_plural = "article series"

    def get_articles(self):
        """Live, public articles of this series in series order."""
        return ArticlePage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.get_articles()
        return context


class ArticlePage(Page):
    """One article of a series: subtitle, summary, body blocks and references."""

    subtitle = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "A second line under the title, e.g. 'Healing Vicarious Trauma in Healthcare "
            "Professionals'."
        ),
    )
    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text=(
            "One or two plain sentences (up to 300 characters) describing the article. Shown "
            "in listings, search results and search engines."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture at the top of the article and when it is shared.",
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text=(
            "The article: section headings, paragraphs, images, quotes, a call to action and "
            "the references."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]

    # Boosts rank a match in the title above one in the subtitle, then the summary, then the
    # body. "body" covers headings, paragraphs, quotes, call-to-action text and each
    # reference's authors, title and source (ReferenceBlock.get_searchable_content).
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("subtitle", boost=5),
        index.SearchField("summary", boost=2),
        index.SearchField("body", boost=1),
        index.SearchField("series_title", boost=1),
        index.SearchField("search_title", boost=10),
    ]

    parent_page_types = ["articles.ArticleSeriesPage"]
    subpage_types = []
    template = "articles/article_page.html"

    class Meta:
        verbose_name = "article"

    def get_context(self, request, *args, **kwargs):
        from home.models import SiteSettings

        context = super().get_context(request, *args, **kwargs)
        # ReferenceBlock reads this to format references in the site's chosen style.
        context["citation_style"] = SiteSettings.for_request(request).citation_style
        return context

    # --- Derived content -------------------------------------------------------------

    @property
    def references(self):
        """Every ReferenceBlock value in the body, in the order they appear."""
        return [
            reference
            for block in self.body
            if block.block_type == "references"
            for reference in block.value["references"]
        ]

    @property
    def headings(self):
        """(text, anchor) for each section heading, for the table of contents."""
        return [
            (block.value, heading_anchor(block.value))
            for block in self.body
            if block.block_type == "heading"
        ]

    @property
    def word_count(self):
        words = 0
        for block in self.body:
            if block.block_type == "references":
                continue  # Readers scan references; they do not read them through.
            text = " ".join(block.block.get_searchable_content(block.value))
            words += len(strip_tags(text).split())
        return words

    @property
    def reading_time(self):
        """Minutes to read the body at 200 words a minute, never less than one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    # --- The series chain --------------------------------------------------------------

    @cached_property
    def series_articles(self):
        """Live, public articles of this page's series, in series order.

        One query (plus Wagtail's view-restriction lookup) whatever the series length;
        previous, next and position are all read from this list.
        """
        return list(
            ArticlePage.objects.sibling_of(self, inclusive=True)
            .live()
            .public()
            .defer("body")
            .order_by("path")
        )

    def _series_index(self):
        for index_, article in enumerate(self.series_articles):
            if article.pk == self.pk:
                return index_
        return None

    @property
    def series(self):
        return self.get_parent().specific if self.depth > 1 else None

    def search_title(self):
        """The title again, so the index's body holds every word (see search/backend.py)."""
        return self.title

    def series_title(self):
        """The series' title, indexed so a search for a series' name finds its articles."""
        parent = self.get_parent() if self.depth > 1 else None
        return parent.title if parent else ""

    @property
    def previous_article(self):
        """The nearest live, public article before this one in the series, if any."""
        position = self._series_index()
        if position is None:
            return self._nearest(before=True)
        return self.series_articles[position - 1] if position > 0 else None

    @property
    def next_article(self):
        """The nearest live, public article after this one in the series, if any."""
        position = self._series_index()
        if position is None:
            return self._nearest(before=False)
        articles = self.series_articles
        return articles[position + 1] if position + 1 < len(articles) else None

    def _nearest(self, before):
        # This page is a draft or private (e.g. in preview): compare tree paths instead.
        if before:
            candidates = [a for a in self.series_articles if a.path < self.path]
            return candidates[-1] if candidates else None
        candidates = [a for a in self.series_articles if a.path > self.path]
        return candidates[0] if candidates else None

    @property
    def series_position(self):
        """1-based part number among live, public articles, or None if this page is not."""
        position = self._series_index()
        return None if position is None else position + 1

    @property
    def series_length(self):
        return len(self.series_articles)
