"""Purge on change: every cached URL that shows an article is forgotten when it changes.

These run against the real embedded page cache (core.caching.page_cache) through
Wagtail's purge task, as a running site does; the Varnish side is in
core/tests/test_varnish.py.
"""

import datetime
import io

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from django_tasks.signals import task_enqueued
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import PageViewRestriction, Site

from articles.cache_purge import urls_showing_page
from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory
from articles.models import ArticlePage, ArticlePageAuthor
from core.caching import page_cache
from people.factories import PersonFactory

ROOT = "http://localhost"
SERIES_URLS = [
    "/",
    "/demo-series/",
    "/demo-series/demo-article-1/",
    "/demo-series/demo-article-2/",
    "/demo-series/demo-article-3/",
    "/topics/demo-topic/",
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/feeds/series/demo-series/rss.xml",
    "/feeds/series/demo-series/atom.xml",
    "/sitemap.xml",
]


@pytest.fixture
def articles(settings, three_articles):
    settings.PAGE_CACHE_ENABLED = True
    for article in three_articles:
        article.topics.add("Demo topic")
        article.save_revision().publish()
    return three_articles


@pytest.fixture
def other_series(articles, home_page):
    series = ArticleSeriesPageFactory(parent=home_page, title="Demo series B", slug="demo-b")
    ArticlePageFactory(parent=series, title="Demo article B1", slug="demo-b1")
    return series


def is_cached(path):
    return caches["pages"].get(page_cache.entry_key(path)) is not None


def warm(client, paths):
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert is_cached(path), path


@pytest.fixture
def purge_tasks():
    """The purge tasks enqueued during the test (their URL lists)."""
    enqueued = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == purge_urls_from_cache_task.name:
            enqueued.append(task_result.args[0])

    task_enqueued.connect(record)
    yield enqueued
    task_enqueued.disconnect(record)


def test_urls_showing_an_article_are_its_series_home_topics_feeds_and_sitemap(articles):
    urls = urls_showing_page(articles[1])
    assert urls == {ROOT + path for path in SERIES_URLS}


def test_publishing_an_edit_purges_every_page_that_shows_the_article(
    client, articles, other_series, django_capture_on_commit_callbacks, purge_tasks
):
    warm(client, [*SERIES_URLS, "/demo-b/", "/demo-b/demo-b1/"])
    article = ArticlePage.objects.get(pk=articles[1].pk)
    article.title = "Demo article 2, revised"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    for path in SERIES_URLS:
        assert not is_cached(path), path
    assert is_cached("/demo-b/demo-b1/")  # Another series' article does not show it.
    assert len(purge_tasks) == 1  # One batch...
    assert len(purge_tasks[0]) == len(set(purge_tasks[0]))  # ...each URL once.
    neighbours = ["/demo-series/", "/demo-series/demo-article-1/"]
    for path in [*neighbours, "/feeds/series/demo-series/rss.xml"]:
        assert "Demo article 2, revised" in client.get(path).content.decode(), path


def test_changes_in_one_transaction_are_purged_in_one_batch(
    articles, django_capture_on_commit_callbacks, purge_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        for article in articles:
            article.save_revision().publish()
    assert len(purge_tasks) == 1
    assert sorted(purge_tasks[0]) == sorted(ROOT + path for path in SERIES_URLS)


def test_unpublishing_purges_the_article_and_its_series(
    client, articles, django_capture_on_commit_callbacks
):
    warm(client, SERIES_URLS)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=articles[1].pk).unpublish()
    assert client.get("/demo-series/demo-article-2/").status_code == 404
    series = client.get("/demo-series/").content.decode()
    assert "Demo article 2" not in series
    assert "Part 2 of 2" in client.get("/demo-series/demo-article-3/").content.decode()


def test_a_scheduled_publish_purges(client, articles, django_capture_on_commit_callbacks):
    warm(client, SERIES_URLS)
    article = ArticlePage.objects.get(pk=articles[0].pk)
    article.title = "Demo article 1, scheduled"
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    assert is_cached("/demo-series/")
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(hours=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert not is_cached("/demo-series/")
    assert "Demo article 1, scheduled" in client.get("/demo-series/").content.decode()


def test_reordering_purges_the_series(client, articles, django_capture_on_commit_callbacks):
    warm(client, SERIES_URLS)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=articles[2].pk).move(articles[0], pos="left")
    for path in SERIES_URLS:
        assert not is_cached(path), path
    assert "Part 1 of 3" in client.get("/demo-series/demo-article-3/").content.decode()


def test_moving_to_another_series_purges_both(
    client, articles, other_series, django_capture_on_commit_callbacks
):
    warm(client, [*SERIES_URLS, "/demo-b/", "/demo-b/demo-b1/"])
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=articles[1].pk).move(other_series, pos="last-child")
    for path in [*SERIES_URLS, "/demo-b/", "/demo-b/demo-b1/"]:
        assert not is_cached(path), path
    # Wagtail's redirects app sends the old address on to the new one.
    old = client.get("/demo-series/demo-article-2/")
    assert (old.status_code, old["Location"]) == (301, "/demo-b/demo-article-2/")
    assert client.get("/demo-b/demo-article-2/").status_code == 200


def test_a_new_slug_purges_the_old_url(client, articles, django_capture_on_commit_callbacks):
    warm(client, SERIES_URLS)
    article = ArticlePage.objects.get(pk=articles[1].pk)
    article.slug = "demo-article-two"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert not is_cached("/demo-series/demo-article-2/")
    old = client.get("/demo-series/demo-article-2/")
    assert (old.status_code, old["Location"]) == (301, "/demo-series/demo-article-two/")
    assert "/demo-series/demo-article-two/" in client.get("/demo-series/").content.decode()


def test_a_new_series_slug_purges_its_old_article_urls_and_feeds(
    client, articles, django_capture_on_commit_callbacks
):
    warm(client, SERIES_URLS)
    series = articles[0].get_parent().specific
    series.slug = "demo-series-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        series.save_revision().publish()
    for path in SERIES_URLS:
        assert not is_cached(path), path


def test_deleting_an_article_purges_its_series(
    client, articles, django_capture_on_commit_callbacks
):
    warm(client, SERIES_URLS)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=articles[1].pk).delete()
    for path in SERIES_URLS:
        assert not is_cached(path), path
    assert "Demo article 2" not in client.get("/demo-series/").content.decode()


def test_editing_site_settings_purges_every_page(
    client, articles, other_series, site_settings, django_capture_on_commit_callbacks
):
    everything = [*SERIES_URLS, "/demo-b/", "/demo-b/demo-b1/", "/feeds/series/demo-b/rss.xml"]
    warm(client, everything)
    site_settings.crisis_notice = "Demo crisis notice, revised."
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    for path in everything:
        assert not is_cached(path), path
    assert "Demo crisis notice, revised." in client.get("/demo-b/demo-b1/").content.decode()


def test_editing_a_person_purges_the_pages_that_show_them(
    client, articles, other_series, django_capture_on_commit_callbacks
):
    person = PersonFactory(name="Demo Author")
    article = ArticlePage.objects.get(pk=articles[0].pk)
    article.article_authors = [ArticlePageAuthor(person=person, sort_order=0)]
    article.save_revision().publish()
    warm(client, [*SERIES_URLS, "/demo-b/demo-b1/"])
    person.name = "Demo Author Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    assert not is_cached("/demo-series/demo-article-1/")
    assert is_cached("/demo-b/demo-b1/")
    assert "Demo Author Renamed" in client.get("/demo-series/demo-article-1/").content.decode()


def test_no_site_means_nothing_to_purge(articles):
    Site.objects.all().delete()
    assert urls_showing_page(articles[0]) == set()


def test_making_a_page_private_purges_it(client, articles, django_capture_on_commit_callbacks):
    warm(client, SERIES_URLS)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=articles[1], restriction_type="login")
    for path in SERIES_URLS:
        assert not is_cached(path), path
    assert client.get("/demo-series/demo-article-2/").status_code == 302


def test_publishing_a_series_purges_every_page_whose_footer_lists_it(
    client, articles, other_series, django_capture_on_commit_callbacks
):
    warm(client, [*SERIES_URLS, "/demo-b/demo-b1/"])
    other_series.title = "Demo series B, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        other_series.save_revision().publish()
    for path in [*SERIES_URLS, "/demo-b/demo-b1/"]:
        assert not is_cached(path), path
    assert "Demo series B, renamed" in client.get("/demo-series/demo-article-1/").content.decode()
