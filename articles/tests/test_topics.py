"""Topic pages: /topics/<slug>/ lists the topic's live, public articles, or is a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, demo_body
from articles.models import Topic

from .conftest import DEMO_REFERENCES


def tagged_article(series, title, topic="Demo topic", live=True):
    article = ArticlePageFactory(
        parent=series, title=title, live=live, body=demo_body(DEMO_REFERENCES)
    )
    article.topics.add(topic)
    revision = article.save_revision()
    if live:
        revision.publish()
    return article


def test_topic_page_lists_live_public_articles_in_series_order(client, series):
    tagged_article(series, "Demo first")
    tagged_article(series, "Demo draft", live=False)
    private = tagged_article(series, "Demo private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    tagged_article(series, "Demo second")
    tagged_article(series, "Demo other topic", topic="Demo elsewhere")

    response = client.get("/topics/demo-topic/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Topic: Demo topic</h1>" in html
    assert html.index("Demo first") < html.index("Demo second")
    for absent in ["Demo draft", "Demo private", "Demo other topic"]:
        assert absent not in html


def test_topic_with_only_draft_articles_is_not_found(client, series):
    tagged_article(series, "Demo draft", live=False)
    assert Topic.objects.filter(slug="demo-topic").exists()
    assert client.get("/topics/demo-topic/").status_code == 404


@pytest.mark.parametrize("slug", ["no-such-topic", "%E2%9C%93", "a" * 300])
def test_unknown_topic_is_not_found(client, db, slug):
    assert client.get(f"/topics/{slug}/").status_code == 404


def test_topic_page_takes_the_same_queries_however_many_articles(client, series):
    tagged_article(series, "Demo article first")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/topics/demo-topic/").status_code == 200
        return len(queries)

    client.get("/topics/demo-topic/")  # Warm Wagtail's site caches first.
    one = count_queries()
    for number in range(8):
        tagged_article(series, f"Demo article {number}")
    assert count_queries() == one
