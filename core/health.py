"""Health endpoints for load balancers and Varnish (issue 16).

``/health/live/`` says the process answers, touching nothing else, so a supervisor restarts
only a process that is really stuck. ``/health/ready/`` says whether this node can serve
pages: the database, the cache (when one is configured) and the media storage, each probed
by django-health-check. Either answers JSON naming each check as "ok" or "unavailable" and
nothing more: no host names, no exception text (the failure goes to the log).
Both are never cached (``Cache-Control: no-store``).
"""

import asyncio

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from health_check.checks import Cache, Database, Storage
from health_check.views import HealthCheckView


@never_cache
def live(request):
    """The process is up and answering; deliberately checks no service."""
    return JsonResponse({"status": "ok"})


class ReadinessView(HealthCheckView):
    """The services this node needs to serve a page, probed at once (in parallel).

    Only the library's checks and its timeouts are used; the response is ours, since the
    library answers 500 and writes each exception's text into the body.
    """

    http_method_names = ["get", "head"]

    def get_checks(self):
        yield "database", Database(alias="default")
        # Django always has a "default" cache (per-process memory when CACHES is not set);
        # only a configured one is a service this node depends on.
        if settings.is_overridden("CACHES"):
            yield "cache", Cache(alias="default")
        yield "storage", Storage(alias="default")

    async def get(self, request, *args, **kwargs):
        names, checks = zip(*self.get_checks(), strict=True)
        results = await asyncio.gather(*(check.get_result() for check in checks))
        report = {
            name: "unavailable" if result.error else "ok"
            for name, result in zip(names, results, strict=True)
        }
        failed = any(value != "ok" for value in report.values())
        response = JsonResponse(
            {"status": "unavailable" if failed else "ok", "checks": report},
            status=503 if failed else 200,
        )
        add_never_cache_headers(response)
        return response


ready = ReadinessView.as_view()
