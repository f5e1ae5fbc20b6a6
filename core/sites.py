"""The Wagtail site of a request, found by a query compiled once per process.

Wagtail's ``Site.find_for_request`` builds and compiles its site query (a CASE ranking
hostname and port matches) on every request; compiling it cost more than a third of an
article's render once the article's own parts came from the fragment cache.
``SiteMiddleware`` finds the site with the same query, prepared (core/prepared.py), and the
same choice among the rows, and leaves it where ``Site.find_for_request`` looks first
(``request._wagtail_site``), so Wagtail and the site's code read this one.
"""

from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)
from wagtail.views import serve as wagtail_serve

from core.prepared import PreparedQuery

HOSTNAME_PLACEHOLDER = "artcms-prepared-hostname-placeholder.invalid"
PORT_PLACEHOLDER = 424243  # no TCP port is that high


def _sites_for(hostname, port):
    """Wagtail's site query (``get_site_for_hostname``): the candidates, best first."""
    return (
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page")
    )


_sites = PreparedQuery(_sites_for, hostname=HOSTNAME_PLACEHOLDER, port=PORT_PLACEHOLDER)


def choose(sites):
    """The site Wagtail would choose among the candidates, or None."""
    if not sites:
        return None
    if len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return sites[0]
    if sites[0].match == MATCH_DEFAULT:
        # The default site, unless exactly one site has this hostname (on another port).
        return sites[1] if len(sites) == 2 else sites[0]
    return None  # Several sites with this hostname on other ports, and no default.


def find_site(request):
    """The request's site, as ``Site.find_for_request`` would find it (None if none)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = None
    if port is None or not 0 < port < 65536:
        return Site._find_for_request(request)  # A port no site can have: Wagtail decides.
    return choose(_sites.fetch(Site, hostname=hostname, port=port))


class SiteMiddleware:
    """Finds the Wagtail site of a GET or HEAD request for a Wagtail page, after the URL is
    resolved and before the page is routed (see the module). Other views (the health checks,
    which must not need the database, search, the admin) find it Wagtail's way if they
    need it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            view_func is wagtail_serve
            and request.method in ("GET", "HEAD")
            and not hasattr(request, "_wagtail_site")
        ):
            request._wagtail_site = find_site(request)
