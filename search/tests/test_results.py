"""search/results.py: the facts each result shows, computed for a whole page of results."""

import pytest
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory
from articles.models import ArticlePage
from articles.series_chain import part_numbers
from search.results import describe_articles, searchable_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_series(home_page, series, publish_article):
    """Two series of live articles with drafts, an unpublished and a private one among them."""
    other = ArticleSeriesPageFactory(parent=home_page, title="Demo other series")
    for number in range(1, 8):
        publish_article(f"Demo series one part {number}")
        if number in (2, 5):
            ArticlePageFactory(parent=series, title=f"Demo draft after {number}", live=False)
    publish_article("Demo series one unpublished").unpublish()
    restricted = publish_article("Demo series one private")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    publish_article("Demo series one last")
    for number in range(1, 5):
        publish_article(f"Demo series two part {number}", parent=other)
    return series, other


def test_part_numbers_match_the_articles_own_position(two_series):
    pages = list(ArticlePage.objects.live().public().order_by("?"))
    assert len(pages) == 12
    expected = {page.pk: page.series_position for page in pages}
    assert part_numbers(pages) == expected
    # Any selection of them, in any order, gets the same numbers.
    some = pages[::3]
    assert part_numbers(some) == {page.pk: expected[page.pk] for page in some}
    # Spot checks that the definition is the visitor's "part N" (drafts and hidden skipped).
    by_title = {page.title: expected[page.pk] for page in pages}
    assert by_title["Demo series one part 1"] == 1
    assert by_title["Demo series one part 7"] == 7
    assert by_title["Demo series one last"] == 8
    assert by_title["Demo series two part 3"] == 3


def test_describe_articles_takes_a_fixed_number_of_queries(
    two_series, django_assert_max_num_queries
):
    pages = list(ArticlePage.objects.live().public().order_by("path"))
    with django_assert_max_num_queries(6):
        results = describe_articles(pages, ["demo"])
    assert [result.part for result in results] == [page.series_position for page in pages]
    assert {result.series.title for result in results} == {"Demo series", "Demo other series"}


def test_snippet_text_keeps_headings_apart_from_the_text_after_them(publish_article):

    body = [
        {"type": "heading", "value": "Demo signs of strain"},
        {"type": "paragraph", "value": "<p>Demo text after the heading.</p>"},
        {"type": "heading", "value": "Demo already ends?"},
        {"type": "paragraph", "value": "<p>Demo more text</p>"},
    ]
    page = publish_article("Demo sentences", summary="Demo summary", body=body)
    text = searchable_texts([page])[page.pk]
    assert text.startswith(
        "Demo summary. Demo signs of strain. Demo text after the heading. "
        "Demo already ends? Demo more text."
    )


def test_a_republished_body_gives_its_new_snippet_text(client, publish_article):
    article = publish_article("Demo kept text", summary="Demo summary before.")
    assert searchable_texts([article])[article.pk].startswith("Demo summary before.")
    assert "Demo paragraph text for testing." in searchable_texts([article])[article.pk]
    article.summary = "Demo summary after."
    article.body = [{"type": "paragraph", "value": "<p>Demo replacement paragraph.</p>"}]
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert searchable_texts([article])[article.pk] == (
        "Demo summary after. Demo replacement paragraph."
    )
