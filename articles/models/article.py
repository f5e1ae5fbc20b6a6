"""The article page: one article of a series, with its body, references and review.

Everything about an article's place in its series (previous, next, "Part 2 of 5") is
derived from the tree on each request (articles.series_chain), so it can never go stale.
"""

import math

from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from articles.anchors import unique_anchors
from articles.blocks import ArticleBodyBlock
from articles.models.permissions import ArticlePermissionTester
from articles.models.querysets import ArticlePageManager
from articles.models.routing import RoutedPageMixin
from articles.references.library import iter_references
from articles.review.forms import ArticlePageForm
from articles.review.mixins import ClinicalReviewFields
from articles.review.panels import ArticleChecksPanel, RetractionConfirmationPanel
from articles.series_chain import SeriesChain
from articles.topics.models import Topic
from core.models import SiteSettings

WORDS_PER_MINUTE = 200


class ArticlePage(RoutedPageMixin, ClinicalReviewFields, Page):
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
        RetractionConfirmationPanel(),
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

    objects = ArticlePageManager()

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # ReferenceBlock reads this to format references in the site's chosen style.
        context["citation_style"] = SiteSettings.for_request(request).citation_style
        return context

    # --- Derived content -------------------------------------------------------------

    @property
    def references(self):
        """Every reference of the body (inline or from the library) as a dict of its
        fields, in the order they appear."""
        return list(iter_references(self.body))

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

    @cached_property
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

    # --- The series chain (articles.series_chain) -----------------------------------

    @cached_property
    def series_chain(self):
        return SeriesChain(self)

    @property
    def series_window(self):
        """ "In this series": the first, the last and the articles near this one (SeriesEntry)."""
        return self.series_chain.window

    @property
    def series_window_is_complete(self):
        """True when "In this series" lists every article (no link to the full list needed)."""
        return self.series_chain.is_complete

    @property
    def previous_article(self):
        """The nearest live, public article before this one in the series, if any."""
        return self.series_chain.previous

    @property
    def next_article(self):
        """The nearest live, public article after this one in the series, if any."""
        return self.series_chain.next

    @property
    def series_position(self):
        """1-based part number among live, public articles, or None if this page is not."""
        return self.series_chain.position

    @property
    def series_length(self):
        return self.series_chain.length

    @property
    def series(self):
        # get_parent() returns the series the request was routed through, without a query.
        return self.get_parent().specific if self.depth > 1 else None

    def search_title(self):
        """The title again, so the index's body holds every word (see search/backends)."""
        return self.title

    def series_title(self):
        """The series' title, indexed so a search for a series' name finds its articles."""
        parent = self.get_parent() if self.depth > 1 else None
        return parent.title if parent else ""

    # --- Authors, topics and clinical review (articles.review) -------------------------
    # The review fields come from ClinicalReviewFields; authors and topics are child
    # relations (ArticlePageAuthor, ArticlePageTopic).

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

    @cached_property
    def topic_list(self):
        """The article's topics, in the order editors added them; from the article's own
        query when it brought them (``ArticleSeriesPage.route``), otherwise one query."""
        if not hasattr(self, "topics_json"):
            return list(self.topics.all())
        items = self.topics_json or []  # NULL: no topics
        return [
            Topic(id=item["id"], name=item["name"], slug=item["slug"])
            for item in sorted(items, key=lambda item: item["order"])
        ]

    @cached_property
    def authors(self):
        """The article's authors (Person), in byline order, in one query."""
        links = self.article_authors.select_related("person", "person__photo")
        return [link.person for link in links if link.person_id]
