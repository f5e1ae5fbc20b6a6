"""What Crossref says about each cited work, and reviewers' confirmations to cite it anyway.

``DoiCheck`` is keyed by the normalised, lower-case DOI (DOIs are case-insensitive), so one
check serves every article citing the work. ``RetractionConfirmation`` records that a
clinical reviewer read the retraction notices of the works an article cites and agreed it
may still cite them; it holds only for that exact set of retracted DOIs.
"""

from django.conf import settings
from django.db import models


class CitedWorkStatus(models.TextChoices):
    OK = "ok", "No notices"
    CORRECTED = "corrected", "Corrected"
    CONCERN = "concern", "Expression of concern"
    RETRACTED = "retracted", "Retracted"
    FAILED = "failed", "Check failed"


# The most serious first: a work with a correction and a retraction is retracted.
SEVERITY = [CitedWorkStatus.RETRACTED, CitedWorkStatus.CONCERN, CitedWorkStatus.CORRECTED]


class DoiCheck(models.Model):
    """The last check of one cited DOI against Crossref (``manage.py check_retractions``).

    ``notices`` is a list of {"kind", "doi", "date", "label", "source"} (see
    articles.references.notices). A failed check keeps the notices found before, so a
    retraction is never forgotten because Crossref was unreachable one night.
    """

    doi = models.CharField(
        max_length=255, unique=True, help_text="The cited DOI, normalised and in lower case."
    )
    status = models.CharField(
        max_length=20,
        choices=CitedWorkStatus.choices,
        default=CitedWorkStatus.OK,
        help_text="What the last check found; 'Check failed' keeps the earlier notices.",
    )
    notices = models.JSONField(
        default=list,
        blank=True,
        help_text="The retraction, correction and concern notices Crossref lists for the work.",
    )
    checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When Crossref was last asked about this DOI."
    )
    last_error = models.TextField(
        blank=True, help_text="Why the last check failed; empty when it worked."
    )

    class Meta:
        ordering = ["doi"]
        verbose_name = "DOI check"

    def __str__(self):
        return f"{self.doi}: {self.get_status_display()}"

    @property
    def severity(self):
        """The most serious notice kept (also after a failed check): a CitedWorkStatus."""
        kinds = {notice.get("status") for notice in self.notices or [] if isinstance(notice, dict)}
        for status in SEVERITY:
            if status in kinds:
                return status
        return CitedWorkStatus.OK


class RetractionConfirmation(models.Model):
    """A clinical reviewer's "this article may still cite these retracted works".

    Valid only while the article cites exactly the retracted DOIs listed here: citing
    another retracted work, or a cited work being retracted later, needs a new one.
    """

    article = models.ForeignKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,
        related_name="retraction_confirmations",
        help_text="The article the confirmation is about.",
    )
    dois = models.JSONField(
        default=list, help_text="The retracted DOIs the reviewer confirmed, sorted."
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinical reviewer who confirmed.",
    )
    confirmed_at = models.DateTimeField(auto_now_add=True, help_text="When they confirmed.")

    class Meta:
        ordering = ["-confirmed_at", "-pk"]

    def __str__(self):
        return f"{self.article}: {', '.join(self.dois)}"
