"""The one caching policy: which responses a shared cache (Varnish, a CDN, the embedded page
cache) may keep, and the headers that say so.

A response is *public* only when every one of these holds:

- the request is an anonymous GET or HEAD: no session cookie (editors, and visitors who
  passed a page password, carry one), not a preview;
- the view is one of the public views below (Wagtail pages, topic pages, feeds, sitemap,
  robots.txt), so a new view is private until someone decides otherwise;
- the status is 200 (or 404: shared caches only, briefly);
- the view did not already forbid caching (search results, the booking form, restricted
  pages: Wagtail and those views send ``no-cache``/``no-store``/``private``);
- the response sets no cookie (a CSRF token, a session or a message is personal).

Everything else gets ``Cache-Control: max-age=0, no-cache, no-store, must-revalidate,
private``: the admin, previews, anything a logged-in user sees (so the Wagtail userbar never
reaches a visitor), restricted pages, the booking page and its POST, search, and every
error page except 404.
"""

import hashlib

from django.conf import settings
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)

# View names (resolver_match.view_name) whose anonymous responses are the same for everyone.
PUBLIC_VIEW_NAMES = frozenset(
    {
        "wagtail_serve",
        "topic",
        "sitemap",
        "robots_txt",
        "feeds:latest_rss",
        "feeds:latest_atom",
        "feeds:series_rss",
        "feeds:series_atom",
        # "Cite this article" downloads of live, public articles (articles/references).
        "cite:article_ris",
        "cite:article_bibtex",
        "cite:reference_ris",
    }
)
# Views that set their own public Cache-Control and Last-Modified, kept as they are: uploaded
# images and renditions (artcms/media.py), the same bytes for everyone, cached for long.
SELF_CACHING_VIEW_NAMES = frozenset({"media_image"})
CACHEABLE_STATUSES = frozenset({200, 404})
# A view that sends any of these has said its response is personal or must not be stored.
FORBIDDING_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")

# request.cache_policy_reason records why a response is private (tests and debugging).
PUBLIC = "public"


def bypass_cookie_names():
    """Cookies whose presence means the response may be personal: the session (a logged-in
    editor, or a visitor who passed a page password) and the CSRF token (a form was shown).
    The page cache and Varnish (deploy/varnish/default.vcl) pass such requests through."""
    return (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)


def request_is_cacheable(request):
    """Could the response to this request be shared? (Checked before the view runs.)"""
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in bypass_cookie_names()
    )


def private_reason(request, response):
    """Why this response must not be kept by a shared cache, or "" if it may be."""
    if request.method not in ("GET", "HEAD"):
        return "method"
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return "session"
    if getattr(request, "is_preview", False):
        return "preview"
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in PUBLIC_VIEW_NAMES:
        return "view"
    if response.status_code not in CACHEABLE_STATUSES:
        return "status"
    if response.cookies:
        return "cookie"
    if response.streaming:
        return "streaming"
    existing = response.get("Cache-Control", "").lower()
    if any(directive in existing for directive in FORBIDDING_DIRECTIVES):
        return "view-forbids"
    return ""


def public_lifetimes(status_code):
    """(max-age, s-maxage, stale-while-revalidate) in seconds, from settings.

    A 404 is never kept by browsers (max-age=0): the page may be published any moment, and
    a purge cannot reach a reader's browser. Shared caches, which a publish does purge,
    keep it for the short lifetime only, so odd URLs do not fill them.
    """
    if status_code != 200:
        return 0, settings.CACHE_MAX_AGE, settings.CACHE_STALE_WHILE_REVALIDATE
    return (
        settings.CACHE_MAX_AGE,
        settings.CACHE_S_MAXAGE,
        settings.CACHE_STALE_WHILE_REVALIDATE,
    )


def make_public(response):
    """Replace any Cache-Control with the public one, and add a strong ETag."""
    max_age, s_maxage, swr = public_lifetimes(response.status_code)
    del response["Cache-Control"]
    del response["Expires"]
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=s_maxage,
        stale_while_revalidate=swr,
    )
    if not response.has_header("ETag"):
        digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response["ETag"] = f'"{digest}"'


def make_private(response):
    """No shared cache and no browser cache may store this response."""
    del response["Cache-Control"]
    add_never_cache_headers(response)


def apply(request, response):
    """Apply the policy to a response; answer 304 to a matching conditional GET."""
    match = getattr(request, "resolver_match", None)
    if (
        match is not None
        and match.view_name in SELF_CACHING_VIEW_NAMES
        and request.method in ("GET", "HEAD")
        and not response.cookies
    ):
        request.cache_policy_reason = "view"
        return response
    reason = private_reason(request, response)
    request.cache_policy_reason = reason or PUBLIC
    if reason:
        make_private(response)
        return response
    make_public(response)
    if response.status_code == 200:
        return conditional(request, response)
    return response


def conditional(request, response):
    """A 304 Not Modified (with the caching headers) if the client already has this ETag."""
    return get_conditional_response(request, etag=response["ETag"], response=response)
