"""What the recorded checks mean for one article: which of its references carry notices,
whether it cites a retracted work, and whether a reviewer has confirmed it may.

Only reads the database (DoiCheck, RetractionConfirmation): page views and form
validation never wait for Crossref.
"""

from dataclasses import dataclass

from django.utils.dateformat import format as format_date
from django.utils.dateparse import parse_date

from articles.references.cited import cited_references
from articles.references.models import CitedWorkStatus, DoiCheck, RetractionConfirmation

REVIEWERS_GROUP = "Clinical reviewers"

# How each status reads in a sentence about a reference.
STATUS_WORDS = {
    CitedWorkStatus.RETRACTED: "was retracted",
    CitedWorkStatus.CONCERN: "has an expression of concern",
    CitedWorkStatus.CORRECTED: "was corrected",
}


@dataclass(frozen=True)
class FlaggedReference:
    """A reference whose cited work has a retraction, concern or correction on record."""

    reference: object  # articles.references.cited.CitedReference
    check: DoiCheck

    @property
    def status(self):
        return self.check.severity

    @property
    def notices(self):
        """The notices of the most serious kind, e.g. the retraction notices."""
        return [notice for notice in self.check.notices if notice.get("status") == self.status]

    @property
    def sentence(self):
        """ "Reference 3 (Demo, A., 2020) was retracted on 10 January 2022 (Retraction Watch)"."""
        notice = self.notices[0] if self.notices else {}
        when = parse_date(notice.get("date") or "")
        text = f"Reference {self.reference.number} ({self.reference.short_label}) "
        text += STATUS_WORDS[self.status]
        if when:
            text += f" on {format_date(when, 'j F Y')}"
        if notice.get("source"):
            text += f" (reported by {notice['source']})"
        return text

    @property
    def notice_urls(self):
        return [f"https://doi.org/{notice['doi']}" for notice in self.notices if notice["doi"]]


def flagged_references(article_or_body):
    """The article's references whose works are retracted, under concern or corrected."""
    references = [reference for reference in cited_references(article_or_body) if reference.doi]
    if not references:
        return []
    checks = DoiCheck.objects.in_bulk([reference.doi for reference in references], field_name="doi")
    flagged = []
    for reference in references:
        check = checks.get(reference.doi)
        if check is not None and check.severity != CitedWorkStatus.OK:
            flagged.append(FlaggedReference(reference, check))
    return flagged


def retracted_dois(article_or_body):
    """The sorted retracted DOIs an article (or a body) cites."""
    return sorted(
        {
            flagged.reference.doi
            for flagged in flagged_references(article_or_body)
            if flagged.status == CitedWorkStatus.RETRACTED
        }
    )


def current_confirmation(article, dois):
    """The reviewer's confirmation covering exactly these retracted DOIs, or None."""
    if not article.pk or not dois:
        return None
    latest = (
        RetractionConfirmation.objects.filter(article=article)
        .select_related("confirmed_by")
        .first()
    )
    return latest if latest is not None and sorted(latest.dois) == sorted(dois) else None


def can_confirm_retractions(user):
    """Clinical reviewers (and superusers) may confirm an article may cite retracted works."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()


def confirm_retractions(article, dois, user):
    """Record that ``user`` confirmed the article may cite these retracted DOIs."""
    return RetractionConfirmation.objects.create(
        article=article, dois=sorted(dois), confirmed_by=user
    )
