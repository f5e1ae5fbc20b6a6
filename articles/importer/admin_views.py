"""The admin's "Import article" screen on a series: upload, dry run, confirm.

An editor who may add an article to the series uploads a text export (.txt) or a Word
document (.docx). The dry run writes the article and rolls it back, exactly as
``import_articles --dry-run`` does (``SeriesImport``, the command's own code), and shows
what would be created (``preview.py``). The file waits in the editor's session
(``pending.py``); confirming imports it again, for real, as a draft, never published: the
editor then submits it to clinical review from the page editor, like any new article.
"""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles.importer import pending
from articles.importer.errors import ArticleImportError
from articles.importer.page_tree import SeriesImport
from articles.importer.preview import build_preview
from articles.importer.upload import ACCEPTED_EXTENSIONS, parser_for
from articles.models import ArticlePage, ArticleSeriesPage
from core.models import SiteSettings


def can_import_into(user, page):
    """Whether the page takes articles (a series) and the user may add one to it."""
    return ArticlePage.can_create_at(page) and page.permissions_for_user(user).can_add_subpage()


class ArticleUploadForm(forms.Form):
    file = forms.FileField(
        label="Article file",
        allow_empty_file=True,  # an empty file gets the importer's own message
        error_messages={
            "required": "Choose a file to import: a text export (.txt) or a Word document (.docx)."
        },
        help_text=(
            "A text export of an article (.txt, as the old site saved them) or a Word "
            "document (.docx). Its first line (in Word, the Title or first heading) becomes "
            "the article's title. You will see what would be created before anything is."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ARTICLE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}; an article to import can be at "
                f"most {filesizeformat(limit)}. Remove large images from the Word document, "
                "or split the article, and upload it again."
            )
        try:
            parser_for(upload.name)
        except ArticleImportError as error:
            raise forms.ValidationError(f"This file {error}.") from None
        return upload


class ArticleImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "articles/admin/import_article.html"
    page_title = "Import article"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.series = get_object_or_404(ArticleSeriesPage, pk=kwargs["series_id"])
        if not can_import_into(request.user, self.series):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.series.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.series.pk]),
                "label": self.series.title,
            },
            {"url": "", "label": "Import article"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["series"] = self.series
        context.setdefault("form", ArticleUploadForm())
        return context

    def post(self, request, *args, **kwargs):
        if "upload" in request.POST:
            return self.confirm(request)
        form = ArticleUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        name, data = PurePath(upload.name).name, upload.read()
        report = self.run(dry_run=True).import_upload(PurePath(name), data, parser_for(name))
        if report.failure:
            form.add_error("file", f"This file {report.failure}.")
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(
            self.get_context_data(
                preview=build_preview(report, self.series),
                upload_token=pending.remember(request.session, self.series, name, data),
                citation_style=SiteSettings.for_site(self.series.get_site()).citation_style,
            )
        )

    def confirm(self, request):
        upload = pending.recall(request.session, self.series, request.POST["upload"])
        if upload is None:
            return self.upload_again(
                "That file is no longer waiting to be imported (it was replaced by another "
                "dry run, or your session ended). Choose the file again."
            )
        report = self.run(dry_run=False).import_upload(
            PurePath(upload.name), upload.data, parser_for(upload.name)
        )
        pending.forget(request.session)
        if report.failure:
            return self.upload_again(f"{upload.name} was not imported: this file {report.failure}.")
        messages.success(
            request,
            f"“{report.parsed.title}” was imported as a draft. Check it, then choose “Submit "
            "to Clinical review” when it is ready.",
        )
        return redirect("wagtailadmin_pages:edit", report.page_id)

    def upload_again(self, message):
        """The upload form again, saying why the confirmed file was not imported."""
        return self.render_to_response(self.get_context_data(confirm_error=message))

    def run(self, *, dry_run):
        # Never published: an imported article goes live through clinical review.
        return SeriesImport(
            self.series, publish=False, dry_run=dry_run, new_only=True, user=self.request.user
        )


class ImportArticleMenuItem(PageMenuItem):
    """The series' "Import article" action, for those who may add an article to it."""

    label = "Import article"
    icon_name = "upload"
    url_name = "article_import"

    def is_shown(self, user):
        return can_import_into(user, self.page)


def article_import_urls():
    return [
        path(
            "series/<int:series_id>/import/",
            ArticleImportView.as_view(),
            name="article_import",
        )
    ]


def import_article_header_button(page, user, view_name, next_url=None):
    # In the "…" menu of the series' page listing and editor header.
    yield ImportArticleMenuItem(page=page, priority=16)


def import_article_listing_button(page, user, next_url=None):
    # In the "…" menu of the series' row in its parent's listing.
    yield ImportArticleMenuItem(page=page, priority=9)
