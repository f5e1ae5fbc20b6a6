"""PostgreSQL: the planner settings of the ranking statement never outlive it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.tests.support import result_titles, search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner settings are PostgreSQL's"
)


def _settings():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_nestloop')"
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_on_its_own_the_statement_sets_them_once_and_its_transaction_ends_them(
    client, publish_article
):
    publish_article("Demo nightmares article")
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "nightmares")
    assert result_titles(response) == ["Demo nightmares article"]
    statements = [query["sql"] for query in captured.captured_queries]
    settings = [sql for sql in statements if "enable_seqscan" in sql]
    assert settings == ["SET LOCAL enable_seqscan = off; SET LOCAL enable_nestloop = off"]
    assert _settings() == ("on", "on")


@pytest.mark.django_db
def test_inside_a_longer_transaction_they_are_restored(client, publish_article):
    publish_article("Demo nightmares article")
    assert result_titles(search(client, "nightmares")) == ["Demo nightmares article"]
    assert _settings() == ("on", "on")
