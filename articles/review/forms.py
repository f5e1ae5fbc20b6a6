"""The article editor form: keeps the next review date in step with the last review date."""

from wagtail.admin.forms import WagtailAdminPageForm

from articles.review.dates import default_next_review_due


class ArticlePageForm(WagtailAdminPageForm):
    """ArticlePage's admin form.

    When an editor changes "last reviewed" but leaves "next review due" as it was, the old
    due date would be stale, so it is recalculated from the site's review interval.
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
        last_reviewed = cleaned_data.get("last_reviewed")
        if (
            last_reviewed
            and "last_reviewed" in self.changed_data
            and "next_review_due" not in self.changed_data
        ):
            page = self.instance if self.instance.pk else self.parent_page
            cleaned_data["next_review_due"] = default_next_review_due(last_reviewed, page=page)
        return cleaned_data
