"""Querysets for series and article pages: what readers may see, and what is due for review."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from articles.models.routing import view_restricted

# The review report lists articles whose next review falls within this many days.
DUE_SOON_DAYS = 30


class PublishedPageQuerySet(PageQuerySet):
    """Pages with ``published()``: what a visitor may see (live and not restricted)."""

    def published(self):
        return self.live().public()

    def published_in_one_query(self):
        """The same pages as ``published()``, with the view-restriction test inside the SQL.

        Wagtail's ``public()`` first reads every view restriction of the site (one query
        each time it is called) to build its filter; here the test is a NOT EXISTS on the
        restrictions of the page and its ancestors, so a page's render pays for no extra
        query. Search keeps ``published()``, whose plan its ranking statement is tuned for.
        """
        return self.live().exclude(view_restricted())


class ArticlePageQuerySet(PublishedPageQuerySet):
    """Articles, with the clinical-review queries the report and the dashboard share."""

    def due_for_review(self, today=None):
        """Live articles whose next review is past, within DUE_SOON_DAYS, or never set."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        return (
            self.live()
            .filter(Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True))
            .select_related("clinically_reviewed_by")
            .defer("body")
        )

    def review_counts(self, today=None):
        """{"overdue": ..., "due_soon": ..., "never_reviewed": ...} for live articles."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        return self.live().aggregate(
            overdue=Count("pk", filter=Q(next_review_due__lt=today)),
            due_soon=Count(
                "pk", filter=Q(next_review_due__gte=today, next_review_due__lte=horizon)
            ),
            never_reviewed=Count("pk", filter=Q(next_review_due__isnull=True)),
        )


PublishedPageManager = PageManager.from_queryset(PublishedPageQuerySet)
ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
