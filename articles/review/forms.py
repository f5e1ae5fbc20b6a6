"""The article editor form: plain labels, a slug clash that names the article it clashes
with, and the next review date kept in step with the last review date."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from articles.review.dates import default_next_review_due
from articles.review.retraction_gate import RetractionConfirmationFormMixin


class ArticlePageForm(RetractionConfirmationFormMixin, WagtailAdminPageForm):
    """ArticlePage's admin form.

    When an editor changes "last reviewed" but leaves "next review due" as it was, the old
    due date would be stale, so it is recalculated from the site's review interval. An
    article citing a retracted work is published only once a clinical reviewer confirms it
    may (articles.review.retraction_gate).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's labels speak to developers ("Tags", "Slug"); these speak to clinicians.
        if "topics" in self.fields:
            self.fields["topics"].label = "Topics"
        if "slug" in self.fields:
            self.fields["slug"].label = "Web address (slug)"
            self.fields["slug"].help_text = (
                "The last part of the article's web address, e.g. 'compassion-fatigue' in "
                "/series-name/compassion-fatigue/. Lowercase letters, numbers and hyphens."
            )

    def clean(self):
        cleaned_data = super().clean()
        self.explain_slug_clash()
        last_reviewed = cleaned_data.get("last_reviewed")
        if (
            last_reviewed
            and "last_reviewed" in self.changed_data
            and "next_review_due" not in self.changed_data
        ):
            page = self.instance if self.instance.pk else self.parent_page
            cleaned_data["next_review_due"] = default_next_review_due(last_reviewed, page=page)
        return cleaned_data

    def explain_slug_clash(self):
        """Replace Wagtail's "The slug '…' is already in use" with the article it clashes
        with and a link to open it (often a draft autosave made in another tab)."""
        slug = self.data.get(self.add_prefix("slug"))
        parent = self.parent_page
        if "slug" not in self.errors or not slug or parent is None:
            return
        existing = (
            Page.objects.child_of(parent).filter(slug=slug).exclude(pk=self.instance.pk).first()
        )
        if existing is None:
            return
        state = "a live article" if existing.live else "a draft"
        self.errors["slug"] = self.error_class(
            [
                format_html(
                    "This web address is already used by {} in this series, “{}”. "
                    '<a href="{}">Open “{}”</a> to carry on with it, or change the web '
                    "address (slug) on the Promote tab.",
                    state,
                    existing.title,
                    reverse("wagtailadmin_pages:edit", args=[existing.pk]),
                    existing.title,
                )
            ]
        )
