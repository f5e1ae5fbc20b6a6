"""Warm a new app-server worker before it takes its first request.

A fresh gunicorn worker's first page costs about 400 ms against 30 ms once warm: Django
and Wagtail import lazily, templates are compiled on first use, URL patterns resolved.
Workers start fresh after every deploy and every ``max_requests`` (gunicorn.conf.py), and
behind Varnish the first request a fresh worker gets is often the re-render after a publish,
the one an editor is waiting for. gunicorn.conf.py calls ``warm_up()`` in each worker after
it starts: it renders one page of each kind (home, series, article, ...) once, with a query
string so the embedded page cache neither answers nor stores them. A warm-up that fails
(no database yet, no pages) is logged and the worker starts anyway.
"""

import logging
import time

from django.conf import settings
from django.db import connections
from django.test import Client

logger = logging.getLogger(__name__)

WARM_UP_QUERY = {"warm-up": "1"}


def _host():
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def pages_to_warm():
    """One page of each kind the default site shows (its latest live, public page of each
    page type: home, series, article, booking...), as paths; the home page first."""
    from wagtail.models import Page, Site  # after django.setup(): gunicorn imports this early

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return ["/"]
    home = site.root_page
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    paths = []
    for content_type_id in sorted(set(pages.values_list("content_type_id", flat=True))):
        page = (
            pages.filter(content_type_id=content_type_id)
            .order_by("-last_published_at", "-pk")
            .first()
        )
        url = page.get_url() if page else None
        if url and url not in paths:
            paths.append(url)
    home_url = home.get_url() or "/"
    return [home_url, *(path for path in paths if path != home_url)]


def warm_up():
    """Render each page in ``pages_to_warm()`` once; returns ({path: status}, a summary)."""
    started = time.monotonic()
    statuses = {}
    try:
        client = Client(HTTP_HOST=_host(), raise_request_exception=False)
        for path in pages_to_warm():
            statuses[path] = client.get(path, WARM_UP_QUERY).status_code
    except Exception:  # noqa: BLE001 -- a warm-up never stops a worker from starting
        logger.warning("Worker warm-up failed; the first request will be slower", exc_info=True)
    finally:
        connections.close_all()
    rendered = ", ".join(f"{path} {status}" for path, status in statuses.items())
    summary = f"warmed up in {(time.monotonic() - started) * 1000:.0f} ms: {rendered or 'nothing'}"
    return statuses, summary
