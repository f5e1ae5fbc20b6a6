"""Admin wiring for articles: topics, the clinical review report and dashboard panel, the
editors' checks after saving, the content checker, the clinical-review history entry and
the series' "Import article" action."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet

from articles.admin_search import EditorPageViewSet
from articles.content_checker import ArtcmsContentChecker
from articles.importer.admin_views import (
    article_import_urls,
    import_article_header_button,
    import_article_listing_button,
)
from articles.models import ArticlePage
from articles.references.views import reference_lookup
from articles.references.viewsets import ReferenceViewSet
from articles.review.dashboard import ClinicalReviewPanel, ClinicalReviewReportMenuItem
from articles.review.editorial_checks import article_problems
from articles.review.reports import ClinicalReviewReportView, user_can_see_review_report
from articles.review.retraction_gate import unconfirmed_retractions
from articles.review.retraction_report import RetractedCitationsReportView
from articles.review.viewsets import ArticlePageViewSet
from articles.topics.viewsets import TopicViewSet

register_snippet(TopicViewSet)
register_snippet(ReferenceViewSet)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("articles/admin.css"))


@hooks.register("register_admin_viewset")
def register_editor_page_viewset():
    # After Wagtail's own base viewset (order -1), so this one serves the base Page views.
    return EditorPageViewSet("artcms_pages")


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet("article_pages")


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


@hooks.register("register_reports_menu_item")
def register_clinical_review_report_menu_item():
    return ClinicalReviewReportMenuItem(
        "Articles due for clinical review",
        reverse("clinical_review_report"),
        name="clinical-review",
        icon_name="clipboard-list",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_retracted_citations_report_urls():
    return [
        path(
            "reports/retracted-citations/",
            RetractedCitationsReportView.as_view(),
            name="retracted_citations_report",
        ),
        path(
            "reports/retracted-citations/results/",
            RetractedCitationsReportView.as_view(results_only=True),
            name="retracted_citations_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_retracted_citations_report_menu_item():
    return ClinicalReviewReportMenuItem(
        "Live articles citing retracted work",
        reverse("retracted_citations_report"),
        name="retracted-citations",
        icon_name="warning",
        order=651,
    )


@hooks.register("construct_homepage_panels")
def add_clinical_review_panel(request, panels):
    if user_can_see_review_report(request.user):
        panels.append(ClinicalReviewPanel())


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


@hooks.register("construct_wagtail_userbar")
def use_artcms_content_checker(request, items, page):
    # Also runs for the editor's Checks side panel, which builds its checker the same way.
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ArtcmsContentChecker):
            items[index] = ArtcmsContentChecker(in_editor=item.in_editor)


@hooks.register("register_log_actions")
def register_clinical_review_log_action(actions):
    actions.register_action(
        "artcms.clinical_review", "Record clinical review", "Clinical review recorded"
    )


# The reference editor's "Fill in from DOI or PMID" button (articles/references/).
@hooks.register("register_admin_urls")
def register_reference_lookup_url():
    return [path("references/lookup/", reference_lookup, name="reference_lookup")]


@hooks.register("insert_editor_js")
def reference_lookup_js():
    return format_html(
        '<script src="{}" data-lookup-url="{}" defer></script>',
        static("js/reference_lookup.js"),
        reverse("reference_lookup"),
    )


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_retracted_citations(request, action_type, objects, action_class):
    """The page listing's bulk Publish: nothing is published if an article (or an article
    under a chosen series) cites a retracted work no clinical reviewer has confirmed."""
    if action_type != "publish":
        return None
    articles = []
    for page in objects:
        if isinstance(page.specific_deferred, ArticlePage):
            articles.append(page.specific)
        articles.extend(ArticlePage.objects.descendant_of(page))
    blocked = [article.title for article in articles if unconfirmed_retractions(article)]
    if not blocked:
        return None
    messages.error(
        request,
        f"Nothing was published: {', '.join(blocked)} cite(s) a retracted work. A clinical "
        "reviewer must read the notice and confirm it in the article editor first, or the "
        "reference must be removed.",
    )
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("wagtailadmin_home")
    return redirect(next_url)


# Editors' "Import article" on a series (articles/importer/admin_views.py).
hooks.register("register_admin_urls", article_import_urls)
hooks.register("register_page_header_buttons", import_article_header_button)
hooks.register("register_page_listing_more_buttons", import_article_listing_button)
