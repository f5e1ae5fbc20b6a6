"""RSS and Atom feeds: live, public articles only, newest first, site-wide and per series."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def mixed_articles(three_articles, home_page):
    """The three live articles, plus a draft, a private one and one in another series."""
    series = three_articles[0].get_parent()
    ArticlePageFactory(parent=series, title="Demo draft article", live=False)
    private = ArticlePageFactory(parent=series, title="Demo private article")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    other = ArticleSeriesPageFactory(parent=home_page, title="Demo other series", slug="other")
    ArticlePageFactory(
        parent=other,
        title="Demo other-series article",
        first_published_at=three_articles[0].first_published_at.replace(day=20),
    )
    return three_articles


def rss_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    return channel, [item.findtext("title") for item in channel.findall("item")]


def atom_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return feed, [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def test_site_rss_lists_live_public_articles_newest_first(client, mixed_articles):
    channel, titles = rss_titles(client, "/feeds/rss.xml")
    assert titles == [
        "Demo other-series article",
        "Demo article 3",
        "Demo article 2",
        "Demo article 1",
    ]
    assert channel.findtext("title") == "Demo Organisation: latest articles"
    item = channel.find("item")
    assert item.findtext("link") == "http://localhost/other/demo-other-series-article/"
    first = channel.findall("item")[-1]
    assert first.findtext("description") == "Demo summary 1."
    assert first.findtext("pubDate") == "Sat, 01 Mar 2025 09:00:00 +0000"


def test_site_atom_lists_the_same_articles(client, mixed_articles):
    feed, titles = atom_titles(client, "/feeds/atom.xml")
    assert titles == [
        "Demo other-series article",
        "Demo article 3",
        "Demo article 2",
        "Demo article 1",
    ]
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Demo Organisation"
    entry = feed.findall(f"{ATOM}entry")[-1]
    assert entry.findtext(f"{ATOM}published") == "2025-03-01T09:00:00+00:00"
    assert entry.findtext(f"{ATOM}updated") == "2025-03-11T09:00:00+00:00"


def test_series_feeds_list_only_that_series(client, mixed_articles):
    channel, titles = rss_titles(client, "/feeds/series/demo-series/rss.xml")
    assert titles == ["Demo article 3", "Demo article 2", "Demo article 1"]
    assert channel.findtext("title") == "Demo Organisation: Demo series"
    assert channel.findtext("link") == "http://localhost/demo-series/"
    _feed, atom = atom_titles(client, "/feeds/series/other/atom.xml")
    assert atom == ["Demo other-series article"]


def test_unknown_or_unpublished_series_feed_is_not_found(client, mixed_articles, home_page):
    ArticleSeriesPageFactory(
        parent=home_page, title="Demo hidden series", slug="hidden", live=False
    )
    assert client.get("/feeds/series/no-such-series/rss.xml").status_code == 404
    assert client.get("/feeds/series/hidden/atom.xml").status_code == 404


def test_pages_link_their_feeds_from_the_head(client, three_articles):
    soup = BeautifulSoup(client.get(three_articles[0].url).content, "html.parser")
    feeds = {link["href"]: link["type"] for link in soup.head.find_all("link", rel="alternate")}
    assert feeds == {
        "/feeds/rss.xml": "application/rss+xml",
        "/feeds/atom.xml": "application/atom+xml",
        "/feeds/series/demo-series/rss.xml": "application/rss+xml",
        "/feeds/series/demo-series/atom.xml": "application/atom+xml",
    }
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert len(home.head.find_all("link", rel="alternate")) == 2
