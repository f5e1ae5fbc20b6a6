"""Recording an approval: who reviewed the article, when, and when the next review is due.

An article's review is recorded when the "Clinical review" workflow approves it (see
``articles.review.workflow_actions``): the approval day becomes ``last_reviewed``, the
approving user's Person becomes ``clinically_reviewed_by`` and ``next_review_due`` follows
from the site's review interval. A value the editor entered in the submitted revision
(different from the live article, or any value on a never-published article) is kept.
"""

import logging

from django.utils import timezone

from articles.review.dates import default_next_review_due
from people.models import Person

logger = logging.getLogger(__name__)


def person_for_user(user):
    """The Person linked to an admin account, creating one named after the user if missing.

    An approval must always name the clinician who gave it, so a reviewer whose account is
    not yet linked gets a Person (their full name, or username) that a Publisher can then
    complete with credentials under People.
    """
    if user is None or not user.is_authenticated:
        return None
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            name=(user.get_full_name() or user.get_username())[:120], user=user
        )
        logger.warning(
            "Created person %r for reviewer account %r; add their credentials.",
            person.name,
            user.get_username(),
        )
    return person


def live_version(page):
    """The published version of a page (its live revision as an object), or None."""
    if page.live_revision_id:
        return page.live_revision.as_object()
    return page if page.live else None


def apply_clinical_review(article, user, live=None, on_date=None):
    """Stamp an approved article (an unsaved revision object) with the review; return it.

    ``live`` is the published version of the article, if any. The editor's own entries win:
    a field counts as "set by the editor" when it differs from the live version, or, for an
    article never published, when it has any value.
    """
    on_date = on_date or timezone.localdate()

    def set_by_editor(field):
        value = getattr(article, field)
        if value in (None, ""):
            return False
        return live is None or value != getattr(live, field)

    if not set_by_editor("last_reviewed"):
        article.last_reviewed = on_date
        if not set_by_editor("next_review_due"):
            article.next_review_due = default_next_review_due(on_date, page=article)
    elif not article.next_review_due:
        article.next_review_due = default_next_review_due(article.last_reviewed, page=article)
    if not set_by_editor("clinically_reviewed_by_id"):
        reviewer = person_for_user(user)
        if reviewer is not None:
            article.clinically_reviewed_by = reviewer
    return article
