"""The "default" cache is shared by every process and app server, and Redis down is a miss.

Wagtail keeps the site root paths behind every page URL (and image renditions) in the
"default" cache. Per-process memory there would let one gunicorn worker, or one app
server, go on using a site address that an editor changed through another.
"""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import caches

from core.caching.resilient import ResilientRedisCache
from core.testing.servers import free_port, require_server

REDIS_URL = os.environ.get("ARTCMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
ARTICLE = "/demo-series/demo-article-1/"


def caches_of(settings_module, **environ):
    """The CACHES a fresh process builds from ``settings_module`` and ``environ``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CACHE_DIR", "PAGE_CACHE_DIR", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        ALLOWED_HOSTS="art.example.org",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.org",
        **environ,
    )
    script = "from django.conf import settings; import json; print(json.dumps(settings.CACHES))"
    completed = subprocess.run(  # noqa: S603 -- our own interpreter, fixed arguments
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout)


@pytest.mark.parametrize("settings_module", ["artcms.settings.dev", "artcms.settings.production"])
def test_without_redis_both_caches_are_files_every_worker_shares(settings_module, tmp_path):
    configured = caches_of(settings_module, CACHE_DIR=str(tmp_path))
    for name in ("default", "pages"):
        assert configured[name]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
        assert configured[name]["LOCATION"] == str(tmp_path / name)


def test_with_redis_both_caches_are_in_redis_under_their_own_prefixes():
    configured = caches_of("artcms.settings.production", REDIS_URL="redis://10.0.0.7:6379/0")
    assert {configured[name]["BACKEND"] for name in ("default", "pages")} == {
        "core.caching.resilient.ResilientRedisCache"
    }
    assert configured["default"]["LOCATION"] == "redis://10.0.0.7:6379/0"
    assert configured["default"]["KEY_PREFIX"] != configured["pages"]["KEY_PREFIX"]


def resilient(url):
    return ResilientRedisCache(
        url, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    )


def test_a_redis_that_does_not_answer_is_a_miss_not_an_error():
    cache = resilient(f"redis://127.0.0.1:{free_port()}/0")
    assert cache.get("site-root-paths") is None
    assert cache.get("site-root-paths", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("a", 1) is None
    assert cache.add("a", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("a") is False
    assert cache.get_or_set("a", 3) == 3


def test_a_redis_that_answers_is_used():
    require_server("Redis", REDIS_URL)
    cache = resilient(REDIS_URL)
    cache.set("artcms-test-shared", {"root": "/home/"}, 30)
    assert cache.get("artcms-test-shared") == {"root": "/home/"}
    assert resilient(REDIS_URL).get("artcms-test-shared") == {"root": "/home/"}
    cache.delete("artcms-test-shared")


@pytest.mark.django_db
def test_pages_render_when_the_default_cache_is_down(client, settings, three_articles):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.caching.resilient.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["default"].get("warm-up")  # the new settings build a new cache
    response = client.get(ARTICLE)
    assert response.status_code == 200
    assert b"Demo article 1" in response.content
