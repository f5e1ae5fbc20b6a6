"""Rendered fragments of a live page, kept between requests (CACHES "default").

A page's own parts (an article's text, references and structured data; the footer's
series list) cost most of a render and change only when something is published. A
fragment is rendered once and then read back, on every request that renders the page:
a miss of the embedded page cache or of Varnish, a request with a query string or a
cookie, a signed-in editor looking at the live site.

A fragment's key holds:

- the page's ``cache_key`` (Wagtail: its id, URL path and last publishing time), so the
  page's own publish is seen at once, on every app server, whatever else happens;
- the path's *generation*, which every purge of the path changes
  (``PageCacheBackend.purge_batch``). ``articles.cache_purge`` already works out which
  URLs show what (a neighbour in "In this series", a person in a byline, a library
  reference, the site settings) and purges exactly those, so the same change that empties
  the page cache and Varnish makes these fragments unreachable;
- a fingerprint of the project's templates and code, so a deployment never shows a
  fragment rendered by the code before it.

The generation is read once per request, before routing reads the page
(``FragmentGenerationMiddleware``). A render that began before a purge therefore stores
what it rendered under the old generation, which nobody reads any more: a slow render
cannot put stale content back. A missing generation (evicted, or the cache emptied) is
replaced by a new random one, never by a default that an old fragment could match.

Fragments are never used for a preview, a page that is not live, or a page with a view
restriction, and never when the cache is down (the fragment is rendered as if there were
no cache). They live at most CACHE_S_MAXAGE, as the page cache's entries do.
"""

import hashlib
import logging
import secrets
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
# What is fingerprinted: the code and templates that render public pages.
SOURCE_SUFFIXES = (".py", ".html")
SKIPPED_PARTS = frozenset({"tests", "migrations", "management", "__pycache__"})


def enabled():
    return settings.FRAGMENT_CACHE_ENABLED


def _cache():
    return caches[CACHE_ALIAS]


def _digest(path):
    return hashlib.blake2b(unquote(path).encode(), digest_size=16).hexdigest()


def generation_key(path):
    return f"fragment-generation:{_digest(path)}"


@lru_cache(maxsize=1)
def code_fingerprint():
    """A digest of every template and module that renders pages, and of Wagtail's version."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(version("wagtail").encode())
    base = Path(settings.BASE_DIR)
    for folder in settings.FRAGMENT_CACHE_SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or SKIPPED_PARTS & set(path.parts):
                continue
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def read_generation(path):
    """The path's current generation (a new one if it has none), or None if the cache is down."""
    key = generation_key(path)
    try:
        cache = _cache()
        current = cache.get(key)
        if current is None:
            cache.add(key, secrets.token_hex(8), timeout=None)
            current = cache.get(key)
    except Exception:  # noqa: BLE001 -- any cache failure means "render everything"
        logger.warning("Fragment cache unavailable for %s", path, exc_info=True)
        return None
    return current


def new_generations(urls):
    """Make every fragment of these URLs' paths unreachable (called by each purge)."""
    paths = {urlsplit(url).path or "/" for url in urls}
    if paths:
        _cache().set_many(
            {generation_key(path): secrets.token_hex(8) for path in paths}, timeout=None
        )


def fragment_key(request, page, name):
    """The cache key of this page's fragment for this request, or None if it must render."""
    if not enabled() or page is None or request is None:
        return None
    generation = getattr(request, "fragment_generation", None)
    if generation is None or getattr(request, "is_preview", False):
        return None
    if not page.pk or not page.live or getattr(page, "has_view_restriction", True) is not False:
        return None
    # The host and scheme too: a fragment may hold absolute URLs built from the request.
    where = _digest(f"{request.scheme}://{request.get_host()}{request.path}")
    return ":".join(("fragment", code_fingerprint(), name, where, generation, page.cache_key))


def get(key):
    try:
        return _cache().get(key)
    except Exception:  # noqa: BLE001
        logger.warning("Fragment cache unavailable; rendering %s", key, exc_info=True)
        return None


def store(key, html):
    try:
        _cache().set(key, html, timeout=settings.CACHE_S_MAXAGE)
    except Exception:  # noqa: BLE001
        logger.warning("Fragment cache unavailable; %s not stored", key, exc_info=True)
