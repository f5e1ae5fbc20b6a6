"""Query bounds of the public pages, whatever their content and the series' length.

Each page is requested once to warm what Wagtail keeps in Django's cache on its own
(image renditions, the sites' root paths), then measured on an anonymous, uncached render
through the test client. The eight queries of an article are: the site (Wagtail), the home
page (Wagtail), the series, the article (with its reviewer, hero image, topics and whether
a view restriction applies), the site settings (with the booking page), the series chain
(one windowed query), the authors (with their photos) and the footer's series list.
"""

import datetime
from collections import Counter

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.demo_content.bulk import create_demo_articles, demo_series
from articles.demo_content.writer import DemoArticleWriter
from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.models import ArticlePage, ArticlePageAuthor
from articles.tests.conftest import DEMO_REFERENCES
from people.factories import PersonFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


@pytest.fixture
def full_article(series, site_settings):
    """An article with everything a page can show: hero image, two authors with photos, a
    reviewer, topics, references, neighbours; the settings' call to action links a page."""
    site_settings.cta_url = ""
    site_settings.cta_page = series
    site_settings.save()
    for n in (1, 2):
        ArticlePageFactory(parent=series, title=f"Demo neighbour {n}", slug=f"demo-neighbour-{n}")
    hero = wagtail_factories.ImageFactory(title="Demo hero", file__width=1600, file__height=900)
    authors = [
        PersonFactory(name=f"Demo Author {n}", photo=wagtail_factories.ImageFactory())
        for n in (1, 2)
    ]
    article = ArticlePageFactory(
        parent=series,
        title="Demo full article",
        slug="demo-full-article",
        hero_image=hero,
        body=demo_body(references=[*DEMO_REFERENCES, demo_reference(3)]),
        clinically_reviewed_by=PersonFactory(name="Demo Reviewer"),
        last_reviewed=datetime.date(2026, 1, 2),
    )
    article.article_authors = [ArticlePageAuthor(person=person) for person in authors]
    article.topics.add("demo topic one", "demo topic two")
    article.save_revision().publish()
    ArticlePageFactory(parent=series, title="Demo neighbour 3", slug="demo-neighbour-3")
    return ArticlePage.objects.get(pk=article.pk)


def public_pages(article):
    topic = article.topics.first()
    return {
        "home": "/",
        "series": article.get_parent().url,
        "article": article.url,
        "topic": reverse("topic", args=[topic.slug]),
    }


def warm(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("page_type", ["home", "series", "article", "topic"])
def test_public_page_within_the_query_bound(
    client, full_article, page_type, django_assert_max_num_queries
):
    url = public_pages(full_article)[page_type]
    warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("page_type", ["home", "series", "article", "topic"])
def test_no_query_is_repeated_within_a_request(client, full_article, page_type):
    url = public_pages(full_article)[page_type]
    warm(client, url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    repeated = {
        sql: times
        for sql, times in Counter(query["sql"] for query in captured.captured_queries).items()
        if times > 1
    }
    assert repeated == {}


def test_the_article_shows_what_it_loaded(client, full_article):
    """The loaded-with-the-article values reach the page: reviewer, topics, authors."""
    soup = BeautifulSoup(warm(client, full_article.url).content, "html.parser")
    assert soup.select_one(".reviewer-name").get_text(strip=True).startswith("Demo Reviewer")
    topics = [link.get_text() for link in soup.select(".article-topics a")]
    assert topics == ["demo topic one", "demo topic two"]
    assert [author.get_text() for author in soup.select(".byline-author")] == [
        "Demo Author 1, DemoCred",
        "Demo Author 2, DemoCred",
    ]


# --- The series chain at 3 and at 1,000 articles -------------------------------------


def bulk_series(home_page, count):
    """A demo series of ``count`` live articles, written in bulk (articles.demo_content)."""
    create_demo_articles(count, 500, DemoArticleWriter(seed=1), progress=lambda done, total: None)
    return demo_series()


@pytest.fixture(params=[3, 1000], ids=["3-articles", "1000-articles"])
def long_series(request, home_page, site_settings):
    series = bulk_series(home_page, request.param)
    return series, request.param


def middle_article(series, count):
    return ArticlePage.objects.child_of(series).get(slug=f"demo-article-{count // 2 + 1}")


def test_chain_costs_one_query_whatever_the_length(long_series, django_assert_num_queries):
    series, count = long_series
    article = middle_article(series, count)
    number = count // 2 + 1
    with django_assert_num_queries(1):
        previous, following = article.previous_article, article.next_article
        position, length = article.series_position, article.series_length
        window = article.series_window
    assert (position, length) == (number, count)
    assert previous.slug == f"demo-article-{number - 1}"
    assert following.slug == f"demo-article-{number + 1}"
    assert len(window) <= 9


def test_article_of_a_long_series_within_the_bound(
    client, long_series, django_assert_max_num_queries
):
    series, count = long_series
    url = middle_article(series, count).url
    warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_in_this_series_is_windowed_with_the_right_numbers(client, home_page, site_settings):
    series = bulk_series(home_page, 1000)
    soup = BeautifulSoup(warm(client, middle_article(series, 1000).url).content, "html.parser")
    nav = soup.select_one("nav.in-series")
    items = nav.select("ol > li")
    numbered = [item for item in items if "in-series__gap" not in (item.get("class") or [])]
    # Part 1, a gap, parts 498 to 504 (this is 501), a gap, part 1000.
    assert [item.a["href"].rstrip("/").rsplit("-", 1)[1] for item in numbered] == [
        "1",
        *[str(n) for n in range(498, 505)],
        "1000",
    ]
    assert [item.get("value") for item in numbered] == [None, "498", *[None] * 6, "1000"]
    gaps = nav.select("li.in-series__gap")
    assert len(gaps) == 2
    assert all(gap["aria-hidden"] == "true" for gap in gaps)
    current = nav.select('[aria-current="page"]')
    assert [link["href"] for link in current] == [middle_article(series, 1000).url]
    assert nav.select_one(".in-series__all a")["href"] == series.url
    assert "All 1000 articles" in nav.select_one(".in-series__all").get_text()


def test_a_short_series_lists_every_article_without_gaps(client, three_articles):
    soup = BeautifulSoup(warm(client, three_articles[1].url).content, "html.parser")
    nav = soup.select_one("nav.in-series")
    assert [item.get_text(strip=True) for item in nav.select("ol > li")] == [
        "Demo article 1",
        "Demo article 2",
        "Demo article 3",
    ]
    assert nav.select("[value]") == [] and nav.select(".in-series__all") == []
