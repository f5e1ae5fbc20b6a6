"""The series page: an ordered list of articles."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from articles.models.article import ArticlePage
from articles.models.permissions import SeriesPermissionTester
from articles.models.querysets import PublishedPageManager


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

    objects = PublishedPageManager()

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
        return ArticlePage.objects.child_of(self).published().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.get_articles()
        return context
