"""The scheduled retraction check, as a background task (django-tasks).

Queued by ``manage.py run_scheduled_jobs`` (every few minutes; each run checks at most
RETRACTION_CHECK_BATCH DOIs not checked for RETRACTION_CHECK_STALE_DAYS) and by
``manage.py check_retractions``.
"""

from django_tasks import task

from articles.references.models import CitedWorkStatus
from articles.references.retraction_check import check_cited_dois, check_dois


@task()
def check_cited_retractions(stale_days=None, dois=None):
    """Check the cited DOIs due a check (or just ``dois``); returns counts by status."""
    checks = check_dois(dois) if dois else check_cited_dois(stale_days=stale_days)
    counts = {status.value: 0 for status in CitedWorkStatus}
    for check in checks:
        counts[check.status] += 1
    return counts
