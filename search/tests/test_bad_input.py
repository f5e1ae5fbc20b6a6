"""Bad input never gives a 500: the real views, on whichever database the suite runs on."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.factories import demo_body
from search.query import MAX_QUERY_LENGTH, clean_query
from search.tests.support import FIGLEY, paragraph_body, soup

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    "a",
    "x" * 10_000,
    "compassion " * 1_000,
    "& | ! ( ) : * \" '",
    '"',
    '""',
    '"compassion fatigue',
    "compassion*",
    "NEAR(compassion fatigue)",
    "compassion AND NOT fatigue",
    "title:compassion",
    "{title body}: compassion",
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "%' UNION SELECT password FROM auth_user --",
    "\\",
    "it's",
    "😀 🔥 compassion 😀",
    "\x00",
    "compassion\x00fatigue",
    "\x1b[31m\x07\x08",
    "\u202ecompassion\u200b",
    "the",
    "the and of",
    "%00%",
    "<script>alert(1)</script>",
    "ŒUVRE İstanbul ß",
    "İ" * 200,
]

OPERATORS = list("&|!():*\"'-+^~<>{}[]\\/%_;.,?@#$=") + ["AND", "OR", "NOT", "NEAR", "--"]
WORDS = ["compassion", "fatigue", "Figley", "demo", "nightmares", "a", "the", "😀", "\x00"]
queries = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(OPERATORS + WORDS), max_size=15).map(" ".join),
    st.lists(st.sampled_from(OPERATORS + WORDS), max_size=15).map("".join),
)
pages = st.one_of(
    st.none(),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
    st.text(max_size=12),
)


@pytest.fixture
def articles(publish_article):
    publish_article("Demo compassion fatigue", body=demo_body(references=[FIGLEY]))
    for number in range(11):
        publish_article(
            f"Demo nightmares {number}",
            body=paragraph_body("Demo text on compassion, it's fatigue. 😀"),
        )


def assert_clear_page(client, query, page=None):
    params = {"q": query} if page is None else {"q": query, "page": page}
    response = client.get("/search/", params)
    assert response.status_code == 200, params
    echoed = soup(response).select_one("#search-q")["value"]
    assert echoed == clean_query(query), params
    assert len(echoed) <= MAX_QUERY_LENGTH
    suggestions = client.get("/search/suggest/", {"q": query})
    assert suggestions.status_code == 200, params
    assert isinstance(suggestions.json()["results"], list)
    return response


def test_nasty_queries_give_a_clear_page(client, articles):
    # One test, one set of articles: setting them up per query would cost seconds each.
    for query in NASTY_QUERIES:
        for page in (None, "abc", "-1", "99999"):
            assert_clear_page(client, query, page)


def test_operators_around_real_words_still_find_them(client, articles):
    for query in ("compassion & fatigue", "(compassion) | fatigue!", "compassion:* fatigue"):
        response = assert_clear_page(client, query)
        assert response.context["result_count"] == 12


def test_a_long_query_is_trimmed_and_still_searched(client, articles):
    response = assert_clear_page(client, "nightmares " * 1_000)
    assert len(response.context["search_query"]) <= MAX_QUERY_LENGTH
    assert response.context["result_count"] == 11


@given(query=queries, page=pages)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_query_and_page_give_a_clear_page(client, articles, query, page):
    assert_clear_page(client, query, page)
