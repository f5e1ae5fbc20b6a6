"""Previous, next and "Part N of M" are derived from the page tree and never go stale."""

import pytest
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory
from articles.models import ArticlePage


def make_articles(series, count):
    return [
        ArticlePageFactory(parent=series, title=f"Demo article {n}", slug=f"demo-article-{n}")
        for n in range(1, count + 1)
    ]


def fresh(page):
    """Reload a page as a visitor's request would see it (no cached chain)."""
    return ArticlePage.objects.get(pk=page.pk)


def chain(page):
    page = fresh(page)
    previous, following = page.previous_article, page.next_article
    return (
        previous.title if previous else None,
        following.title if following else None,
        page.series_position,
        page.series_length,
    )


@pytest.mark.django_db
def test_first_middle_and_last(series):
    first, middle, last = make_articles(series, 3)
    assert chain(first) == (None, "Demo article 2", 1, 3)
    assert chain(middle) == ("Demo article 1", "Demo article 3", 2, 3)
    assert chain(last) == ("Demo article 2", None, 3, 3)


@pytest.mark.django_db
def test_reordering_changes_the_chain(series):
    first, middle, last = make_articles(series, 3)
    # Drag "Demo article 3" to the top, as the explorer's drag and drop does.
    fresh(last).move(fresh(first), pos="left")
    assert chain(last) == (None, "Demo article 1", 1, 3)
    assert chain(first) == ("Demo article 3", "Demo article 2", 2, 3)
    assert chain(middle) == ("Demo article 1", None, 3, 3)


@pytest.mark.django_db
def test_unpublished_articles_are_skipped(series):
    first, middle, last = make_articles(series, 3)
    fresh(middle).unpublish()
    assert chain(first) == (None, "Demo article 3", 1, 2)
    assert chain(last) == ("Demo article 1", None, 2, 2)
    # Publishing it again puts it back at once.
    fresh(middle).save_revision().publish()
    assert chain(first) == (None, "Demo article 2", 1, 3)


@pytest.mark.django_db
def test_drafts_never_published_are_skipped(series):
    first, last = make_articles(series, 2)
    draft = ArticlePageFactory(parent=series, title="Demo draft", slug="demo-draft", live=False)
    assert chain(last) == ("Demo article 1", None, 2, 2)
    # A draft being previewed still knows its neighbours but has no part number.
    assert chain(draft) == ("Demo article 2", None, None, 2)


@pytest.mark.django_db
def test_private_articles_are_skipped(series):
    first, middle, last = make_articles(series, 3)
    PageViewRestriction.objects.create(
        page=fresh(middle), restriction_type=PageViewRestriction.PASSWORD, password="demo"
    )
    assert chain(first) == (None, "Demo article 3", 1, 2)
    assert chain(last) == ("Demo article 1", None, 2, 2)


@pytest.mark.django_db
def test_moving_an_article_to_another_series(home_page, series):
    first, middle, last = make_articles(series, 3)
    other = ArticleSeriesPageFactory(parent=home_page, title="Demo other series")
    other_article = ArticlePageFactory(parent=other, title="Demo other article")
    fresh(middle).move(other, pos="last-child")
    assert chain(first) == (None, "Demo article 3", 1, 2)
    assert chain(middle) == ("Demo other article", None, 2, 2)
    assert chain(other_article) == (None, "Demo article 2", 1, 2)


@pytest.mark.django_db
def test_deleting_an_article_closes_the_gap(series):
    first, middle, last = make_articles(series, 3)
    fresh(middle).delete()
    assert chain(first) == (None, "Demo article 3", 1, 2)


@pytest.mark.django_db
def test_other_series_are_not_neighbours(home_page, series):
    (only,) = make_articles(series, 1)
    other = ArticleSeriesPageFactory(parent=home_page, title="Demo other series")
    ArticlePageFactory(parent=other, title="Demo other article")
    assert chain(only) == (None, None, 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 60])
def test_chain_and_position_cost_at_most_three_queries(
    series, count, django_assert_max_num_queries
):
    articles = make_articles(series, count)
    index = count // 2  # The last of 2; the middle of 60.
    page = fresh(articles[index])
    with django_assert_max_num_queries(3):
        previous, following = page.previous_article, page.next_article
        position, length = page.series_position, page.series_length
    assert previous.title == f"Demo article {index}"
    expected_next = f"Demo article {index + 2}" if index + 1 < count else None
    assert (following.title if following else None) == expected_next
    assert (position, length) == (index + 1, count)


@pytest.mark.django_db
def test_article_page_renders_the_chain(client, series):
    first, middle, last = make_articles(series, 3)
    response = client.get(fresh(middle).url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Demo article 1" in html
    assert 'rel="next"' in html
    assert "Demo article 3" in html
