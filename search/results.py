"""What each search result shows: series, part number, snippet and address.

A results page shows ten articles. Asking each one for its series, its position and its
text (ArticlePage.series_position and friends) costs several queries per result, so here
the same facts are computed for the whole page at once, in a fixed number of queries.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.safestring import SafeString
from wagtail.models import Page

from articles.models import ArticlePage, ArticleSeriesPage
from search.snippets import highlighted_snippet


@dataclass
class ArticleResult:
    """One article as a search result shows it."""

    page: ArticlePage
    url: str
    series: ArticleSeriesPage | None
    part: int | None
    snippet: SafeString


def _parent_path(page):
    return page.path[: -page.steplen]


def _series_by_path(pages):
    """Live, public series of the given articles, by tree path (one query)."""
    paths = {_parent_path(page) for page in pages}
    series = ArticleSeriesPage.objects.filter(path__in=paths).live().public()
    return {item.path: item for item in series}


def _parts(pages):
    """Each article's 1-based part number among the live, public articles of its series.

    The same definition as ArticlePage.series_position, in one aggregate query for all the
    pages instead of one list of siblings per page. Siblings share a path prefix and a
    depth, so "before or at this page" is the path range (parent path, page path].
    """
    if not pages:
        return {}
    in_these_series = Q()
    for parent, depth in {(_parent_path(page), page.depth) for page in pages}:
        in_these_series |= Q(path__startswith=parent, depth=depth)
    counts = {
        f"part_{page.pk}": Count(
            "pk",
            filter=Q(depth=page.depth, path__gt=_parent_path(page), path__lte=page.path),
        )
        for page in pages
    }
    # Page, not ArticlePage: the same rows without joining the article table.
    totals = (
        Page.objects.live().public().type(ArticlePage).filter(in_these_series).aggregate(**counts)
    )
    return {page.pk: totals[f"part_{page.pk}"] or None for page in pages}


def searchable_texts(pages):
    """Each page's summary and body text (headings, paragraphs, quotes, references...).

    The bodies are converted in one batch, so blocks that point at pages or images cost
    one query per kind for the whole batch, not one per article.
    """
    stream_block = ArticlePage._meta.get_field("body").stream_block
    bodies = stream_block.bulk_to_python([list(page.body.raw_data) for page in pages])
    return {
        page.pk: " ".join([page.summary, *stream_block.get_searchable_content(body)])
        for page, body in zip(pages, bodies, strict=True)
    }


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
        )
        for page in pages
    ]
