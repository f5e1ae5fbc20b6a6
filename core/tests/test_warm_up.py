"""A new app-server worker renders the home page and the latest article before its first
request (core/warm_up.py, called from gunicorn.conf.py), without touching the page cache."""

import pytest

from core.caching import page_cache
from core.warm_up import pages_to_warm, warm_up

pytestmark = pytest.mark.django_db


def test_one_page_of_each_kind_is_rendered(settings, three_articles):
    settings.PAGE_CACHE_ENABLED = True
    latest = max(three_articles, key=lambda page: page.last_published_at)
    series = latest.get_parent()
    assert sorted(pages_to_warm()) == sorted(["/", series.url, latest.url])
    assert pages_to_warm()[0] == "/"

    statuses, summary = warm_up()
    assert statuses == {"/": 200, series.url: 200, latest.url: 200}
    assert summary.startswith("warmed up in ") and latest.url in summary
    # Rendered with a query string: nothing stored for readers to be served later.
    for path in statuses:
        assert page_cache._cache().get(page_cache.entry_key(path)) is None


def test_a_site_with_no_pages_yet_still_warms_up_without_error():
    statuses, summary = warm_up()
    assert list(statuses) == ["/"]
    assert "warmed up in" in summary
