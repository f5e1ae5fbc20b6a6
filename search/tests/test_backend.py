"""search/backends/: the faster database queries return what modelsearch's would."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.query import MatchAll, Not, PlainText

from articles.models import ArticlePage
from search.backends import postgres
from search.query import word_variants
from search.tests.support import paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoo(publish_article):
    return {
        "title": publish_article(
            "Demo zebra article", body=paragraph_body("Demo text about a quokka.")
        ),
        "body": publish_article("Demo other article", body=paragraph_body("Demo zebra text.")),
        "none": publish_article("Demo unrelated", body=paragraph_body("Demo text.")),
    }


def titles(results):
    return [page.title for page in results]


def test_the_site_uses_the_faster_backend():
    backend = get_search_backend()
    assert connection.vendor in {"sqlite", "postgresql"}
    expected = {"postgresql": "search.backends.postgres", "sqlite": "search.backends.sqlite"}
    assert type(backend).__module__ == expected[connection.vendor]
    assert backend.results_class.__name__ in {"SQLiteSearchResults", "PostgresSearchResults"}


def test_words_split_between_title_and_body_still_match(zoo):
    """Every word must match, wherever it is (PostgreSQL filters on the body alone)."""
    results = ArticlePage.objects.live().search("zebra quokka")
    assert titles(results) == ["Demo zebra article"]


def test_results_are_ranked_counted_and_sliced(zoo, publish_article):
    for number in range(5):
        publish_article(f"Demo filler {number}", body=paragraph_body("Demo zebra zebra."))
    results = ArticlePage.objects.live().search("zebra")
    assert results.count() == 7
    assert titles(results)[0] == "Demo zebra article"  # The title match ranks first.
    assert titles(results[2:4]) == titles(results)[2:4]
    assert len(results[5:]) == 2


def test_the_querysets_filters_apply(zoo):
    results = ArticlePage.objects.live().exclude(pk=zoo["title"].pk).search("zebra")
    assert titles(results) == ["Demo other article"]
    zoo["body"].unpublish()
    assert titles(ArticlePage.objects.live().search("zebra")) == ["Demo zebra article"]


def test_without_relevance_the_querysets_order_is_kept(zoo):
    ordered = ArticlePage.objects.live().order_by("title")
    results = ordered.search("demo", order_by_relevance=False)
    assert titles(results) == ["Demo other article", "Demo unrelated", "Demo zebra article"]


def test_scores_can_be_annotated(zoo):
    results = list(ArticlePage.objects.live().search("zebra").annotate_score("_score"))
    assert [type(page._score) for page in results] == [float, float]


def test_other_query_shapes_go_through_modelsearch(zoo):
    everything = ArticlePage.objects.live().search(MatchAll())
    assert sorted(titles(everything)) == sorted(page.title for page in zoo.values())
    not_zebra = ArticlePage.objects.live().search(Not(PlainText("zebra")))
    assert titles(not_zebra) == ["Demo unrelated"]


def test_autocomplete_matches_title_prefixes(zoo):
    assert titles(ArticlePage.objects.live().autocomplete("zeb")) == ["Demo zebra article"]
    assert titles(ArticlePage.objects.live().autocomplete("quok")) == []


def test_the_admin_page_search_still_works(admin_client, zoo):
    """Wagtail's admin searches page titles with autocomplete, through the same backend."""
    response = admin_client.get("/admin/pages/search/", {"q": "zeb"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Demo zebra article" in html
    assert "Demo other article" not in html and "Demo unrelated" not in html


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite ranks every match with bm25 in one pass."
)
def test_past_the_full_rank_limit_matches_keep_their_title_order(publish_article, monkeypatch):
    """PostgreSQL: only the first FULL_RANK_LIMIT matches by title score get the full rank."""
    title = publish_article("Demo zebra in the title", body=paragraph_body("Demo text."))
    frequent = publish_article("Demo frequent", body=paragraph_body("Zebra zebra zebra zebra."))
    once = publish_article("Demo once", body=paragraph_body("Demo zebra."))
    newest = publish_article("Demo newest", body=paragraph_body("Demo zebra."))

    everything_ranked = titles(ArticlePage.objects.live().search("zebra"))
    assert everything_ranked == [title.title, frequent.title, newest.title, once.title]

    monkeypatch.setattr(postgres, "FULL_RANK_LIMIT", 2)
    results = ArticlePage.objects.live().search("zebra")
    # The title match and the newest body match are ranked in full; the others follow in
    # title-score order (none in the title, so newest first), body frequency ignored.
    assert titles(results) == [title.title, newest.title, once.title, frequent.title]
    assert results.count() == 4
    assert titles(results[1:3]) == [newest.title, once.title]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("nightmare", "Demo text about recurring nightmares."),
        ("nightmares", "Demo text about a recurring nightmare."),
        ("debriefing", "Demo text: the team debriefed after the shift."),
        ("therapy", "Demo text comparing therapies."),
        ("therapies", "Demo text about one therapy."),
        ("stressed", "Demo text about stress."),
    ],
)
def test_a_word_finds_its_other_forms(publish_article, query, text):
    """Both databases stem: PostgreSQL in its index, SQLite by searching each word's forms."""
    publish_article("Demo stemming article", body=paragraph_body(text))
    publish_article("Demo unrelated article", body=paragraph_body("Demo text."))
    assert titles(ArticlePage.objects.live().search(query)) == ["Demo stemming article"]


def test_word_forms_do_not_widen_into_other_words(publish_article):
    publish_article("Demo art article", body=paragraph_body("Demo text about ART sessions."))
    publish_article("Demo artery article", body=paragraph_body("Demo text about an artery."))
    publish_article("Demo article words", body=paragraph_body("Demo articles and artists."))
    assert titles(ArticlePage.objects.live().search("art")) == ["Demo art article"]


@pytest.mark.parametrize(
    "text",
    ['demo "zebra', 'zebra"', "NEAR(zebra demo)", "zebra AND", "OR zebra", "ze*bra", "-zebra"],
)
def test_full_text_syntax_in_words_is_searched_as_text(zoo, text):
    """The backend quotes every word itself (the admin's search does not go through
    search.query), so no character reaches the full-text parser as an operator."""
    results = ArticlePage.objects.live().search(PlainText(text, operator="or"))
    assert "Demo zebra article" in titles(results) or "zebra" not in text.lower()


def test_word_variants():
    assert word_variants("Nightmares")[:3] == ["nightmares", "nightmar", "nightmars"]
    assert "nightmare" in word_variants("nightmares")
    assert "nightmares" in word_variants("nightmare")
    assert "therapy" in word_variants("therapies")
    assert "therapies" in word_variants("therapy")
    assert word_variants("covid-19") == ["covid-19"]
    assert word_variants("ptsd")[0] == "ptsd"
