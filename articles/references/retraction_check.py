"""Ask Crossref about every DOI the articles cite and record what it says (DoiCheck).

Run by ``manage.py check_retractions`` and the scheduled task (articles.references.tasks).
Polite to Crossref: one request at a time with a pause between them (RETRACTION_CHECK_PAUSE
seconds), the ``mailto`` contact, a short timeout, and only DOIs not checked for
``stale_days``. A failure (no network, an error, a malformed record, a DOI Crossref does
not know) is recorded on the DOI as "check failed" with the reason, keeping the notices
found before; it never raises.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import ArticlePage, Reference
from articles.references import lookup
from articles.references.cited import cited_dois, doi_key
from articles.references.models import CitedWorkStatus, DoiCheck
from articles.references.notices import MalformedRecord, notices_in_work, status_of

logger = logging.getLogger(__name__)


def dois_cited_by_articles():
    """Every DOI in the reference library, and every DOI cited by an article, in its
    current (live) version or its latest draft."""
    dois = {doi_key(doi) for doi in Reference.objects.exclude(doi="").values_list("doi", flat=True)}
    for article in ArticlePage.objects.select_related("latest_revision"):
        dois |= cited_dois(article)
        revision = article.latest_revision
        if revision is not None and revision.pk != article.live_revision_id:
            dois |= cited_dois(revision.as_object())
    return dois


def stale_dois(dois, stale_days):
    """The DOIs never checked, or last checked more than ``stale_days`` days ago."""
    cutoff = timezone.now() - datetime.timedelta(days=stale_days)
    fresh = set(
        DoiCheck.objects.filter(doi__in=dois, checked_at__gte=cutoff).values_list("doi", flat=True)
    )
    return sorted(set(dois) - fresh)


def check_doi(doi):
    """Ask Crossref about one DOI and record the answer; returns the DoiCheck."""
    doi = doi_key(doi)
    try:
        notices = notices_in_work(lookup.fetch_work(doi))
    except lookup.ReferenceLookupError as error:
        return _record_failure(doi, error.message)
    except MalformedRecord:
        return _record_failure(doi, "Crossref sent a record that could not be read.")
    with transaction.atomic():
        check, _created = DoiCheck.objects.select_for_update().get_or_create(doi=doi)
        check.status = status_of(notices)
        check.notices = notices
        check.checked_at = timezone.now()
        check.last_error = ""
        check.save()
    return check


def _record_failure(doi, reason):
    logger.warning("Retraction check of %s failed: %s", doi, reason)
    with transaction.atomic():
        check, _created = DoiCheck.objects.select_for_update().get_or_create(doi=doi)
        check.status = CitedWorkStatus.FAILED
        check.checked_at = timezone.now()
        check.last_error = reason[:1000]
        check.save()  # the notices found before are kept
    return check


def check_dois(dois, pause=None):
    """Check each DOI in turn, pausing between requests; returns the DoiChecks."""
    pause = settings.RETRACTION_CHECK_PAUSE if pause is None else pause
    checks = []
    for index, doi in enumerate(dois):
        if index and pause:
            time.sleep(pause)
        checks.append(check_doi(doi))
    return checks


def check_cited_dois(stale_days=None, limit=None):
    """Check the cited DOIs not checked for ``stale_days`` days, at most ``limit`` of them."""
    stale_days = settings.RETRACTION_CHECK_STALE_DAYS if stale_days is None else stale_days
    limit = settings.RETRACTION_CHECK_BATCH if limit is None else limit
    due = stale_dois(dois_cited_by_articles(), stale_days)
    return check_dois(due[:limit] if limit else due)
