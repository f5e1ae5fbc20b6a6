"""The topic tag and its link to articles."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class Topic(TagBase):
    """A subject articles are tagged with; each has a page at /topics/<slug>/."""

    free_tagging = True  # Editors add new topics by typing them in the article editor.

    class Meta:
        app_label = "articles"
        verbose_name = "topic"
        verbose_name_plural = "topics"
        ordering = ["name"]


class ArticlePageTopic(ItemBase):
    """Links an article to one of its topics."""

    tag = models.ForeignKey(Topic, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_topics", on_delete=models.CASCADE
    )

    class Meta:
        app_label = "articles"
