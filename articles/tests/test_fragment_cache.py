"""Rendered fragments of an article (core/caching/fragments.py): read back on later
requests, never stale after a change that purges the page, never used where they must not be.

Each test compares what a visitor gets with the fragments on against a render with them
off, through the real templates, the real purge on commit and the real cache backend.
"""

import re

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, ArticlePageAuthor
from core.caching import fragments
from core.models import SiteSettings
from people.factories import PersonFactory

ARTICLE = "/demo-series/demo-article-2/"
NONCE = re.compile(r' nonce="[^"]*"')


@pytest.fixture
def articles(settings, three_articles):
    settings.FRAGMENT_CACHE_ENABLED = True
    return three_articles


def fragment_keys():
    cache = caches[fragments.CACHE_ALIAS]
    return [key for key in cache._cache if ":fragment:" in key]  # LocMemCache's own dict


def html(client, path=ARTICLE):
    response = client.get(path)
    assert response.status_code == 200
    return NONCE.sub("", response.content.decode())


def uncached_html(client, settings, path=ARTICLE):
    settings.FRAGMENT_CACHE_ENABLED = False
    try:
        return html(client, path)
    finally:
        settings.FRAGMENT_CACHE_ENABLED = True


def test_the_page_read_back_is_the_page_rendered_without_fragments(client, settings, articles):
    first = html(client)
    assert fragment_keys(), "the first request stores the article's fragments"
    assert html(client) == first == uncached_html(client, settings)


def test_a_page_read_back_from_its_fragments_runs_fewer_queries(
    client, articles, django_assert_max_num_queries
):
    html(client)
    # The site, the home page, the series, the article and the site settings (the title).
    with django_assert_max_num_queries(5):
        html(client)


def test_the_articles_own_publish_is_shown_at_once_without_any_purge(client, articles):
    html(client)
    article = ArticlePage.objects.get(pk=articles[1].pk)
    article.title = "Demo article 2, revised"
    article.save_revision().publish()  # In the test's transaction: no purge runs.
    assert "Demo article 2, revised" in html(client)


def test_a_neighbours_new_title_reaches_in_this_series_through_the_purge(
    client, articles, django_capture_on_commit_callbacks
):
    assert "Demo article 3" in html(client)
    neighbour = ArticlePage.objects.get(pk=articles[2].pk)
    neighbour.title = "Demo article 3, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        neighbour.save_revision().publish()
    assert "Demo article 3, renamed" in html(client)


def test_an_unpublished_neighbour_leaves_the_series_list_and_the_numbering(
    client, articles, django_capture_on_commit_callbacks
):
    assert "Part 2 of 3" in html(client)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=articles[0].pk).unpublish()
    page = html(client)
    assert "Part 1 of 2" in page
    assert "Demo article 1" not in page


def test_an_authors_corrected_name_reaches_the_byline(
    client, articles, django_capture_on_commit_callbacks
):
    author = PersonFactory(name="Demo Author Before")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageAuthor.objects.create(page=articles[1], person=author, sort_order=0)
        articles[1].save_revision().publish()
    assert "Demo Author Before" in html(client)
    author.name = "Demo Author After"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    page = html(client)
    assert "Demo Author After" in page
    assert "Demo Author Before" not in page


def test_new_site_settings_reach_the_footer_and_the_call_to_action(
    client, articles, django_capture_on_commit_callbacks
):
    html(client)
    site_settings = SiteSettings.objects.get()
    site_settings.footer_disclaimer = "Demo disclaimer, revised."
    site_settings.cta_heading = "Demo booking heading, revised"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    page = html(client)
    assert "Demo disclaimer, revised." in page
    assert "Demo booking heading, revised" in page


def test_a_lost_generation_is_replaced_never_reset(client, articles):
    """An evicted generation gets a new random value, so no old fragment can match it."""
    html(client)
    cache = caches[fragments.CACHE_ALIAS]
    old_generation = cache.get(fragments.generation_key(ARTICLE))
    cache.delete(fragments.generation_key(ARTICLE))
    # The article changes behind the cache's back (no signal, no purge, same revision).
    ArticlePage.objects.filter(pk=articles[2].pk).update(title="Demo article 3, behind")
    assert "Demo article 3, behind" in html(client)
    assert cache.get(fragments.generation_key(ARTICLE)) not in (None, old_generation)


def test_a_preview_is_never_read_from_or_stored_in_the_cache(
    admin_client, client, articles, django_assert_max_num_queries
):
    html(client)
    stored = set(fragment_keys())
    article = ArticlePage.objects.get(pk=articles[1].pk)
    article.title = "Demo article 2, draft only"
    article.save_revision()
    response = admin_client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert "Demo article 2, draft only" in response.content.decode()
    assert set(fragment_keys()) == stored
    assert "Demo article 2, draft only" not in html(client)


def test_a_private_article_is_never_cached(client, articles):
    PageViewRestriction.objects.create(
        page=articles[1], restriction_type=PageViewRestriction.PASSWORD, password="demo-pass"
    )
    client.get(ARTICLE)
    assert fragment_keys() == []


def test_a_cache_that_is_down_renders_the_page(client, settings, articles):
    """Production's Redis client against a port nothing listens on: every call fails fast
    (the rest of the site's cache use tolerates that too, core/caching/resilient.py)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.caching.resilient.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    assert "Demo article 2" in html(client)
    assert "Demo article 2" in html(client)


def test_a_purge_makes_every_fragment_of_the_url_unreachable(client, articles):
    html(client)
    before = caches[fragments.CACHE_ALIAS].get(fragments.generation_key(ARTICLE))
    fragments.new_generations(["http://localhost" + ARTICLE])
    after = caches[fragments.CACHE_ALIAS].get(fragments.generation_key(ARTICLE))
    assert after not in (None, before)
