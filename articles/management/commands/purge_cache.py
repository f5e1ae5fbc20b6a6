"""Purge pages from the caches (the embedded page cache and every Varnish configured).

    manage.py purge_cache                          # every page of every site
    manage.py purge_cache /demo-series/ 42         # a path, and page 42 with all that shows it
    manage.py purge_cache https://example.org/demo-series/

A page id purges every URL that shows the page (see articles/cache_purge.py), as a publish
would. A URL must be on one of the site's addresses; a path is taken on the default site.
"""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from articles.cache_purge import all_urls, urls_showing_page


class Command(BaseCommand):
    help = "Purge all pages, or the given URLs or page ids, from the page cache and Varnish."

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="*", help="URLs, paths or page ids (default: all)")

    def handle(self, *args, targets, **options):
        sites = list(Site.objects.select_related("root_page"))
        if not sites:
            raise CommandError("No site is set up yet: run manage.py setup_site first.")
        urls = set()
        if not targets:
            for site in sites:
                urls |= all_urls(site)
        for target in targets:
            urls |= self.urls_for(target, sites)
        PurgeBatch(sorted(urls)).purge()
        self.stdout.write(f"Purged {len(urls)} URL{'s' if len(urls) != 1 else ''}.")

    def urls_for(self, target, sites):
        if target.isdigit():
            page = Page.objects.filter(pk=int(target)).first()
            if page is None:
                raise CommandError(f"No page has id {target}.")
            return urls_showing_page(page) or {page.get_full_url()}
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            default = next((site for site in sites if site.is_default_site), sites[0])
            return {default.root_url + target}
        on_site = parts.scheme in ("http", "https") and any(
            parts.hostname == site.hostname for site in sites
        )
        if not on_site:
            hosts = ", ".join(sorted({site.hostname for site in sites}))
            raise CommandError(
                f"{target!r} is not a URL of this site (give a path like /about/, a page id, "
                f"or a URL on {hosts})."
            )
        return {target}
