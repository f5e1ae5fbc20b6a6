"""Which public URLs show a page, and purging them from the caches when it changes.

An article appears on far more than its own URL: every other article of its series shows
it in "In this series", "Part N of M" and the previous/next links; the series page lists it;
the home page shows the latest articles; its topic pages, the feeds and the sitemap list
it. Every page's footer lists the series, so a series' own publish purges every page.
When an article is published, unpublished (scheduled or not), moved, reordered,
renamed, deleted or made private, all of those are purged. Editing the site settings (shown on every
page) purges every page; editing a person or a library reference purges the pages Wagtail's
reference index says show them.

URLs are gathered for the whole database transaction and purged once, after it commits
(so no cache refetches the old content), through wagtail.contrib.frontend_cache's purge
task, to every backend in WAGTAILFRONTENDCACHE: the embedded page cache and each Varnish.
Wagtail's own frontend_cache app (which purges only the page itself, before the commit) is
deliberately not installed.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from articles.models import ArticlePage, ArticleSeriesPage, Reference, Topic
from articles.references.cite import reference_key
from people.models import Person

_pending = threading.local()


# --- Which URLs show what ---------------------------------------------------------------


def site_wide_urls(site):
    """The site's feeds and sitemap, which list every article."""
    root = site.root_url
    return {
        root + reverse("feeds:latest_rss"),
        root + reverse("feeds:latest_atom"),
        root + reverse("sitemap"),
    }


def series_feed_urls(site, slug):
    root = site.root_url
    return {
        root + reverse("feeds:series_rss", kwargs={"slug": slug}),
        root + reverse("feeds:series_atom", kwargs={"slug": slug}),
    }


def topic_page_urls(site):
    """Every topic page. All of them: an edit may have removed a topic from the article,
    and the old topic's page must drop it too. A site has a few dozen topics at most."""
    root = site.root_url
    slugs = Topic.objects.filter(tagged_articles__isnull=False).values_list("slug", flat=True)
    return {root + reverse("topic", kwargs={"slug": slug}) for slug in slugs.distinct()}


def page_urls(pages):
    """The URLs of these pages (each path from Page.get_cached_paths)."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def urls_showing_page(page):
    """Every public URL whose HTML shows this page (its title, position or content)."""
    page = page.specific_deferred
    site = page.get_site()
    if site is None:
        return set()
    if page.pk == site.root_page_id:
        return all_urls(site)  # The home page: its title is in every breadcrumb.
    urls = page_urls([page, site.root_page]) | site_wide_urls(site)
    if isinstance(page, ArticlePage):
        series = page.get_parent().specific_deferred
        urls |= page_urls([series, *page.get_siblings(inclusive=False)])
        urls |= series_feed_urls(site, series.slug)
        urls |= topic_page_urls(site)
    elif isinstance(page, ArticleSeriesPage):
        # Every page's footer lists the series (its title and address).
        return all_urls(site)
    return urls


def all_urls(site):
    """Every public URL of the site: its live pages, topic pages, feeds and sitemap."""
    pages = Page.objects.descendant_of(site.root_page, inclusive=True).live()
    urls = page_urls(pages.specific(defer=True)) | site_wide_urls(site) | topic_page_urls(site)
    for slug in ArticleSeriesPage.objects.descendant_of(site.root_page).values_list(
        "slug", flat=True
    ):
        urls |= series_feed_urls(site, slug)
    return urls


# --- Purging, once per transaction --------------------------------------------------------


def schedule_purge(urls):
    """Purge these URLs once the current transaction commits (at once outside one).

    URLs from every change in the transaction are gathered in one set, so each is purged
    once; the first commit callback purges them all and the others find nothing left.
    """
    pending = getattr(_pending, "urls", None)
    if pending is None:
        pending = _pending.urls = set()
    pending.update(urls)
    transaction.on_commit(purge_pending)


def purge_pending():
    urls, _pending.urls = getattr(_pending, "urls", None) or set(), set()
    if urls:
        PurgeBatch(sorted(urls)).purge()


def purge_all(site):
    schedule_purge(all_urls(site))


# --- Signal handlers ------------------------------------------------------------------------


def on_page_changed(instance, **kwargs):
    """Published or unpublished (also on delete: Wagtail unpublishes a page before it goes,
    while it is still in the tree)."""
    schedule_purge(urls_showing_page(instance))


def on_page_moving(instance, **kwargs):
    """Before a move or reorder: remember what shows the page where it is now."""
    moving = getattr(_pending, "moving", None)
    if moving is None:
        moving = _pending.moving = {}
    moving[instance.pk] = urls_showing_page(instance)


def on_page_moved(instance, **kwargs):
    before = getattr(_pending, "moving", {}).pop(instance.pk, set())
    schedule_purge(before | urls_showing_page(instance))


def on_slug_changed(instance, instance_before, **kwargs):
    """A new slug: the old URLs of the page and of everything under it, and a series' old
    feeds (the publish itself purges the new URLs)."""
    site = instance.get_site()
    old_base, new_base = instance_before.get_full_url(), instance.get_full_url()
    if site is None or not old_base or not new_base:
        return
    urls = {
        old_base + url[len(new_base) :]
        for url in page_urls([instance, *instance.get_descendants()])
        if url.startswith(new_base)
    }
    if isinstance(instance.specific_deferred, ArticleSeriesPage):
        urls |= series_feed_urls(site, instance_before.slug)
    schedule_purge(urls)


def on_restriction_changed(instance, **kwargs):
    """A page made private (or public again): its cached public copy, and everything under
    it and listing it, must go at once, or readers keep seeing what is now restricted."""
    page = instance.page
    urls = urls_showing_page(page)
    for descendant in page.get_descendants().live().specific(defer=True):
        urls |= urls_showing_page(descendant)
    schedule_purge(urls)


def on_site_settings_saved(instance, **kwargs):
    """The site settings (crisis notice, disclaimer, citation style...) show on every page."""
    purge_all(instance.site)


def pages_citing(instance):
    """The pages Wagtail's reference index says use this object (a person, a reference)."""
    return [
        source
        for source, _references in ReferenceIndex.get_grouped_references_to(instance)
        if isinstance(source, Page)
    ]


def on_person_changed(instance, **kwargs):
    """An author or clinical reviewer: purge every page the reference index says shows them."""
    urls = set()
    for page in pages_citing(instance):
        urls |= urls_showing_page(page)
    schedule_purge(urls)


def on_library_reference_changing(instance, **kwargs):
    """A library reference corrected or deleted: every article citing it, and the RIS
    download each offered of it (named by its content, so the old name goes; the new one
    has never been cached)."""
    if instance.pk is None:
        return  # New: no article cites it yet.
    before = Reference.objects.filter(pk=instance.pk).first()
    if before is None:
        return
    key = reference_key(before.as_value())
    urls = set()
    for page in pages_citing(before):
        urls |= urls_showing_page(page)
        site = page.get_site()
        if site is not None:
            urls.add(site.root_url + reverse("cite:reference_ris", args=[page.pk, key]))
    schedule_purge(urls)


def register_signal_handlers():
    """Called from ArticlesConfig.ready()."""
    page_published.connect(on_page_changed, dispatch_uid="artcms_purge_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="artcms_purge_unpublished")
    pre_page_move.connect(on_page_moving, dispatch_uid="artcms_purge_moving")
    post_page_move.connect(on_page_moved, dispatch_uid="artcms_purge_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="artcms_purge_slug")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="artcms_purge_private"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="artcms_purge_public"
    )
    # By name: home (where SiteSettings lives today) is a layer above articles.
    post_save.connect(
        on_site_settings_saved, sender="core.SiteSettings", dispatch_uid="artcms_purge_settings"
    )
    post_save.connect(on_person_changed, sender=Person, dispatch_uid="artcms_purge_person")
    pre_delete.connect(on_person_changed, sender=Person, dispatch_uid="artcms_purge_person_del")
    pre_save.connect(
        on_library_reference_changing, sender=Reference, dispatch_uid="artcms_purge_reference"
    )
    pre_delete.connect(
        on_library_reference_changing, sender=Reference, dispatch_uid="artcms_purge_reference_del"
    )
