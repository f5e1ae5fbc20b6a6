"""The embedded page cache: public page responses kept in Django's cache (CACHES "default").

Only what core.caching.policy calls public is stored, and only for requests with no query
string and no session or CSRF cookie. Entries are keyed by path alone: the site serves one
Wagtail site, so the host does not change the page (see docs/DEPLOYMENT.md, "Caching").

The cache is an optimisation, never a dependency: if it is down (Redis stopped), every
call here logs a warning and the page is rendered as if there were no cache.

A purge writes a marker beside the deleted entry. A request that began rendering before
the purge (and so may hold the old content) checks for the marker after storing its
response, and removes what it stored; so a slow render cannot put a stale page back.
"""

import hashlib
import logging
import time
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

logger = logging.getLogger(__name__)

# A purge marker only has to outlive the slowest render that could have started before it.
PURGE_MARKER_SECONDS = 300
# Headers the cache never replays: they belong to one response, not to the page.
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "x-page-cache"})
HIT_HEADER = "X-Page-Cache"


def enabled():
    return settings.PAGE_CACHE_ENABLED


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _digest(path):
    return hashlib.blake2b(unquote(path).encode(), digest_size=16).hexdigest()


def entry_key(path):
    return f"page:{_digest(path)}"


def marker_key(path):
    return f"purged:{_digest(path)}"


def fetch(request):
    """A response rebuilt from the cache for this request, or None (a miss, or cache down)."""
    try:
        entry = _cache().get(entry_key(request.path))
    except Exception:  # noqa: BLE001 -- any cache failure means "render it"
        logger.warning("Page cache unavailable; rendering %s uncached", request.path, exc_info=True)
        return None
    if entry is None:
        return None
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    response.status_code = entry["status"]
    for name, value in entry["headers"]:
        response[name] = value
    return response


def store(request, response, started):
    """Keep a public response; drop it again if a purge came after the render began."""
    entry = {
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        "content": response.content,
    }
    cache = _cache()
    try:
        cache.set(entry_key(request.path), entry, timeout=settings.CACHE_S_MAXAGE)
        purged_at = cache.get(marker_key(request.path))
        if purged_at is not None and purged_at >= started:
            cache.delete(entry_key(request.path))
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unavailable; %s not stored", request.path, exc_info=True)


def purge_urls(urls):
    """Forget the pages at these URLs (full URLs or paths; the query string is ignored)."""
    paths = {urlsplit(url).path or "/" for url in urls}
    if not paths:
        return
    now = time.time()
    cache = _cache()
    cache.set_many({marker_key(path): now for path in paths}, timeout=PURGE_MARKER_SECONDS)
    cache.delete_many([entry_key(path) for path in paths])
