"""Background tasks of site search (run by django-tasks; see TASKS in settings)."""

from django.db import transaction
from django.db.models import F
from django_tasks import task
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits


@task()
def record_search_hits(hits):
    """Add ``hits`` ([[query string, ISO date, count], ...]) to the popular-searches report.

    The same rows Wagtail's ``Query.add_hit()`` writes, in one transaction for the batch.
    Returns the number of searches recorded.
    """
    with transaction.atomic():
        for query_string, day, count in hits:
            query = Query.get(query_string)
            daily, _created = QueryDailyHits.objects.get_or_create(query=query, date=day)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + count)
    return sum(count for _query, _day, count in hits)
