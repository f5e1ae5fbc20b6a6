"""manage.py purge_cache: operators purge every page, or given URLs or pages."""

import io

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command

from core.caching import page_cache

PATHS = ["/", "/demo-series/", "/demo-series/demo-article-1/", "/demo-series/demo-article-2/"]


@pytest.fixture
def warm(client, settings, three_articles):
    settings.PAGE_CACHE_ENABLED = True
    for path in PATHS:
        client.get(path)
        assert is_cached(path)
    return three_articles


def is_cached(path):
    return caches["pages"].get(page_cache.entry_key(path)) is not None


def purge(*targets):
    out = io.StringIO()
    call_command("purge_cache", *targets, stdout=out)
    return out.getvalue()


def test_without_arguments_every_page_is_purged(warm):
    assert purge().startswith("Purged ")
    assert not any(is_cached(path) for path in PATHS)


def test_a_path_or_url_purges_only_that_page(warm):
    assert purge("/demo-series/demo-article-1/") == "Purged 1 URL.\n"
    assert not is_cached("/demo-series/demo-article-1/")
    assert is_cached("/demo-series/demo-article-2/")
    purge("http://localhost/demo-series/demo-article-2/")
    assert not is_cached("/demo-series/demo-article-2/")
    assert is_cached("/")


def test_a_page_id_purges_everything_that_shows_the_page(warm):
    purge(str(warm[0].pk))
    assert not any(is_cached(path) for path in PATHS)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("https://elsewhere.example/demo/", "is not a URL of this site"),
        ("ftp://localhost/demo/", "is not a URL of this site"),
        ("demo-series", "is not a URL of this site"),
        ("999999", "No page has id 999999."),
    ],
)
def test_a_target_not_on_the_site_is_a_one_line_error(warm, target, message):
    with pytest.raises(CommandError, match=message) as error:
        purge(target)
    assert "\n" not in str(error.value)
