"""Admin report "Live articles citing retracted work": each live article whose references
include a retracted work or one under an expression of concern, with the notice and the
date the retraction check last asked Crossref. For Editors, Clinical reviewers and
Publishers (the same permission as the clinical review report)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html_join
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from articles.models import ArticlePage, DoiCheck
from articles.references.cited import cited_dois
from articles.references.models import CitedWorkStatus
from articles.references.retractions import flagged_references
from articles.review.reports import user_can_see_review_report

REPORTED = (CitedWorkStatus.RETRACTED, CitedWorkStatus.CONCERN)


def _notices_html(article):
    return format_html_join(
        "",
        "<p>{}. {}</p>",
        (
            (
                flagged.sentence,
                format_html_join(
                    " ",
                    '<a href="{}" target="_blank" rel="noopener noreferrer">Open the notice</a>',
                    ((url,) for url in flagged.notice_urls),
                ),
            )
            for flagged in article.flagged
        ),
    )


def _checked(article):
    dates = [flagged.check.checked_at for flagged in article.flagged if flagged.check.checked_at]
    return format_date(min(dates), "j F Y") if dates else ""


class RetractedCitationsReportView(ReportView):
    """Live articles citing a retracted work or one under an expression of concern."""

    page_title = "Live articles citing retracted work"
    header_icon = "warning"
    index_url_name = "retracted_citations_report"
    index_results_url_name = "retracted_citations_report_results"
    export_filename = "live-articles-citing-retracted-work"
    verbose_name_plural = "live articles citing retracted work"
    model = ArticlePage
    permission_policy = None  # Checked in dispatch() against the review report permission.

    columns = [
        TitleColumn("title", label="Article", get_url=lambda article: article.report_link),
        Column("status_label", label="Worst notice"),
        Column("notices_html", label="References and notices"),
        Column("checked_text", label="Last checked"),
    ]
    list_export = ["title", "status_label", "notices_text", "checked_text", "full_url"]
    export_headings = {
        "title": "Article",
        "status_label": "Worst notice",
        "notices_text": "References and notices",
        "checked_text": "Last checked",
        "full_url": "Web address",
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_review_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        flagged_dois = {
            check.doi
            for check in DoiCheck.objects.exclude(notices=[])
            if check.severity in REPORTED
        }
        live = ArticlePage.objects.live()
        ids = [article.pk for article in live if cited_dois(article) & flagged_dois]
        return live.filter(pk__in=ids).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        articles = list(object_list)
        can_edit = page_permission_policy.user_has_any_permission(
            self.request.user, ["change", "publish"]
        )
        for article in articles:
            article.flagged = [
                flagged for flagged in flagged_references(article) if flagged.status in REPORTED
            ]
            worst = min(article.flagged, key=lambda flagged: REPORTED.index(flagged.status))
            article.status_label = worst.status.label
            article.notices_html = _notices_html(article)
            article.notices_text = "; ".join(
                f"{flagged.sentence}; notice: {' '.join(flagged.notice_urls) or 'no link'}"
                for flagged in article.flagged
            )
            article.checked_text = _checked(article)
            article.report_link = (
                reverse("wagtailadmin_pages:edit", args=[article.pk]) if can_edit else article.url
            )
        return articles
