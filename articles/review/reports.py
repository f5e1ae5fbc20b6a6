"""Admin report "Articles due for clinical review", with CSV and XLSX downloads."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from articles.models import ArticlePage
from articles.models.querysets import DUE_SOON_DAYS

REPORT_PERMISSION = "people.view_review_report"

OVERDUE = "overdue"
DUE_SOON = "due_soon"
NEVER_REVIEWED = "never_reviewed"
STATUS_LABELS = {
    OVERDUE: "Overdue",
    DUE_SOON: f"Due within {DUE_SOON_DAYS} days",
    NEVER_REVIEWED: "Never reviewed",
}


def user_can_see_review_report(user):
    """Publishers, Clinical reviewers, Editors and superusers (they hold the people permission)."""
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def review_status(article, today):
    if article.next_review_due is None:
        return NEVER_REVIEWED
    return OVERDUE if article.next_review_due < today else DUE_SOON


def _readable_date(value):
    return format_date(value, "j F Y") if value else ""


class ReviewStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Review status",
        choices=list(STATUS_LABELS.items()),
        method="filter_status",
        empty_label="All",
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == OVERDUE:
            return queryset.filter(next_review_due__lt=today)
        if value == DUE_SOON:
            return queryset.filter(next_review_due__gte=today)
        if value == NEVER_REVIEWED:
            return queryset.filter(next_review_due__isnull=True)
        return queryset


class ClinicalReviewReportView(ReportView):
    """Live articles whose next clinical review is past, near, or was never set.

    Overdue articles stay public; this report is how Publishers and Clinical reviewers
    find and schedule them.
    """

    page_title = "Articles due for clinical review"
    header_icon = "clipboard-list"
    index_url_name = "clinical_review_report"
    index_results_url_name = "clinical_review_report_results"
    filterset_class = ReviewStatusFilterSet
    export_filename = "articles-due-for-clinical-review"
    verbose_name_plural = "articles due for clinical review"
    model = ArticlePage
    permission_policy = None  # Checked in dispatch() against REPORT_PERMISSION.

    columns = [
        TitleColumn("title", label="Article", get_url=lambda article: article.report_link),
        Column("series_title", label="Series"),
        Column("status_label", label="Status"),
        Column("reviewer_name", label="Clinically reviewed by"),
        Column(
            "last_reviewed",
            label="Last reviewed",
            accessor=lambda article: _readable_date(article.last_reviewed),
        ),
        Column(
            "next_review_due",
            label="Next review due",
            accessor=lambda article: _readable_date(article.next_review_due),
        ),
    ]
    list_export = [
        "title",
        "series_title",
        "status_label",
        "reviewer_name",
        "last_reviewed",
        "next_review_due",
        "full_url",
    ]
    export_headings = {
        "title": "Article",
        "series_title": "Series",
        "status_label": "Status",
        "reviewer_name": "Clinically reviewed by",
        "last_reviewed": "Last reviewed",
        "next_review_due": "Next review due",
        "full_url": "Web address",
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_review_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return ArticlePage.objects.due_for_review().order_by(
            F("next_review_due").asc(nulls_first=True), "path"
        )

    def decorate_paginated_queryset(self, object_list):
        """Add series, reviewer and status to each row, with one query for the series."""
        articles = list(object_list)
        parent_paths = {article.path[: -Page.steplen] for article in articles}
        series_titles = dict(
            Page.objects.filter(path__in=parent_paths).values_list("path", "title")
        )
        today = timezone.localdate()
        # Clinical reviewers cannot open articles in the editor outside review: link them
        # to the published page instead.
        can_edit = page_permission_policy.user_has_any_permission(
            self.request.user, ["change", "publish"]
        )
        for article in articles:
            article.report_link = (
                reverse("wagtailadmin_pages:edit", args=[article.pk]) if can_edit else article.url
            )
            article.series_title = series_titles.get(article.path[: -Page.steplen], "")
            reviewer = article.clinically_reviewed_by
            article.reviewer_name = str(reviewer) if reviewer else ""
            article.status_label = STATUS_LABELS[review_status(article, today)]
        return articles
