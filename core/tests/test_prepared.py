"""core.prepared.PreparedQuery: compiled once, run with other values, the same rows as the
queryset built for those values, on the real database."""

import threading

import pytest
from django.db import connection
from wagtail.models import Page

from core.prepared import PreparedQuery

PATH, DEPTH, SLUG = "ZZPREPAREDPATHPLACEHOLDER", 999999, "zz-prepared-slug-placeholder"


def children_by_slug(path, depth, slug):
    return Page.objects.filter(path__startswith=path, depth=depth, slug=slug).order_by("path")


@pytest.fixture
def query():
    return PreparedQuery(children_by_slug, path=PATH, depth=DEPTH, slug=SLUG)


def test_each_call_gives_the_rows_of_the_queryset_built_for_its_values(query, three_articles):
    series = three_articles[0].get_parent()
    for slug in ("demo-article-1", "demo-article-3", "no-such-article", "demo_article%"):
        values = {"path": series.path, "depth": series.depth + 1, "slug": slug}
        assert query.fetch(Page, **values) == list(children_by_slug(**values)), slug
    assert query.fetch(Page, path=series.path, depth=series.depth + 1, slug="demo-article-2")[
        0
    ].title == ("Demo article 2")


def test_the_sql_is_compiled_once(query, three_articles, django_assert_num_queries):
    series = three_articles[0].get_parent()
    query.fetch(Page, path=series.path, depth=series.depth + 1, slug="demo-article-1")
    prepared = dict(query._prepared)
    with django_assert_num_queries(1):
        query.fetch(Page, path=series.path, depth=series.depth + 1, slug="demo-article-2")
    assert query._prepared == prepared


def test_a_value_that_would_change_the_sql_is_refused(query, three_articles):
    series = three_articles[0].get_parent()
    with pytest.raises(ValueError, match="LIKE"):
        query.fetch(Page, path=series.path + "%", depth=series.depth + 1, slug="x")
    with pytest.raises(ValueError, match="change"):
        query.fetch(Page, path=series.path, depth=None, slug="x")
    with pytest.raises(ValueError, match="change"):
        query.fetch(Page, path=series.path, depth=str(series.depth + 1), slug="x")
    with pytest.raises(TypeError):
        query.fetch(Page, path=series.path, depth=series.depth + 1)


def test_a_placeholder_missing_from_the_parameters_is_an_error(db):
    broken = PreparedQuery(lambda path, slug: Page.objects.filter(slug=slug), path=PATH, slug=SLUG)
    with pytest.raises(ValueError, match="Placeholders not all found"):
        broken.fetch(Page, path="0001", slug="home")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite's in-memory test database is one connection"
)
def test_another_thread_runs_it_on_its_own_connection(query, three_articles):
    series = three_articles[0].get_parent()
    values = {"path": series.path, "depth": series.depth + 1, "slug": "demo-article-1"}
    query.fetch(Page, **values)  # prepared on this thread's connection
    found = []

    def other_thread():
        from django.db import connections

        found.append((query.fetch(Page, **values), id(connections["default"])))
        connections["default"].close()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    rows, connection_id = found[0]
    assert [page.slug for page in rows] == ["demo-article-1"]
    assert connection_id != id(connection)
