"""Wagtail frontend-cache backend for the embedded page cache (core.caching.page_cache).

Configured in WAGTAILFRONTENDCACHE beside Wagtail's HTTPBackend for Varnish, so one purge
(wagtail.contrib.frontend_cache's task) clears both.
"""

import logging

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from core.caching import fragments, page_cache

logger = logging.getLogger("wagtail.frontendcache")


class PageCacheBackend(BaseBackend):
    """Deletes purged URLs from the embedded page cache, and makes their rendered fragments
    unreachable (core/caching/fragments.py), in one batch."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        try:
            page_cache.purge_urls(urls)
        except Exception:  # noqa: BLE001 -- a cache that is down holds nothing to purge
            logger.error("Could not purge %d URLs from the page cache", len(urls), exc_info=True)
        try:
            fragments.new_generations(urls)
        except Exception:  # noqa: BLE001
            logger.error("Could not purge the fragments of %d URLs", len(urls), exc_info=True)
