"""Slugs in URLs go through the ``uslug`` converter: odd input is a 404, never a query.

PostgreSQL refuses a NUL in a query string literal, so /topics/%00/ used to be a 500 there;
Django's ASCII ``slug`` converter meant a series with a Unicode slug had no feed URL, and
its page failed to render. Run on both databases (set DATABASE_URL for PostgreSQL).
"""

import pytest

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory

ODD_SLUGS = [
    "%00",
    "demo%00topic",
    "%E2%80%AE",  # a right-to-left override
    "%01%02",
    "%C0%AF",  # an overlong "/" (not valid UTF-8)
    "%25",
    "..",
    "a%20b",
    "%F0%9F%98%80",  # an emoji
]


@pytest.mark.parametrize("slug", ODD_SLUGS)
def test_odd_topic_slug_is_not_found(client, db, slug):
    assert client.get(f"/topics/{slug}/").status_code == 404


@pytest.mark.parametrize("slug", ODD_SLUGS)
@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_odd_series_feed_slug_is_not_found(client, db, slug, feed):
    assert client.get(f"/feeds/series/{slug}/{feed}").status_code == 404


def test_unicode_topic_slug_has_a_page(client, series):
    article = ArticlePageFactory(parent=series, title="Demo article 1")
    article.topics.add("Ärzte demo")
    article.save_revision().publish()

    response = client.get("/topics/%C3%A4rzte-demo/")

    assert response.status_code == 200
    assert "Demo article 1" in response.content.decode()


def test_series_with_a_unicode_slug_renders_and_has_feeds(client, home_page, site_settings):
    series = ArticleSeriesPageFactory(parent=home_page, title="Ärzte demo", slug="ärzte-demo")
    ArticlePageFactory(parent=series, title="Demo article 1")

    page = client.get(series.url)
    rss = client.get("/feeds/series/%C3%A4rzte-demo/rss.xml")

    assert page.status_code == 200
    assert 'href="/feeds/series/%C3%A4rzte-demo/rss.xml"' in page.content.decode()
    assert rss.status_code == 200
    assert "Demo article 1" in rss.content.decode()
