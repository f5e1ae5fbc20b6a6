"""What each search result shows: series, part number, snippet and address.

A results page shows ten articles. Asking each one for its series, its position and its
text (ArticlePage.series_position and friends) costs several queries per result, so here
the same facts are computed for the whole page at once, in a fixed number of queries.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Q
from django.utils.safestring import SafeString
from wagtail.models import Page

from articles.models import ArticlePage, ArticleSeriesPage
from search.snippets import highlighted_snippet, highlighted_text


@dataclass
class ArticleResult:
    """One article as a search result shows it."""

    page: ArticlePage
    url: str
    series: ArticleSeriesPage | None
    part: int | None
    snippet: SafeString
    title_html: SafeString
    subtitle_html: SafeString


def _parent_path(page):
    return page.path[: -page.steplen]


def _series_by_path(pages):
    """Live, public series of the given articles, by tree path (one query)."""
    paths = {_parent_path(page) for page in pages}
    series = ArticleSeriesPage.objects.filter(path__in=paths).live().public()
    return {item.path: item for item in series}


def _parts(pages):
    """Each article's 1-based part number among the live, public articles of its series.

    For live, public articles (search results are nothing else), the same number as
    ArticlePage.series_position, in one query for all the pages
    instead of one list of siblings per page. Siblings share a path prefix and a depth, so
    the articles of a series up to a page are those in the path range (parent path, page
    path]. With the pages in path order, each sibling is counted once, in the bucket of
    the first page at or after it; a page's part number is the sum of its series' buckets
    up to its own. Siblings after the last page are never read. The live, public articles
    are Wagtail's own queryset, compiled once; the buckets are SQL around it, which costs
    far less to build and to run than one filtered count per page.
    """
    if not pages:
        return {}
    ordered = sorted(pages, key=lambda page: (_parent_path(page), page.path))
    in_these_series = Q()
    for parent, depth in {(_parent_path(page), page.depth) for page in ordered}:
        in_these_series |= Q(path__startswith=parent, depth=depth)
    siblings = (
        Page.objects.live()
        .public()
        .type(ArticlePage)
        .filter(in_these_series, path__lte=max(page.path for page in ordered))
        .order_by()
        .values("path", "depth")
    )
    siblings_sql, siblings_params = siblings.query.sql_with_params()
    cases, params = [], []
    for bucket, page in enumerate(ordered):
        cases.append(f"WHEN s.depth = %s AND s.path > %s AND s.path <= %s THEN {bucket}")
        params.extend([page.depth, _parent_path(page), page.path])
    sql = (
        f"SELECT CASE {' '.join(cases)} END AS bucket, COUNT(*) "  # noqa: S608 -- fixed text, values are parameters
        f"FROM ({siblings_sql}) AS s GROUP BY 1"
    )
    with connections[siblings.db].cursor() as cursor:
        cursor.execute(sql, [*params, *siblings_params])
        buckets = dict(cursor.fetchall())
    parts, running, series = {}, 0, None
    for bucket, page in enumerate(ordered):
        if _parent_path(page) != series:
            series, running = _parent_path(page), 0
        running += buckets.get(bucket, 0)
        parts[page.pk] = running or None
    return parts


def searchable_texts(pages):
    """Each page's summary and body text (headings, paragraphs, quotes, references...).

    The bodies are converted in one batch, so blocks that point at pages or images cost
    one query per kind for the whole batch, not one per article.
    """
    stream_block = ArticlePage._meta.get_field("body").stream_block
    bodies = stream_block.bulk_to_python([list(page.body.raw_data) for page in pages])
    return {
        page.pk: " ".join(
            _as_sentence(piece)
            for piece in [page.summary, *stream_block.get_searchable_content(body)]
            if piece and piece.strip()
        )
        for page, body in zip(pages, bodies, strict=True)
    }


SENTENCE_ENDS = ".!?:;…\"'”’)]"


def _as_sentence(piece):
    """A heading or a button label ends with a full stop in a snippet, so it does not run
    into the paragraph after it ("Signs of burnout. Many clinicians ...")."""
    piece = piece.strip()
    return piece if piece.endswith(tuple(SENTENCE_ENDS)) else piece + "."


def describe_articles(pages, terms, request=None):
    """ArticleResults for ``pages`` (in the same order), in a fixed number of queries."""
    pages = list(pages)
    if not pages:
        return []
    series = _series_by_path(pages)
    parts = _parts(pages)
    texts = searchable_texts(pages)
    return [
        ArticleResult(
            page=page,
            url=page.get_url(request=request),
            series=series.get(_parent_path(page)),
            part=parts.get(page.pk),
            snippet=highlighted_snippet(texts[page.pk], terms),
            title_html=highlighted_text(page.title, terms),
            subtitle_html=highlighted_text(page.subtitle, terms),
        )
        for page in pages
    ]
