"""Series and article pages.

A series is an ordered list of articles: the order is the page tree order, which editors
change by drag and drop in the explorer. Everything about an article's place in its
series (previous, next, "Part 2 of 5") is derived from the tree on each request, so it
can never go stale.
"""

import math

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles.blocks import ArticleBodyBlock, unique_anchors
from people.forms import ArticlePageForm
from people.panels import ArticleChecksPanel
from people.review import default_next_review_due

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

    @cached_property
    def body_with_anchors(self):
        """(block, anchor) for each body block, in order; the anchor is the unique id of a
        section heading or a references heading, None for other blocks."""
        blocks = list(self.body)
        titled = [
            (index, block.value if block.block_type == "heading" else block.value.get("heading"))
            for index, block in enumerate(blocks)
            if block.block_type in ("heading", "references")
        ]
        texts = [text for _index, text in titled]
        anchors = {
            index: anchor
            for (index, _text), anchor in zip(titled, unique_anchors(texts), strict=True)
        }
        return [(block, anchors.get(index)) for index, block in enumerate(blocks)]

    @property
    def headings(self):
        """(text, anchor) for each section heading, for the table of contents."""
        return [
            (block.value, anchor)
            for block, anchor in self.body_with_anchors
            if block.block_type == "heading"
        ]

    @property
    def reference_headings(self):
        """(text, anchor) for each references block, for the table of contents."""
        return [
            (block.value.get("heading"), anchor)
            for block, anchor in self.body_with_anchors
            if block.block_type == "references"
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

    # === Clinical governance (issue 6): authors, clinical review, topics ================
    # Authors and topics are child relations (ArticlePageAuthor, ArticlePageTopic, defined
    # at the end of this module); the review logic lives in people/review.py.

    clinically_reviewed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        verbose_name="clinically reviewed by",
        help_text=(
            "The clinician who checked this article is accurate and safe. Leave empty: "
            "when a clinical reviewer approves the article, they are filled in."
        ),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The day the article was last clinically reviewed. Leave empty: approval sets "
            "it to that day. Fill it in only to record a review done outside this site."
        ),
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When the article must be reviewed again. Leave empty to use the last review "
            "date plus the review interval in the site settings (usually 12 months)."
        ),
    )
    topics = ClusterTaggableManager(
        through="articles.ArticlePageTopic",
        blank=True,
        help_text=(
            "Subjects readers can browse by, e.g. 'compassion fatigue'. Type a topic and "
            "press Enter; reuse existing topics where they fit."
        ),
    )

    clinical_review_panels = [
        HelpPanel(
            content=(
                "<p>When the article is ready, choose <strong>Submit to Clinical "
                "review</strong>. A clinical reviewer approves it (which publishes it) or "
                "asks for changes. Approval records today's date and the reviewer's name "
                "below, unless you have filled them in yourself.</p>"
            ),
            heading="How clinical review works",
        ),
        MultipleChooserPanel(
            "article_authors",
            chooser_field_name="person",
            heading="Authors",
            label="Author",
            help_text="Who wrote the article, in the order their names should appear.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("clinically_reviewed_by"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
            ],
            heading="Clinical review",
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [ArticleChecksPanel(), *content_panels, FieldPanel("topics")],
                heading="Content",
            ),
            ObjectList(clinical_review_panels, heading="Clinical review"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = ArticlePageForm

    def clean(self):
        super().clean()
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError(
                {
                    "last_reviewed": "The last review cannot be in the future. Enter today or "
                    "an earlier date."
                }
            )
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = default_next_review_due(self.last_reviewed, page=self)
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {
                    "next_review_due": "The next review must come after the last review. "
                    "Clear this field to use the site's review interval."
                }
            )

    @cached_property
    def authors(self):
        """The article's authors (Person), in byline order, in one query."""
        links = self.article_authors.select_related("person", "person__photo")
        return [link.person for link in links if link.person_id]

    # === End of clinical governance (issue 6) ===========================================


# === Clinical governance (issue 6): topics and authors ===================================


class Topic(TagBase):
    """A subject articles are tagged with; each has a page at /topics/<slug>/."""

    free_tagging = True  # Editors add new topics by typing them in the article editor.

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"
        ordering = ["name"]


class ArticlePageTopic(ItemBase):
    """Links an article to one of its topics."""

    tag = models.ForeignKey(Topic, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_topics", on_delete=models.CASCADE
    )


class ArticlePageAuthor(Orderable):
    """One author of an article; sort_order is the order of names in the byline."""

    page = ParentalKey(
        "articles.ArticlePage", related_name="article_authors", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="authored_articles",
        help_text=(
            "Choose the author. If they are not listed, ask a Publisher to add them under People."
        ),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = "author"
        verbose_name_plural = "authors"


# === End of clinical governance (issue 6) ================================================
