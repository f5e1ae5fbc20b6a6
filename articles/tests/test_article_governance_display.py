"""What readers see: byline with credentials, review dates and reviewer, topic links."""

import datetime

import pytest
import time_machine
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.factories import ArticlePageFactory, demo_body
from articles.models import ArticlePage, ArticlePageAuthor
from articles.review.structured_data import review_structured_data
from people.factories import PersonFactory

from .conftest import DEMO_REFERENCES


@pytest.fixture
def reviewed_article(series):
    first = PersonFactory(name="Demo Author A", credentials="PhD, LMHC", role="Demo therapist")
    second = PersonFactory(name="Demo Author B", credentials="", role="")
    reviewer = PersonFactory(name="Demo Reviewer", credentials="MD", role="Demo psychiatrist")
    article = ArticlePageFactory(
        parent=series,
        title="Demo reviewed article",
        slug="demo-reviewed-article",
        body=demo_body(DEMO_REFERENCES),
        clinically_reviewed_by=reviewer,
        last_reviewed=datetime.date(2026, 3, 3),
    )
    # Byline order is the editor's order, not alphabetical.
    article.article_authors = [
        ArticlePageAuthor(person=second, sort_order=0),
        ArticlePageAuthor(person=first, sort_order=1),
    ]
    article.topics.add("Demo compassion fatigue", "Demo burnout")
    article.save_revision().publish()
    return article


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
def test_article_shows_byline_review_dates_and_reviewer(client, reviewed_article):
    soup = get_soup(client, "/demo-series/demo-reviewed-article/")
    byline = soup.select_one("header .byline")
    assert " ".join(byline.get_text().split()) == ("By Demo Author B and Demo Author A, PhD, LMHC")
    review = soup.select_one("footer.article-review")
    assert " ".join(review.select_one(".review-dates").get_text().split()) == (
        "Page last reviewed: 3 March 2026 · Next review due: 3 March 2027"
    )
    assert " ".join(review.select_one(".reviewer").get_text().split()) == (
        "Clinically reviewed by Demo Reviewer, MD, Demo psychiatrist"
    )
    assert review.select_one("time")["datetime"] == "2026-03-03"


def test_article_without_review_or_authors_shows_neither(client, series):
    ArticlePageFactory(parent=series, slug="demo-plain", body=demo_body(DEMO_REFERENCES))
    soup = get_soup(client, "/demo-series/demo-plain/")
    assert soup.select_one(".byline") is None
    assert soup.select_one("footer.article-review") is None
    assert soup.select_one("nav.article-topics") is None


def test_article_links_to_its_topic_pages(client, reviewed_article):
    soup = get_soup(client, "/demo-series/demo-reviewed-article/")
    links = {a.get_text(): a["href"] for a in soup.select("nav.article-topics a")}
    assert links == {
        "Demo burnout": "/topics/demo-burnout/",
        "Demo compassion fatigue": "/topics/demo-compassion-fatigue/",
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_byline_and_topics_take_the_same_queries_however_many_there_are(client, reviewed_article):
    url = "/demo-series/demo-reviewed-article/"
    client.get(url)  # Warm Wagtail's site caches first.
    few = count_queries(client, url)
    article = ArticlePage.objects.get(pk=reviewed_article.pk)
    article.article_authors.add(*(ArticlePageAuthor(person=PersonFactory()) for _ in range(4)))
    article.topics.add(*(f"Demo topic {number}" for number in range(4)))
    article.save_revision().publish()
    assert count_queries(client, url) == few


def test_review_structured_data(reviewed_article):
    assert review_structured_data(reviewed_article) == {
        "author": [
            {"@type": "Person", "name": "Demo Author B"},
            {
                "@type": "Person",
                "name": "Demo Author A",
                "honorificSuffix": "PhD, LMHC",
                "jobTitle": "Demo therapist",
            },
        ],
        "reviewedBy": {
            "@type": "Person",
            "name": "Demo Reviewer",
            "honorificSuffix": "MD",
            "jobTitle": "Demo psychiatrist",
        },
        "lastReviewed": "2026-03-03",
    }


def test_review_structured_data_leaves_out_what_is_unknown(series):
    article = ArticlePageFactory(parent=series, body=demo_body(DEMO_REFERENCES))
    assert review_structured_data(article) == {}


def test_about_the_authors_shows_role_bio_and_photo(client, series):
    photo = wagtail_factories.ImageFactory(title="Demo photo")
    author = PersonFactory(
        name="Demo Author C", credentials="", role="Demo nurse", bio="Demo bio.", photo=photo
    )
    article = ArticlePageFactory(parent=series, slug="demo-photo", body=demo_body(DEMO_REFERENCES))
    article.article_authors = [ArticlePageAuthor(person=author)]
    article.save_revision().publish()
    soup = get_soup(client, "/demo-series/demo-photo/")
    profile = soup.select_one("details.about-authors .author-profile")
    assert " ".join(profile.get_text().split()) == "Demo Author C, Demo nurse. Demo bio."
    assert profile.select_one("img")["alt"] == ""  # The name beside it says who it is.
