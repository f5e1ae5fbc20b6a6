"""Middleware for core.caching: the page cache and the policy (see artcms/settings/base.py)."""

import time

from core.caching import fragments, page_cache, policy


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests from the embedded page cache without rendering,
    and stores the public responses the policy below it has marked.

    It sits right after WhiteNoise, before sessions, authentication or any database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usable = page_cache.enabled() and policy.request_is_cacheable(request)
        usable = usable and not request.META.get("QUERY_STRING")
        if not usable:
            return self.get_response(request)
        cached = page_cache.fetch(request)
        if cached is not None:
            response = policy.conditional(request, cached)
            response[page_cache.HIT_HEADER] = "hit"  # (a 304 keeps only some headers)
            return response
        started = time.time()
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and getattr(request, "cache_policy_reason", None) == policy.PUBLIC
        ):
            page_cache.store(request, response, started)
            response[page_cache.HIT_HEADER] = "miss"
        return response


class CachePolicyMiddleware:
    """Sets Cache-Control and ETag on every response, and answers conditional GETs with 304.

    It sits above the session and CSRF middleware, so it sees the cookies they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return policy.apply(request, self.get_response(request))


class FragmentGenerationMiddleware:
    """Reads the generation of the path's rendered fragments (core/caching/fragments.py)
    before the view routes to the page, so a purge that lands during the render makes what
    this request stores unreachable rather than stale. GET and HEAD only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if fragments.enabled() and request.method in ("GET", "HEAD"):
            request.fragment_generation = fragments.read_generation(request.path)
        return self.get_response(request)
