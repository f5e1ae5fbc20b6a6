"""Admin wiring for people and clinical governance.

People and topics snippets, the "Articles due for clinical review" report and its
dashboard panel, the editors' checks after saving an article, the content checker in the
user bar and the editor's Checks panel, and the clinical-review history entry.
"""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import ArticlePage, Topic
from people.editorial_checks import article_problems
from people.models import Person
from people.reports import ClinicalReviewReportView, user_can_see_review_report
from people.review import DUE_SOON_DAYS, review_counts

# --- Snippets --------------------------------------------------------------------------


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "user"]
    search_fields = ["name", "credentials", "role"]


class TopicViewSet(SnippetViewSet):
    """Lets Publishers rename or merge-by-deleting topics that editors typed."""

    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None  # Topics are not search-indexed: match names in the database.


register_snippet(PersonViewSet)
register_snippet(TopicViewSet)


# --- Report and dashboard ----------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_clinical_review_report_urls():
    return [
        path(
            "reports/clinical-review/",
            ClinicalReviewReportView.as_view(),
            name="clinical_review_report",
        ),
        path(
            "reports/clinical-review/results/",
            ClinicalReviewReportView.as_view(results_only=True),
            name="clinical_review_report_results",
        ),
    ]


class ClinicalReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_review_report(request.user)


@hooks.register("register_reports_menu_item")
def register_clinical_review_report_menu_item():
    return ClinicalReviewReportMenuItem(
        "Articles due for clinical review",
        reverse("clinical_review_report"),
        name="clinical-review",
        icon_name="clipboard-list",
        order=650,
    )


class ClinicalReviewPanel(Component):
    """Dashboard panel: how many live articles are overdue or nearly due for review."""

    name = "clinical_review"
    order = 150  # Near the top: overdue health content matters more than recent edits.
    template_name = "people/admin/clinical_review_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(review_counts())
        context["report_url"] = reverse("clinical_review_report")
        context["due_soon_days"] = DUE_SOON_DAYS
        return context


@hooks.register("construct_homepage_panels")
def add_clinical_review_panel(request, panels):
    if user_can_see_review_report(request.user):
        panels.append(ClinicalReviewPanel())


# --- Editors' checks ---------------------------------------------------------------------


def warn_about_article_problems(request, page):
    # Autosave posts expect JSON; the warning is shown on the next full save instead.
    if not isinstance(page.specific_deferred, ArticlePage) or not request.accepts("text/html"):
        return
    problems = article_problems(page.specific)
    if problems:
        messages.warning(
            request,
            format_html(
                "Saved, but please check the article before clinical review:<ul>{}</ul>",
                format_html_join("", "<li>{}</li>", ((problem,) for problem in problems)),
            ),
        )


hooks.register("after_create_page", warn_about_article_problems)
hooks.register("after_edit_page", warn_about_article_problems)


class ArtcmsContentChecker(ContentCheckerItem):
    """Wagtail's accessibility checker with a few more rules that matter for our readers.

    Besides Wagtail's defaults (heading order, empty headings and links, alt text quality,
    missing meta description...), check that images have alt text, links are told apart
    from text, and the page has one main landmark and a title.
    """

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "link-in-text-block",
        "landmark-one-main",
        "document-title",
        "duplicate-id-aria",
    ]


@hooks.register("construct_wagtail_userbar")
def use_artcms_content_checker(request, items, page):
    # Also runs for the editor's Checks side panel, which builds its checker the same way.
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ArtcmsContentChecker):
            items[index] = ArtcmsContentChecker(in_editor=item.in_editor)


# --- History -----------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_clinical_review_log_action(actions):
    actions.register_action(
        "artcms.clinical_review", "Record clinical review", "Clinical review recorded"
    )
