"""Publishing an article that cites a retracted work needs a clinical reviewer's word.

The article editor's form carries a tick box under the body, "I have read the retraction
notice(s) and this article may still cite them", shown only while the article cites a work
the retraction check found retracted. Publishing (a Publisher's Publish, or a reviewer's
Approve and publish in the editor) is refused with a message on that box until a clinical
reviewer has ticked it; the tick is stored (who, when, which DOIs) as a
RetractionConfirmation, which lapses when the set of retracted DOIs cited changes. The
dashboard's approve button and the page listing's bulk Publish are checked the same way
(``unconfirmed_retractions``).
"""

from django import forms
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property

from articles.references.models import CitedWorkStatus
from articles.references.retractions import (
    can_confirm_retractions,
    confirm_retractions,
    current_confirmation,
    flagged_references,
)

CONFIRMATION_LABEL = "I have read the retraction notice(s) and this article may still cite them"
CONFIRMATION_HELP = (
    "For clinical reviewers. Tick only after reading each retraction notice listed in the "
    "editorial checks and deciding the article may still cite the work (for example, to "
    "discuss the retraction). Needed before the article can be published; asked again if "
    "the retracted works it cites change."
)


def retracted_references(article_or_body):
    return [
        flagged
        for flagged in flagged_references(article_or_body)
        if flagged.status == CitedWorkStatus.RETRACTED
    ]


def _dois(flagged):
    return sorted({item.reference.doi for item in flagged})


def _listing(flagged):
    return "; ".join(item.sentence for item in flagged)


def unconfirmed_retractions(article):
    """The retracted references of the article's latest revision, unless a reviewer has
    confirmed them; [] when it may be published."""
    latest = article.get_latest_revision_as_object()
    if not hasattr(latest, "body"):
        return []
    flagged = retracted_references(latest)
    if not flagged or current_confirmation(article, _dois(flagged)):
        return []
    return flagged


def approval_blocked_message(article):
    """Why the article's latest revision may not be approved and published, or None."""
    flagged = unconfirmed_retractions(article)
    if not flagged:
        return None
    return (
        f"Not published: '{article.title}' cites a retracted work ({_listing(flagged)}). "
        "Read the notice, then tick “I have read the retraction notice(s) and this article "
        "may still cite them” under the article's body and approve again, or ask the author "
        "to remove the reference."
    )


class RetractionConfirmationFormMixin(forms.Form):
    """The tick box and the publishing rule, for the article editor's form."""

    confirm_retracted_citations = forms.BooleanField(
        required=False, label=CONFIRMATION_LABEL, help_text=CONFIRMATION_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.retracted = retracted_references(self.instance.body) if self.instance.pk else []
        self.retractions_to_confirm = None
        field = self.fields.get("confirm_retracted_citations")
        if field is None or not self.retracted:
            return
        confirmation = current_confirmation(self.instance, _dois(self.retracted))
        if confirmation is not None:
            who = confirmation.confirmed_by
            name = (who.get_full_name() or who.get_username()) if who else "a former reviewer"
            field.initial = True
            field.disabled = True
            field.help_text = (
                f"Confirmed by {name} on {format_date(confirmation.confirmed_at, 'j F Y')}. "
                "Asked again if the retracted works the article cites change."
            )
        elif not self.can_confirm:
            field.disabled = True
            field.help_text = (
                "Only a clinical reviewer can tick this. Submit the article to Clinical "
                "review, or remove the retracted reference."
            )

    @cached_property
    def can_confirm(self):
        return can_confirm_retractions(getattr(self, "for_user", None))

    @property
    def is_publishing(self):
        """Whether the editor pressed Publish, or Approve (which publishes the article)."""
        data = self.data
        return bool(data.get("action-publish")) or (
            bool(data.get("action-workflow-action"))
            and data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned_data = super().clean()
        if "body" not in cleaned_data or "confirm_retracted_citations" not in self.fields:
            return cleaned_data  # the body has errors of its own to fix first
        self.retracted = retracted_references(cleaned_data["body"])
        dois = _dois(self.retracted)
        if not dois or current_confirmation(self.instance, dois):
            return cleaned_data
        ticked = cleaned_data.get("confirm_retracted_citations") and self.can_confirm
        if ticked and self.instance.pk:
            self.retractions_to_confirm = dois
        elif self.is_publishing:
            self.add_error("confirm_retracted_citations", self._refusal())
        return cleaned_data

    def _refusal(self):
        listing = _listing(self.retracted)
        if not self.instance.pk:
            return (
                f"Not published: the article cites a retracted work ({listing}). Save it as a "
                "draft and submit it to Clinical review, or remove the reference."
            )
        if self.can_confirm:
            return (
                f"Not published: the article cites a retracted work ({listing}). Read the "
                "notice and tick this box if the article may still cite it, or remove the "
                "reference."
            )
        return (
            f"Not published: the article cites a retracted work ({listing}). A clinical "
            "reviewer must read the notice and confirm it may still be cited: submit the "
            "article to Clinical review, or remove the reference."
        )

    def save(self, commit=True):
        page = super().save(commit=commit)
        if self.retractions_to_confirm and page.pk:
            confirm_retractions(page, self.retractions_to_confirm, self.for_user)
            self.retractions_to_confirm = None
        return page
