"""search/backends/ against modelsearch's stock database backend, on the same small data set.

Our backend subclasses modelsearch's private classes and calls their private methods
(listed beside the modelsearch pin in requirements.txt). If an upgrade changes them, these
tests fail: either the results differ from modelsearch's own, or our ranking statement no
longer runs (an override silently bypassed would still give modelsearch's results).

The queries are those where both must agree on every database: words in the one form the
data holds (SQLite's stock backend does not stem; ours also searches other forms), phrases,
and/or combinations, and queries that match nothing.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Or, Phrase, PlainText

from articles.models import ArticlePage
from search.tests.support import paragraph_body

pytestmark = pytest.mark.django_db

# A fragment only our ranking statement contains, on each database.
OUR_STATEMENT = {"sqlite": "CROSS JOIN", "postgresql": "enable_seqscan"}

ZEBRA = "Demo zebra article"
GIRAFFE = "Demo giraffe article"
OKAPI = "Demo okapi article"
UNRELATED = "Demo unrelated article"

QUERIES = [
    ("single word in a title", PlainText("giraffe"), {GIRAFFE}),
    ("single word in titles and bodies", PlainText("zebra"), {ZEBRA, GIRAFFE}),
    ("single word in a body", PlainText("quokka"), {ZEBRA}),
    ("words split between title and body", PlainText("zebra quokka"), {ZEBRA}),
    ("words, any of them", PlainText("quokka okapi", operator="or"), {ZEBRA, OKAPI}),
    ("a phrase", Phrase("river water"), {OKAPI}),
    ("a phrase in the other order", Phrase("water river"), set()),
    ("a phrase and a word", And([Phrase("river water"), PlainText("okapi")]), {OKAPI}),
    ("a phrase and a word elsewhere", And([Phrase("river water"), PlainText("zebra")]), set()),
    ("either query", Or([PlainText("quokka"), PlainText("giraffe")]), {ZEBRA, GIRAFFE}),
    ("a word in no article", PlainText("hippopotamus"), set()),
    ("one word matching, one not", PlainText("zebra hippopotamus"), set()),
]

AUTOCOMPLETE = [("zeb", {ZEBRA}), ("gira", {GIRAFFE}), ("quok", set()), ("hippo", set())]


@pytest.fixture
def zoo(publish_article):
    publish_article(ZEBRA, body=paragraph_body("Demo text about a quokka."))
    publish_article(GIRAFFE, body=paragraph_body("Demo zebra text beside a giraffe."))
    publish_article(OKAPI, body=paragraph_body("Demo text: the okapi drinks river water."))
    publish_article(UNRELATED, body=paragraph_body("Demo text."))
    unpublished = publish_article("Demo unpublished zebra", body=paragraph_body("Demo zebra."))
    unpublished.unpublish()


@pytest.fixture
def ours():
    backend = get_search_backend()
    assert type(backend).__module__.startswith("search.backends.")
    return backend


@pytest.fixture
def stock():
    """modelsearch's own database backend, configured as ours is."""
    backend = get_search_backend("modelsearch.backends.database", SEARCH_CONFIG="english")
    assert type(backend).__module__.startswith("modelsearch.backends.database.")
    return backend


def run(backend, method, query, queryset):
    """(titles, count, SQL run) for a search: results listed first, then counted."""
    with CaptureQueriesContext(connection) as queries:
        results = getattr(backend, method)(query, queryset)
        titles = [page.title for page in results]
        count = results.count()
    return titles, count, " ".join(query["sql"] for query in queries.captured_queries)


def assert_same_matches(ours, stock, method, query, queryset, expected):
    our_titles, our_count, our_sql = run(ours, method, query, queryset)
    stock_titles, stock_count, stock_sql = run(stock, method, query, queryset)
    assert set(stock_titles) == expected, "modelsearch's own backend changed its matches"
    assert set(our_titles) == set(stock_titles)
    assert len(our_titles) == our_count == stock_count == len(expected)
    assert OUR_STATEMENT[connection.vendor] in our_sql, "our ranking statement did not run"
    assert OUR_STATEMENT[connection.vendor] not in stock_sql


@pytest.mark.parametrize(
    ("query", "expected"),
    [(query, expected) for _name, query, expected in QUERIES],
    ids=[name for name, _query, _expected in QUERIES],
)
def test_search_matches_what_modelsearch_matches(zoo, ours, stock, query, expected):
    queryset = ArticlePage.objects.live().public()
    assert_same_matches(ours, stock, "search", query, queryset, expected)


@pytest.mark.parametrize(("text", "expected"), AUTOCOMPLETE)
def test_autocomplete_matches_what_modelsearch_matches(zoo, ours, stock, text, expected):
    queryset = ArticlePage.objects.live().public()
    assert_same_matches(ours, stock, "autocomplete", text, queryset, expected)


def test_the_querysets_filters_apply_alike(zoo, ours, stock):
    queryset = ArticlePage.objects.live().public().exclude(title=GIRAFFE)
    assert_same_matches(ours, stock, "search", PlainText("zebra"), queryset, {ZEBRA})


def test_a_title_match_ranks_first_in_both(zoo, ours, stock):
    queryset = ArticlePage.objects.live().public()
    for backend in (ours, stock):
        assert run(backend, "search", PlainText("zebra"), queryset)[0][0] == ZEBRA


def test_without_relevance_both_keep_the_querysets_order(zoo, ours, stock):
    queryset = ArticlePage.objects.live().public().order_by("title")
    results = {
        backend: [
            page.title
            for page in backend.search(PlainText("demo"), queryset, order_by_relevance=False)
        ]
        for backend in (ours, stock)
    }
    assert results[ours] == results[stock] == sorted([ZEBRA, GIRAFFE, OKAPI, UNRELATED])


def test_scores_are_annotated_by_both(zoo, ours, stock):
    queryset = ArticlePage.objects.live().public()
    for backend in (ours, stock):
        results = backend.search(PlainText("zebra"), queryset).annotate_score("_score")
        assert [type(page._score) for page in results] == [float, float]
