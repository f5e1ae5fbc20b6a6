"""The series page: an ordered list of articles."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from articles.models.article import ArticlePage
from articles.models.permissions import SeriesPermissionTester
from articles.models.querysets import PublishedPageManager
from articles.models.routing import (
    RoutedPageMixin,
    child_filter,
    prepared_child_query,
    topics_json,
    view_restricted,
)
from articles.topics.models import ArticlePageTopic

# An article of a series by its slug, with what its page shows next to it (compiled once).
_routed_article = prepared_child_query(
    lambda path, depth, slug: (
        ArticlePage.objects.filter(**child_filter(path, depth, slug))
        .select_related("clinically_reviewed_by", "hero_image")
        .annotate(
            has_view_restriction=view_restricted(),
            topics_json=topics_json(ArticlePageTopic),
        )[:1]
    )
)


class ArticleSeriesPage(RoutedPageMixin, Page):
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

    objects = PublishedPageManager()
    # Its route() to an article reads only its tree path (RoutedPageMixin).
    routes_through_without_own_fields = True

    class Meta:
        verbose_name = "article series"
        verbose_name_plural = "article series"
        permissions = [
            ("reorder_series_articles", "Can change the order of the articles in a series")
        ]

    def permissions_for_user(self, user):
        return SeriesPermissionTester(user, self)

    def get_articles(self):
        """Live, public articles of this series in series order."""
        return ArticlePage.objects.child_of(self).published_in_one_query().order_by("path")

    def route(self, request, path_components):
        """Route to an article in one query (Wagtail's own takes two: the page, then its
        specific type), with what its page shows next to it: the reviewer, the hero image,
        whether a view restriction applies (``RoutedPageMixin.get_view_restrictions``) and
        its topics. The query is compiled once per process (core/prepared.py)."""
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        found = _routed_article.fetch(ArticlePage, path=self.path, depth=self.depth + 1, slug=slug)
        article = found[0] if found else None
        if article is None:
            # Not an article (a page type this series no longer allows): Wagtail's routing.
            return super().route(request, path_components)
        article._cached_parent_obj = self
        return article.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.get_articles()
        return context
