"""The series chain: an article's neighbours, its part number and the list "In this series".

One module for every reader-facing fact about an article's place in its series, used by
the article page (through ``ArticlePage``'s properties) and by search results alike.
Everything is derived from the page tree on each request (live, public articles only),
so it never goes stale when editors reorder, publish or unpublish.

This module reads pages through the article's own model (``type(article).objects``), so it
needs no import of the page models, which import it.
"""

from django.db import connections
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.models import Page


def parent_path(page):
    """The tree path of the page's parent (its series, for an article)."""
    return page.path[: -page.steplen]


class SeriesChain:
    """An article's place among the live, public articles of its series."""

    def __init__(self, article):
        self.article = article

    @cached_property
    def articles(self):
        """Live, public articles of the series, in series order (bodies not loaded)."""
        article = self.article
        return list(
            type(article)
            .objects.sibling_of(article, inclusive=True)
            .published()
            .defer("body")
            .order_by("path")
        )

    @cached_property
    def index(self):
        """This article's 0-based index in ``articles``, or None if it is not live and public."""
        for index, article in enumerate(self.articles):
            if article.pk == self.article.pk:
                return index
        return None

    @property
    def position(self):
        """1-based part number among live, public articles, or None if this page is not."""
        return None if self.index is None else self.index + 1

    @property
    def length(self):
        return len(self.articles)

    @property
    def previous(self):
        """The nearest live, public article before this one in the series, if any."""
        if self.index is None:
            return self._nearest(before=True)
        return self.articles[self.index - 1] if self.index > 0 else None

    @property
    def next(self):
        """The nearest live, public article after this one in the series, if any."""
        if self.index is None:
            return self._nearest(before=False)
        following = self.index + 1
        return self.articles[following] if following < len(self.articles) else None

    def _nearest(self, before):
        # This page is a draft or private (e.g. in preview): compare tree paths instead.
        path = self.article.path
        if before:
            earlier = [article for article in self.articles if article.path < path]
            return earlier[-1] if earlier else None
        later = [article for article in self.articles if article.path > path]
        return later[0] if later else None


def part_numbers(pages):
    """Each article's 1-based part number among the live, public articles of its series.

    For live, public articles (search results are nothing else), the same number as
    ``SeriesChain.position``, in one query for all the pages instead of one list of
    siblings per page. Siblings share a path prefix and a depth, so the articles of a
    series up to a page are those in the path range (parent path, page path]. With the
    pages in path order, each sibling is counted once, in the bucket of the first page at
    or after it; a page's part number is the sum of its series' buckets up to its own.
    Siblings after the last page are never read. The live, public articles are Wagtail's
    own queryset, compiled once; the buckets are SQL around it, which costs far less to
    build and to run than one filtered count per page.
    """
    pages = list(pages)
    if not pages:
        return {}
    ordered = sorted(pages, key=lambda page: (parent_path(page), page.path))
    in_these_series = Q()
    for parent, depth in {(parent_path(page), page.depth) for page in ordered}:
        in_these_series |= Q(path__startswith=parent, depth=depth)
    siblings = (
        Page.objects.live()
        .public()
        .type(type(pages[0]))
        .filter(in_these_series, path__lte=max(page.path for page in ordered))
        .order_by()
        .values("path", "depth")
    )
    siblings_sql, siblings_params = siblings.query.sql_with_params()
    cases, params = [], []
    for bucket, page in enumerate(ordered):
        cases.append(f"WHEN s.depth = %s AND s.path > %s AND s.path <= %s THEN {bucket}")
        params.extend([page.depth, parent_path(page), page.path])
    sql = (
        f"SELECT CASE {' '.join(cases)} END AS bucket, COUNT(*) "  # noqa: S608 -- fixed text, values are parameters
        f"FROM ({siblings_sql}) AS s GROUP BY 1"
    )
    with connections[siblings.db].cursor() as cursor:
        cursor.execute(sql, [*params, *siblings_params])
        counts_by_bucket = dict(cursor.fetchall())
    numbers, running, current_series = {}, 0, None
    for bucket, page in enumerate(ordered):
        if parent_path(page) != current_series:
            current_series, running = parent_path(page), 0
        running += counts_by_bucket.get(bucket, 0)
        numbers[page.pk] = running or None
    return numbers
