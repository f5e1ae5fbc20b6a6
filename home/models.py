"""The site root: the home page."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from articles.models import ArticlePage
from articles.models.routing import RoutedPageMixin


class HomePage(RoutedPageMixin, Page):
    """The home page: a welcome and the featured series. There is one per site."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A few sentences welcoming clinicians and saying what the site offers.",
    )
    featured_series = models.ForeignKey(
        "articles.ArticleSeriesPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The series shown first on the home page.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured_series")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleSeriesPage", "booking.BookingRequestPage"]
    max_count = 1
    template = "home/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            ArticlePage.objects.published_in_one_query()
            .defer("body")
            .order_by("-first_published_at")[:6]
        )
        return context
