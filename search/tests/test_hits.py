"""Searches are counted for the popular-searches report without a write per search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search import hits
from search.tasks import record_search_hits
from search.tests.support import search

pytestmark = pytest.mark.django_db


def _writes(captured):
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_search_writes_nothing_until_the_counts_are_flushed(client, publish_article):
    publish_article("Demo nightmares article")
    search(client, "demo")  # The first page view of the site creates its settings row.
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            search(client, "Nightmares")
    assert _writes(captured) == []
    assert not QueryDailyHits.objects.exists()

    hits.flush_search_hits()
    assert Query.get("nightmares").hits == 3
    assert Query.get("demo").hits == 1
    assert hits.take_pending() == []


def test_the_first_search_after_the_interval_flushes_every_count(
    client, publish_article, monkeypatch
):
    publish_article("Demo burnout article")
    search(client, "burnout")
    search(client, "grief")
    assert not QueryDailyHits.objects.exists()
    monkeypatch.setattr(hits, "FLUSH_SECONDS", 0)
    search(client, "burnout")
    assert Query.get("burnout").hits == 2
    assert Query.get("grief").hits == 1
    # Counts already written are added to, on the same day's row.
    search(client, "burnout")
    assert Query.get("burnout").hits == 3
    assert QueryDailyHits.objects.filter(query__query_string="burnout").count() == 1


def test_the_task_adds_to_the_counts_wagtail_already_has(publish_article):
    Query.get("demo counted").add_hit()
    recorded = record_search_hits.call([["demo counted", "2026-01-05", 4]])
    assert recorded == 4
    assert Query.get("demo counted").hits == 5
    assert QueryDailyHits.objects.get(date="2026-01-05").hits == 4
