"""Breadcrumbs: the pages from the site's home page down to the current page."""


def breadcrumb_trail(page):
    """The pages from the site's home page down to ``page``.

    Remembered on the page: the visible breadcrumb and the JSON-LD share it. A page that
    was routed to already knows its ancestors (Wagtail's routing remembers each page's
    parent, ``_cached_parent_obj``), so no query; otherwise one.
    """
    trail = getattr(page, "_breadcrumb_trail", None)
    if trail is None:
        trail = page._breadcrumb_trail = _routed_trail(page) or [
            *page.get_ancestors().filter(depth__gt=1),
            page,
        ]
    return trail


def _routed_trail(page):
    """The pages from the home page (depth 2) down to ``page`` as routed, or None."""
    trail = [page]
    while trail[0].depth > 2:
        parent = getattr(trail[0], "_cached_parent_obj", None)
        if parent is None:
            return None
        trail.insert(0, parent)
    return trail


def breadcrumb_list(page, request=None):
    """Home › Series › Article as a schema.org BreadcrumbList."""
    trail = breadcrumb_trail(page)
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }
