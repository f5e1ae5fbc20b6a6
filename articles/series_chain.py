"""The series chain: an article's neighbours, its part number and the list "In this series".

One module for every reader-facing fact about an article's place in its series, used by
the article page (through ``ArticlePage``'s properties) and by search results alike.
Everything is derived from the page tree on each request (live, public articles only),
so it never goes stale when editors reorder, publish or unpublish.

The cost does not grow with the series: one query numbers the live, public articles of
the series with window functions (row number, count) and returns only the few rows the
page shows (the first, the last, and ``WINDOW`` either side of this article), with only
the columns a link needs. Previous and next are among them.

This module reads pages through the article's own model (``type(article).objects``), so it
needs no import of the page models, which import it.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.functional import cached_property
from wagtail.models import Page

# Articles listed either side of the current one in "In this series".
WINDOW = 3
# What a link to an article needs (title, and url_path for pageurl); the body never loads.
LINK_FIELDS = ("path", "depth", "title", "url_path", "content_type", "locale")


def parent_path(page):
    """The tree path of the page's parent (its series, for an article)."""
    return page.path[: -page.steplen]


@dataclass(frozen=True)
class SeriesEntry:
    """One line of "In this series": the article, its part number, and whether the list
    skips some parts just before it (shown as a gap; the list item carries its number)."""

    article: object
    number: int
    after_gap: bool


class SeriesChain:
    """An article's place among the live, public articles of its series."""

    def __init__(self, article):
        self.article = article

    @cached_property
    def _rows(self):
        """The first, the last and the articles near this one, numbered, in series order."""
        article = self.article
        numbered = (
            type(article)
            .objects.sibling_of(article, inclusive=True)
            .published_in_one_query()
            .only(*LINK_FIELDS)
            .annotate(
                number=Window(RowNumber(), order_by=F("path").asc()),
                total=Window(Count("pk")),
                # Live, public articles before this page (a draft being previewed too).
                before=Window(
                    Sum(
                        Case(
                            When(path__lt=article.path, then=Value(1)),
                            default=Value(0),
                            output_field=IntegerField(),
                        )
                    )
                ),
            )
        )
        near = Q(number__gte=F("before") + 1 - WINDOW, number__lte=F("before") + WINDOW + 1)
        return list(numbered.filter(near | Q(number=1) | Q(number=F("total"))).order_by("path"))

    @property
    def length(self):
        """How many live, public articles the series has."""
        return self._rows[0].total if self._rows else 0

    @property
    def position(self):
        """1-based part number among live, public articles, or None if this page is not."""
        for row in self._rows:
            if row.pk == self.article.pk:
                return row.number
        return None

    @property
    def previous(self):
        """The nearest live, public article before this one in the series, if any."""
        earlier = [row for row in self._rows if row.path < self.article.path]
        return earlier[-1] if earlier else None

    @property
    def next(self):
        """The nearest live, public article after this one in the series, if any."""
        return next((row for row in self._rows if row.path > self.article.path), None)

    @property
    def window(self):
        """"In this series": SeriesEntry for the first, the last and the articles near this one."""
        entries, last_number = [], 0
        for row in self._rows:
            entries.append(SeriesEntry(row, row.number, after_gap=row.number > last_number + 1))
            last_number = row.number
        return entries

    @property
    def is_complete(self):
        """True when the window lists every article of the series."""
        return len(self._rows) == self.length


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
