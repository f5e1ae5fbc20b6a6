"""The review report's menu item and the dashboard panel counting articles due for review."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from articles.models import ArticlePage
from articles.models.querysets import DUE_SOON_DAYS
from articles.review.reports import user_can_see_review_report


class ClinicalReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_review_report(request.user)


class ClinicalReviewPanel(Component):
    """Dashboard panel: how many live articles are overdue or nearly due for review."""

    name = "clinical_review"
    order = 150  # Near the top: overdue health content matters more than recent edits.
    template_name = "articles/admin/clinical_review_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(ArticlePage.objects.review_counts())
        context["report_url"] = reverse("clinical_review_report")
        context["due_soon_days"] = DUE_SOON_DAYS
        return context
