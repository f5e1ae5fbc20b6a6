"""A results page costs a fixed, small number of queries, none of them sent twice."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.tests.support import search

pytestmark = pytest.mark.django_db

# SQLite: promotions, view restrictions, the ranking statement, the ten pages, their series,
# their part numbers; then the layout's site, site settings and footer series list.
# PostgreSQL adds the ranking statement's savepoint, planner settings and their restore
# (inside the test's transaction; a request on its own sends one SET LOCAL instead).
MAX_QUERIES = {"sqlite": 9, "postgresql": 13}


@pytest.fixture
def twelve_matches(client, publish_article):
    pages = [publish_article(f"Demo bounded article {number}") for number in range(12)]
    search(client, "bounded")  # The first page view creates the site's settings row.
    return pages


def _repeated(captured):
    counts = Counter(query["sql"] for query in captured.captured_queries)
    return {sql: count for sql, count in counts.items() if count > 1}


def test_a_page_of_ten_results_costs_a_fixed_number_of_queries(
    client, twelve_matches, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES[connection.vendor]):
        response = search(client, "bounded")
    assert len(response.context["results"]) == 10
    assert response.context["result_count"] == 12
    with django_assert_max_num_queries(MAX_QUERIES[connection.vendor]):
        second = search(client, "bounded", page="2")
    assert len(second.context["results"]) == 2


def test_no_query_is_sent_twice_in_a_search(client, twelve_matches):
    with CaptureQueriesContext(connection) as captured:
        search(client, "bounded")
    assert _repeated(captured) == {}


def test_no_query_is_sent_twice_with_an_editors_pick(client, twelve_matches, publish_article):
    promoted = publish_article("Demo pick elsewhere")
    SearchPromotion.objects.create(query=Query.get("bounded"), page=promoted, sort_order=0)
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "bounded")
    assert [item.title for item in response.context["promotions"]] == ["Demo pick elsewhere"]
    assert len(response.context["results"]) == 10
    assert _repeated(captured) == {}
