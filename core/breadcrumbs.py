"""Breadcrumbs: the pages from the site's home page down to the current page."""


def breadcrumb_trail(page):
    """The pages from the site's home page down to ``page``.

    One query, remembered on the page: the visible breadcrumb and the JSON-LD share it.
    """
    trail = getattr(page, "_breadcrumb_trail", None)
    if trail is None:
        trail = page._breadcrumb_trail = [*page.get_ancestors().filter(depth__gt=1), page]
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
