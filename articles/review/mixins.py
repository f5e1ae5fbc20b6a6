"""The clinical-review fields an article carries, as an abstract model mixin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.review.dates import default_next_review_due


class ClinicalReviewFields(models.Model):
    """Who last reviewed the page clinically, when, and when the next review is due.

    Approval in the "Clinical review" workflow fills these in (articles.review.approval);
    an editor fills them in only to record a review done outside this site.
    """

    clinically_reviewed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        verbose_name="clinically reviewed by",
        help_text=(
            "The clinician who checked this article is accurate and safe. Leave empty: "
            "when a clinical reviewer approves the article, they are filled in."
        ),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The day the article was last clinically reviewed. Leave empty: approval sets "
            "it to that day. Fill it in only to record a review done outside this site."
        ),
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When the article must be reviewed again. Leave empty to use the last review "
            "date plus the review interval in the site settings (usually 12 months)."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError(
                {
                    "last_reviewed": "The last review cannot be in the future. Enter today or "
                    "an earlier date."
                }
            )
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = default_next_review_due(self.last_reviewed, page=self)
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {
                    "next_review_due": "The next review must come after the last review. "
                    "Clear this field to use the site's review interval."
                }
            )
