"""The embedded page cache: anonymous public pages are served from Django's cache."""

import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches

from core.caching import page_cache
from core.caching.backends import PageCacheBackend
from core.testing.servers import free_port, require_server

ARTICLE = "/demo-series/demo-article-1/"
REDIS_URL = os.environ.get("ARTCMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_caches(url):
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "artcms-test-caching",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_second_anonymous_request_is_served_without_rendering(
    client, page_cache_on, three_articles, django_assert_num_queries
):
    first = client.get(ARTICLE)
    assert first.status_code == 200
    assert first[page_cache.HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(ARTICLE)
    assert second[page_cache.HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_answers_a_conditional_get_with_304(client, page_cache_on, three_articles):
    etag = client.get(ARTICLE)["ETag"]
    again = client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again[page_cache.HIT_HEADER] == "hit"


def test_head_is_served_from_the_cache_without_a_body(client, page_cache_on, three_articles):
    client.get(ARTICLE)
    head = client.head(ARTICLE)
    assert head.status_code == 200
    assert head[page_cache.HIT_HEADER] == "hit"
    assert head.content == b""


def test_a_logged_in_editor_never_gets_or_fills_the_cache(
    client, admin_client, page_cache_on, three_articles
):
    client.get(ARTICLE)
    editor_view = admin_client.get(ARTICLE)
    assert page_cache.HIT_HEADER not in editor_view
    assert b"wagtail-userbar" in editor_view.content
    caches["pages"].clear()
    admin_client.get(ARTICLE)  # An editor's page (with the userbar) is never stored...
    visitor = client.get(ARTICLE)
    assert visitor[page_cache.HIT_HEADER] == "miss"  # ...so the visitor gets a fresh render,
    assert b"wagtail-userbar" not in visitor.content  # without the userbar.


def test_private_and_query_string_responses_are_not_stored(client, page_cache_on, three_articles):
    for url in ("/search/?q=demo", f"{ARTICLE}?utm_source=demo"):
        client.get(url)
        assert page_cache.HIT_HEADER not in client.get(url)
    client.get("/no-such-page/")
    assert page_cache.HIT_HEADER not in client.get("/no-such-page/")


def test_a_render_that_began_before_a_purge_is_not_kept(rf, page_cache_on, three_articles, client):
    response = client.get(ARTICLE)
    request = rf.get(ARTICLE)
    began = time.time()
    page_cache.purge_urls([f"http://localhost{ARTICLE}"])
    page_cache.store(request, response, began - 1)
    assert page_cache.fetch(request) is None
    page_cache.store(request, response, time.time() + 1)
    assert page_cache.fetch(request) is not None


def test_purge_forgets_the_page_whatever_the_host(client, page_cache_on, three_articles):
    client.get(ARTICLE)
    page_cache.purge_urls([f"https://www.example.org{ARTICLE}"])
    assert client.get(ARTICLE)[page_cache.HIT_HEADER] == "miss"


def test_the_cache_on_redis_serves_pages(client, settings, page_cache_on, three_articles):
    require_server("redis", REDIS_URL)
    settings.CACHES = redis_caches(REDIS_URL)
    caches["pages"].delete(page_cache.entry_key(ARTICLE))
    assert client.get(ARTICLE)[page_cache.HIT_HEADER] == "miss"
    assert client.get(ARTICLE)[page_cache.HIT_HEADER] == "hit"
    page_cache.purge_urls([ARTICLE])
    assert client.get(ARTICLE)[page_cache.HIT_HEADER] == "miss"
    caches["pages"].delete(page_cache.entry_key(ARTICLE))


def test_a_redis_that_is_down_means_pages_render_uncached(
    client, settings, page_cache_on, three_articles
):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/5")
    for _ in range(2):
        started = time.monotonic()
        response = client.get(ARTICLE)
        assert response.status_code == 200
        assert b"Demo article 1" in response.content
        assert time.monotonic() - started < 5
    # Purging while the cache is down is logged, not raised.
    PageCacheBackend({}).purge_batch([ARTICLE])


def test_the_default_file_cache_is_shared_by_every_process(
    client, settings, page_cache_on, three_articles, tmp_path
):
    """A purge in another process (a gunicorn worker, a management command) is seen here."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "pages"),
            "KEY_PREFIX": "artcms",
        },
    }
    client.get(ARTICLE)
    assert client.get(ARTICLE)[page_cache.HIT_HEADER] == "hit"
    script = (
        "import django; django.setup(); from core.caching import page_cache; "
        f"page_cache.purge_urls(['http://localhost{ARTICLE}'])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "artcms.settings.dev",
        "PAGE_CACHE_DIR": str(tmp_path / "pages"),
        "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, check=True
    )
    assert client.get(ARTICLE)[page_cache.HIT_HEADER] == "miss"
