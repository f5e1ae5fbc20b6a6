"""Filters for the admin's list of articles (a series' page listing): status, review due,
topic and author, in the words editors use."""

import datetime

import django_filters
from django.utils import timezone
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.models import Revision, WorkflowState

from articles.models import ArticlePage
from articles.models.querysets import DUE_SOON_DAYS
from articles.topics.models import Topic
from people.models import Person

DRAFT, IN_REVIEW, LIVE, SCHEDULED = "draft", "in_review", "live", "scheduled"
OVERDUE, DUE_SOON, NEVER_REVIEWED = "overdue", "due_soon", "never_reviewed"


def object_ids(queryset):
    # Workflow states and revisions name their page by a text object_id.
    return {int(object_id) for object_id in queryset.values_list("object_id", flat=True)}


class ArticleFilterSet(PageFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[
            (DRAFT, "Draft (never published)"),
            (IN_REVIEW, "In clinical review"),
            (LIVE, "Live"),
            (SCHEDULED, "Scheduled to go live"),
        ],
        method="filter_status",
        empty_label="Any status",
    )
    review_due = django_filters.ChoiceFilter(
        label="Review due",
        choices=[
            (OVERDUE, "Overdue"),
            (DUE_SOON, f"Due within {DUE_SOON_DAYS} days"),
            (NEVER_REVIEWED, "Never reviewed"),
        ],
        method="filter_review_due",
        empty_label="Any review date",
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        field_name="tagged_topics__tag",
        empty_label="Any topic",
    )
    author = django_filters.ModelChoiceFilter(
        label="Author",
        queryset=Person.objects.filter(authored_articles__isnull=False).distinct(),
        field_name="article_authors__person",
        empty_label="Any author",
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_status(self, queryset, name, value):
        if value == DRAFT:
            return queryset.filter(live=False, first_published_at__isnull=True)
        if value == IN_REVIEW:
            in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
            return queryset.filter(pk__in=object_ids(in_review))
        if value == LIVE:
            return queryset.filter(live=True)
        if value == SCHEDULED:
            # A scheduled page has a revision approved to go live later; object_id is text.
            scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False)
            return queryset.filter(pk__in=object_ids(scheduled))
        return queryset

    def filter_review_due(self, queryset, name, value):
        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        if value == OVERDUE:
            return queryset.filter(next_review_due__lt=today)
        if value == DUE_SOON:
            return queryset.filter(next_review_due__gte=today, next_review_due__lte=horizon)
        if value == NEVER_REVIEWED:
            return queryset.filter(next_review_due__isnull=True)
        return queryset
