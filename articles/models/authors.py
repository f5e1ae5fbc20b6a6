"""The authors of an article, in byline order."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


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
