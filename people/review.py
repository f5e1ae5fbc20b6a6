"""Clinical review: review dates, recording an approval, and what is due.

An article's review is recorded when the "Clinical review" workflow approves it (see
``people.workflow_actions``): the approval day becomes ``last_reviewed``, the approving
user's Person becomes ``clinically_reviewed_by`` and ``next_review_due`` follows from the
site's review interval. A value the editor entered in the submitted revision (different
from the live article, or any value on a never-published article) is kept.
"""

import calendar
import datetime
import logging

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Site

from home.models import SiteSettings

# articles.models imports this module, so ArticlePage and Person are imported where used.

logger = logging.getLogger(__name__)

DEFAULT_REVIEW_INTERVAL_MONTHS = 12
# The report lists articles whose next review falls within this many days.
DUE_SOON_DAYS = 30


def add_months(day, months):
    """The same day ``months`` later; the month's last day if it is shorter (31 Jan -> 28 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _site_for(page):
    """The page's site, or the default site for a page not yet placed in the tree."""
    site = page.get_site() if page is not None and page.url_path else None
    return site or Site.objects.filter(is_default_site=True).first()


def review_interval_months(page=None, site=None):
    """The review interval from the site settings of the page's site (12 months by default)."""
    site = site or _site_for(page)
    if site is None:
        return DEFAULT_REVIEW_INTERVAL_MONTHS
    return SiteSettings.for_site(site).review_interval_months


def default_next_review_due(last_reviewed, page=None, site=None):
    """When the next review falls due: the last review plus the site's review interval."""
    return add_months(last_reviewed, review_interval_months(page=page, site=site))


def person_for_user(user):
    """The Person linked to an admin account, creating one named after the user if missing.

    An approval must always name the clinician who gave it, so a reviewer whose account is
    not yet linked gets a Person (their full name, or username) that a Publisher can then
    complete with credentials under People.
    """
    from people.models import Person

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


def due_for_review(today=None):
    """Live articles whose next review is past, within DUE_SOON_DAYS, or never set."""
    from articles.models import ArticlePage

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        ArticlePage.objects.live()
        .filter(Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True))
        .select_related("clinically_reviewed_by")
        .defer("body")
    )


def review_counts(today=None):
    """{"overdue": ..., "due_soon": ..., "never_reviewed": ...} for live articles."""
    from articles.models import ArticlePage

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return ArticlePage.objects.live().aggregate(
        overdue=Count("pk", filter=Q(next_review_due__lt=today)),
        due_soon=Count("pk", filter=Q(next_review_due__gte=today, next_review_due__lte=horizon)),
        never_reviewed=Count("pk", filter=Q(next_review_due__isnull=True)),
    )
