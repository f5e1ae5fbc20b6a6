"""The series chain: an article's neighbours, its part number and the list "In this series".

One module for every reader-facing fact about an article's place in its series, used by
the article page (through ``ArticlePage``'s properties) and by search results alike.
Everything is derived from the page tree on each request (live, public articles only),
so it never goes stale when editors reorder, publish or unpublish.

The cost does not grow with the series: one query returns only the few rows the page
shows (the first, the last, and ``WINDOW`` either side of this article), by short walks
along the tree-path index, with only the columns a link needs, and two counts for the
part numbers. Previous and next are among them, and so is a draft's nearest
neighbour by tree path when it is previewed.

This module reads pages through the article's own model (``type(article).objects``), so it
needs no import of the page models, which import it.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, F
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

# Articles listed either side of the current one in "In this series".
WINDOW = 3
# What a link to a page needs (title, and url_path for pageurl); the body never loads.
LINK_FIELDS = ("path", "depth", "title", "url_path", "content_type", "locale")
# Placeholders for one path range's values in part_numbers' SQL, compiled once per call.
DEPTH, LOWER, UPPER = 999_999, "<lower path>", "<upper path>"
# The same as columns, in the model's field order (the order Model.from_db takes values in).
LINK_COLUMNS = tuple(
    field.attname
    for field in Page._meta.concrete_fields
    if field.attname in {"path", "depth", "title", "url_path", "content_type_id", "locale_id"}
)


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
        """The first, the last and the articles near this one, numbered, in series order.

        Generic pages with only the link columns (``LINK_FIELDS``), each with ``number``
        (its part number) and ``total`` (the series' length). One query: the live, public
        articles of the series by a path range (which the tree-path index serves); the
        rows shown are short walks along that index, and the numbers come from two counts.
        (Window functions numbering the whole series cost about 10 ms at 1,000 articles on
        SQLite; this costs about 1 ms there, the count being most of it.)
        """
        article = self.article
        parent = parent_path(article)
        steplen = article.steplen
        ancestors = [parent[:end] for end in range(steplen, len(parent) + 1, steplen)]
        restrictions = PageViewRestriction.objects.all()
        # Live and public, tested in the SQL: a sibling is private if it has a restriction
        # itself (an uncorrelated NOT IN, computed once) or the series or one of its
        # ancestors has one (the same for every sibling).
        siblings = (
            type(article)
            .objects.filter(
                path__range=(parent + "0" * steplen, parent + "Z" * steplen),
                depth=article.depth,
                live=True,
            )
            .exclude(pk__in=restrictions.values("page_id"))
            .filter(~Exists(restrictions.filter(page__path__in=ancestors)))
            .order_by()
            .values_list("id", *LINK_COLUMNS)
        )
        base, base_params = siblings.query.sql_with_params()
        columns = ", ".join(LINK_COLUMNS)
        # Four short walks along the path index (the first, up to WINDOW before this page,
        # this page and up to WINDOW after, the last), and two counts for the numbers.
        branches = [
            ("", "path", 1),
            ("WHERE path < %s", "path DESC", WINDOW),
            ("WHERE path >= %s", "path", WINDOW + 1),
            ("", "path DESC", 1),
        ]
        union = " UNION ALL ".join(
            f"SELECT * FROM (SELECT * FROM ({base}) AS s {where} "  # noqa: S608 -- as below
            f"ORDER BY {order} LIMIT {limit}) AS b{n}"
            for n, (where, order, limit) in enumerate(branches)
        )
        # The counts are a materialised one-row table, or SQLite counts again for each row.
        sql = (
            "WITH counts AS MATERIALIZED (SELECT COUNT(*) AS total, "  # noqa: S608 -- fixed text, values are parameters
            "COALESCE(SUM(CASE WHEN path < %s THEN 1 ELSE 0 END), 0) AS before_count "
            f"FROM ({base}) AS s) "
            f"SELECT id, {columns}, total, before_count FROM counts, ({union}) AS shown"
        )
        params = [article.path, *base_params]
        for where, _order, _limit in branches:
            params += [*base_params, *([article.path] if where else [])]
        with connections[siblings.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        by_pk = {}
        for pk, *values, total, before in rows:
            by_pk[pk] = (values, total, before)
        ordered = sorted(by_pk.items(), key=lambda item: item[1][0][LINK_COLUMNS.index("path")])
        db = siblings.db
        pages = []
        for pk, (values, total, _before) in ordered:
            page = Page.from_db(db, ["id", *LINK_COLUMNS], [pk, *values])
            page.total = total
            pages.append(page)
        # Numbers: the first is 1, the last is the total; the others are consecutive around
        # this page, whose number is one more than the live, public articles before it.
        if pages:
            before = ordered[0][1][2]
            path = article.path
            earlier = [page for page in pages if page.path < path]
            later = [page for page in pages if page.path >= path]
            for offset, page in enumerate(reversed(earlier)):
                page.number = before - offset
            for offset, page in enumerate(later):
                page.number = before + 1 + offset
            pages[0].number, pages[-1].number = 1, pages[-1].total
        return pages

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
        """ "In this series": SeriesEntry for the first, the last and the articles near this one."""
        entries, last_number = [], 0
        for row in self._rows:
            entries.append(SeriesEntry(row, row.number, after_gap=row.number > last_number + 1))
            last_number = row.number
        return entries

    @property
    def is_complete(self):
        """True when the window lists every article of the series."""
        return len(self._rows) == self.length


def part_numbers(pages, published=None):
    """Each article's 1-based part number among the live, public articles of its series.

    For live, public articles (search results are nothing else), the same number as
    ``SeriesChain.position``, in one query for all the pages instead of one list of
    siblings per page. Siblings share a path prefix and a depth, so the articles of a
    series up to a page are those in the path range (parent path, page path]. With the
    pages in path order, each sibling is counted once, in the range from the page before
    it (or the series' start) to the page at or after it; a page's part number is the sum
    of its series' ranges up to its own. Siblings after the last page are never read.
    The ranges are counts joined by UNION ALL, each a short walk along the tree-path index
    (about half the time of one scan that sorts every sibling into its range with CASE).
    An index that also held depth, live and type made the counts ten times faster, but
    SQLite then chose it for the ranking statement's "live" list, which cost more than it
    saved (docs/PERFORMANCE.md).

    ``published`` is the live, public pages' queryset if the caller already has one
    (Wagtail's ``public()`` reads the view restrictions each time it is called).
    """
    pages = list(pages)
    if not pages:
        return {}
    ordered = sorted(pages, key=lambda page: (parent_path(page), page.path))
    if published is None:
        published = Page.objects.live().public()
    # "+ 0": with the page type's own index in reach, SQLite would read every article of
    # that type instead of the path range.
    type_ids = [ct.pk for ct in published.type_q(type(pages[0])).children[0][1]]
    siblings = (
        published.annotate(type_plus_0=F("content_type_id") + 0)
        .filter(type_plus_0__in=type_ids, depth=DEPTH, path__gt=LOWER, path__lte=UPPER)
        .order_by()
        .values("path")
    )
    # One range's SQL, compiled once; each range is the same text with its own values.
    range_sql, range_params = siblings.query.sql_with_params()
    counts, params, lower, series = [], [], None, None
    for bucket, page in enumerate(ordered):
        if parent_path(page) != series:
            series = lower = parent_path(page)
        values = {DEPTH: page.depth, LOWER: lower, UPPER: page.path}
        counts.append(f"SELECT {bucket} AS bucket, COUNT(*) FROM ({range_sql}) AS b{bucket}")  # noqa: S608 -- fixed text, values are parameters
        params.extend(values.get(param, param) for param in range_params)
        lower = page.path
    with connections[siblings.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(counts), params)
        counts_by_bucket = dict(cursor.fetchall())
    numbers, running, current_series = {}, 0, None
    for bucket, page in enumerate(ordered):
        if parent_path(page) != current_series:
            current_series, running = parent_path(page), 0
        running += counts_by_bucket.get(bucket, 0)
        numbers[page.pk] = running or None
    return numbers
