"""Paging through search results: which page to show, and the links to the others.

Visitors and crawlers ask for any page number; anything that is not a page shows one that
exists (the first, or the last with a note saying so), never an error.
"""

from urllib.parse import urlencode

from django.urls import reverse

# Page links shown either side of the current page.
PAGE_LINK_RADIUS = 2


def requested_page(raw):
    """The page number asked for; anything that is not a positive whole number means 1."""
    try:
        return max(int(raw), 1)
    except (TypeError, ValueError):
        return 1


def page_to_show(requested, num_pages):
    """The page to show and, if the request asked for a page past the end, a note saying so."""
    if requested <= num_pages:
        return requested, ""
    if num_pages == 1:
        return 1, "There is only one page of results."
    return num_pages, f"There are only {num_pages} pages of results; this is the last."


def page_links(query, page):
    """Numbered links around the current page (None marks a gap), previous and next."""
    base = reverse("search")
    last = page.paginator.num_pages

    def url(number):
        return f"{base}?{urlencode({'q': query, 'page': number})}"

    numbers = sorted(
        {1, last, *range(page.number - PAGE_LINK_RADIUS, page.number + PAGE_LINK_RADIUS + 1)}
    )
    links, previous = [], 0
    for number in numbers:
        if not 1 <= number <= last:
            continue
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "url": url(number), "current": number == page.number})
        previous = number
    return {
        "links": links,
        "previous_url": url(page.number - 1) if page.has_previous() else "",
        "next_url": url(page.number + 1) if page.has_next() else "",
    }
