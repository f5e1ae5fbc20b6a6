"""Middleware applying core.caching.policy to every response (see artcms/settings/base.py)."""

from core.caching import policy


class CachePolicyMiddleware:
    """Sets Cache-Control and ETag on every response, and answers conditional GETs with 304.

    It sits above the session and CSRF middleware, so it sees the cookies they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return policy.apply(request, self.get_response(request))
