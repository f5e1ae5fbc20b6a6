"""Keep the search index current when a series is renamed.

Each article's index entry includes its series' title (ArticlePage.series_title), so a
search for the series' name finds its articles. Saving the series does not touch its
articles, so when the live title changes, the articles are indexed again here.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from modelsearch.backends import get_search_backends

from articles.models import ArticlePage, ArticleSeriesPage

REINDEX_BATCH = 200


@receiver(pre_save, sender=ArticleSeriesPage)
def remember_live_title(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._title_before_save = (
        ArticleSeriesPage.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
    )


@receiver(post_save, sender=ArticleSeriesPage)
def reindex_articles_after_rename(sender, instance, raw=False, update_fields=None, **kwargs):
    previous = getattr(instance, "_title_before_save", None)
    if raw or previous is None or (update_fields is not None and "title" not in update_fields):
        return  # Saving a draft revision writes other fields only; the live title stands.
    # The title as stored, never an unsaved change on this instance.
    series = ArticleSeriesPage.objects.get(pk=instance.pk)
    if series.title == previous:
        return
    articles = ArticlePage.objects.child_of(series).order_by("path")
    backends = list(get_search_backends(with_auto_update=True))
    batch = []
    for article in articles.iterator(chunk_size=REINDEX_BATCH):
        # series_title() reads the parent through get_parent(), which treebeard caches
        # here: one query for the whole series instead of one per article.
        article._cached_parent_obj = series
        batch.append(article)
        if len(batch) == REINDEX_BATCH:
            for backend in backends:
                backend.add_bulk(ArticlePage, batch)
            batch = []
    if batch:
        for backend in backends:
            backend.add_bulk(ArticlePage, batch)
