"""The results page: what is found, what each result shows, paging, headers, no results."""

import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from articles.factories import ArticleSeriesPageFactory, demo_body
from search.tests.support import (
    DEMO_REFERENCE,
    FIGLEY,
    paragraph_body,
    result_titles,
    search,
    soup,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_article(publish_article):
    """An article with a distinct made-up word in each part that must be searchable."""
    body = [
        {"type": "heading", "value": "Demo heading wordheading"},
        {"type": "paragraph", "value": "<p>Demo paragraph with <b>wordparagraph</b>.</p>"},
        {"type": "quote", "value": {"text": "Demo quote wordquote", "attribution": "Demo"}},
        {
            "type": "call_to_action",
            "value": {
                "heading": "Demo wordctaheading",
                "text": "Demo wordctatext",
                "button_label": "Demo wordctabutton",
                "page": None,
                "url": "",
            },
        },
        {
            "type": "references",
            "value": {
                "heading": "Peer-Reviewed References",
                "references": [
                    {
                        **DEMO_REFERENCE,
                        "authors": "Wordauthor, A.",
                        "title": "Demo wordreftitle",
                        "source": "Demo wordrefsource",
                    }
                ],
            },
        },
    ]
    publish_article("Demo other article", body=demo_body())
    return publish_article(
        "Demo wordtitle article",
        subtitle="Demo wordsubtitle",
        summary="Demo wordsummary",
        body=body,
    )


@pytest.mark.parametrize(
    "word",
    [
        "wordtitle",
        "wordsubtitle",
        "wordsummary",
        "wordheading",
        "wordparagraph",
        "wordquote",
        "wordctaheading",
        "wordctatext",
        "wordctabutton",
        "Wordauthor",
        "wordreftitle",
        "wordrefsource",
    ],
)
def test_every_part_of_an_article_is_searchable(client, indexed_article, word):
    response = search(client, word)
    assert response.status_code == 200
    assert result_titles(response) == ["Demo wordtitle article"]


def test_the_series_title_finds_its_articles(client, home_page, publish_article):
    other = ArticleSeriesPageFactory(parent=home_page, title="Demo Wordseries collection")
    publish_article("Demo in the series", parent=other)
    publish_article("Demo elsewhere")
    assert result_titles(search(client, "wordseries")) == ["Demo in the series"]


def test_an_author_finds_every_article_that_cites_them(client, publish_article):
    publish_article("Demo cites Figley", body=demo_body(references=[DEMO_REFERENCE, FIGLEY]))
    publish_article("Demo cites Figley too", body=demo_body(references=[FIGLEY]))
    publish_article("Demo cites someone else", body=demo_body(references=[DEMO_REFERENCE]))
    response = search(client, "Figley")
    assert sorted(result_titles(response)) == ["Demo cites Figley", "Demo cites Figley too"]


def test_all_words_must_match_and_quotes_make_a_phrase(client, publish_article):
    publish_article("Demo phrase", body=paragraph_body("Demo text on compassion fatigue."))
    publish_article("Demo words apart", body=paragraph_body("Demo fatigue text, then compassion."))
    publish_article("Demo one word", body=paragraph_body("Demo text on compassion only."))
    assert sorted(result_titles(search(client, "compassion fatigue"))) == [
        "Demo phrase",
        "Demo words apart",
    ]
    assert result_titles(search(client, '"compassion fatigue"')) == ["Demo phrase"]


def test_a_title_match_ranks_above_a_body_match(client, publish_article):
    # Created first, so ties (ordered newest first) would put it last.
    publish_article("Demo nightmares", body=paragraph_body("Demo text about sleep."))
    publish_article("Demo body mention", body=paragraph_body("Demo text about nightmares."))
    assert result_titles(search(client, "nightmares"))[0] == "Demo nightmares"


def test_each_result_shows_title_series_part_subtitle_snippet_and_date(
    client, series, publish_article
):
    publish_article("Demo first part")
    article = publish_article(
        "Demo second part",
        subtitle="Demo subtitle shown",
        summary="Demo summary.",
        body=paragraph_body("Demo text before. Clinicians describe Nightmares after shifts."),
    )
    article.first_published_at = datetime.datetime(2025, 3, 4, 12, tzinfo=datetime.UTC)
    article.save(update_fields=["first_published_at"])

    page = soup(search(client, "nightmares"))
    result = page.select_one(".search-result")
    link = result.select_one(".search-result__title a")
    assert link.get_text() == "Demo second part"
    assert link["href"] == article.url
    assert result.select_one(".search-result__subtitle").get_text() == "Demo subtitle shown"
    meta = result.select_one(".search-result__meta")
    assert meta.select_one(".search-result__series").get_text() == "Demo series"
    assert meta.select_one(".search-result__series")["href"] == series.url
    assert meta.select_one(".search-result__part").get_text() == "part 2"
    assert meta.select_one("time")["datetime"] == "2025-03-04"
    assert meta.select_one("time").get_text() == "4 March 2025"
    snippet = result.select_one(".search-result__snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["Nightmares"]
    assert "Clinicians describe Nightmares after shifts" in snippet.get_text()


def test_matched_words_are_marked_in_the_title_and_subtitle(client, publish_article):
    publish_article(
        "Demo Nightmares after night shifts",
        subtitle="Demo subtitle on nightmare recovery",
        body=paragraph_body("Demo text."),
    )
    result = soup(search(client, "nightmares")).select_one(".search-result")
    title = result.select_one(".search-result__title a")
    assert title.get_text() == "Demo Nightmares after night shifts"
    assert [mark.get_text() for mark in title.select("mark")] == ["Nightmares"]
    subtitle = result.select_one(".search-result__subtitle")
    assert [mark.get_text() for mark in subtitle.select("mark")] == ["nightmare"]


def test_the_query_is_echoed_and_counted(client, publish_article):
    publish_article("Demo nightmares one")
    publish_article("Demo nightmares two")
    page = soup(search(client, "  Nightmares  "))
    assert page.select_one("#search-q")["value"] == "Nightmares"
    assert page.select_one(".search-summary").get_text(" ", strip=True) == (
        "2 results for “Nightmares”"
    )
    assert page.title.get_text().startswith("Search results for “Nightmares”")


def test_markup_in_the_query_and_the_text_comes_back_inert(client, publish_article):
    publish_article(
        "Demo <b>bold</b> title",
        summary="Demo summary <script>alert('summary')</script> nightmares",
        body=paragraph_body("Demo <img src=x onerror=alert(1)> nightmares"),
    )
    for query in ("<script>alert('q')</script>", "nightmares <img src=x onerror=alert(1)>"):
        response = search(client, query)
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>bold</b>" not in html
        page = soup(response)
        assert [tag.get("src") for tag in page.find_all("script")] == ["/static/js/search.js"]
        assert page.select_one("#search-q")["value"] == query

    page = soup(search(client, "nightmares"))
    assert page.select_one(".search-result__title a").get_text() == "Demo <b>bold</b> title"
    assert page.select(".search-result__title b") == []
    page = soup(search(client, "bold"))
    title = page.select_one(".search-result__title a")
    assert title.get_text() == "Demo <b>bold</b> title"
    assert [mark.get_text() for mark in title.select("mark")] == ["bold"]
    assert title.select("b") == []
    page = soup(search(client, "nightmares"))
    snippet = page.select_one(".search-result__snippet")
    assert "<script>alert('summary')</script> nightmares" in snippet.get_text()
    assert [mark.get_text() for mark in snippet.select("mark")] == ["nightmares", "nightmares"]


def test_ten_results_a_page_and_the_links_keep_the_query(client, publish_article):
    for number in range(23):
        publish_article(f"Demo paging article {number}")
    first = search(client, "paging & article")
    assert len(first.context["results"]) == 10
    assert first.context["result_count"] == 23
    nav = soup(first).select_one("nav.pagination")
    assert nav["aria-label"] == "Search results pages"
    assert nav.select_one("[aria-current=page]").get_text(" ", strip=True) == "Page 1"
    assert nav.select_one("a[rel=next]")["href"] == "/search/?q=paging+%26+article&page=2"
    last = search(client, "paging & article", page="3")
    assert len(last.context["results"]) == 3
    assert soup(last).title.get_text().startswith("Search results for “paging & article” (page 3)")
    seen = set()
    for number in (1, 2, 3):
        seen.update(result_titles(search(client, "paging & article", page=str(number))))
    assert len(seen) == 23


@pytest.mark.parametrize(
    ("page", "shown", "note"),
    [
        ("abc", 1, ""),
        ("-1", 1, ""),
        ("0", 1, ""),
        ("", 1, ""),
        ("2.5", 1, ""),
        ("99999", 2, "There are only 2 pages of results; this is the last."),
        ("9" * 5000, 1, ""),
    ],
)
def test_a_bad_page_number_shows_a_page_that_exists(client, publish_article, page, shown, note):
    for number in range(12):
        publish_article(f"Demo paging article {number}")
    response = search(client, "paging", page=page)
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert response.context["page_note"] == note
    if note:
        assert soup(response).select_one(".search-notice").get_text() == note


def test_result_pages_are_not_indexed_or_cached(client, publish_article):
    publish_article("Demo headers")
    for query in ("headers", ""):
        response = search(client, query)
        assert response["X-Robots-Tag"] == "noindex"
        assert "no-store" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
        page = soup(response)
        assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_an_empty_query_shows_the_form_and_is_not_logged(client, publish_article):
    publish_article("Demo article")
    for query in ("", "   ", "\t\n", "\x00"):
        response = search(client, query)
        assert response.status_code == 200
        page = soup(response)
        assert page.select_one("#search-q")["value"] == ""
        assert page.select_one(".search-summary") is None
        assert page.select_one(".search-results") is None
        # Not a dead end: the series and the latest articles are there to browse.
        assert [a.get_text() for a in page.select("#search-series-heading + ul a")] == [
            "Demo series"
        ]
        assert [a.get_text() for a in page.select("#search-recent-heading + ul a")] == [
            "Demo article"
        ]
    assert client.get("/search/").status_code == 200
    assert not Query.objects.exists()


def test_no_results_suggest_the_series_and_recent_articles(client, series, publish_article):
    older = publish_article("Demo older article")
    older.first_published_at = timezone.now() - datetime.timedelta(days=30)
    older.save(update_fields=["first_published_at"])
    publish_article("Demo newer article")

    page = soup(search(client, "zzzunfindable"))
    assert page.select_one(".search-summary").get_text(" ", strip=True) == (
        "No results for “zzzunfindable”"
    )
    assert [a.get_text() for a in page.select("#search-series-heading + ul a")] == ["Demo series"]
    assert [a.get_text() for a in page.select("#search-recent-heading + ul a")] == [
        "Demo newer article",
        "Demo older article",
    ]


def test_only_symbols_is_explained_not_an_error(client, publish_article):
    publish_article("Demo article")
    response = search(client, '&&& || !! "" ()')
    assert response.status_code == 200
    page = soup(response)
    assert "Search for words" in page.select_one(".search-empty").get_text()


def test_a_page_of_results_costs_a_fixed_number_of_queries(
    client, publish_article, django_assert_max_num_queries
):
    """Series, part number and snippet are read for the whole page, not per result.

    About a dozen queries: promotions, the search, query logging, view restrictions, series,
    part numbers, site; on PostgreSQL the search runs in its own short transaction.
    """
    publish_article("Demo bounded article 0")
    search(client, "bounded")  # The first search creates its Query row; count a repeat.
    # Plus the site layout's own queries (settings, footer series list).
    with django_assert_max_num_queries(19) as one_result:
        search(client, "bounded")
    for number in range(1, 12):
        publish_article(f"Demo bounded article {number}")
    with django_assert_max_num_queries(19) as ten_results:
        response = search(client, "bounded")
    assert len(response.context["results"]) == 10
    assert len(ten_results.captured_queries) == len(one_result.captured_queries)


def test_renaming_or_leaving_a_series_updates_its_articles_in_the_index(
    client, home_page, series, publish_article
):
    article = publish_article("Demo renamed member")
    series.title = "Demo Quasarseries"
    series.save_revision().publish()
    assert result_titles(search(client, "quasarseries")) == ["Demo renamed member"]
    assert result_titles(search(client, "Demo series")) == []

    # A draft title is not live, so it is not searchable.
    series.title = "Demo Nebulaseries"
    series.save_revision()
    assert result_titles(search(client, "nebulaseries")) == []

    other = ArticleSeriesPageFactory(parent=home_page, title="Demo Pulsarseries")
    article.move(other, pos="last-child")
    assert result_titles(search(client, "pulsarseries")) == ["Demo renamed member"]
    assert result_titles(search(client, "quasarseries")) == []
