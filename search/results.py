"""What each search result shows: series, part number, snippet and address.

A results page shows ten articles. Asking each one for its series, its position and its
text (ArticlePage.series_position and friends) costs several queries per result, so here
the same facts are computed for the whole page at once, in a fixed number of queries
(the part numbers by articles.series_chain.part_numbers, as the article page counts them).
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from wagtail.models import Page

from articles.models import ArticlePage, ArticleSeriesPage
from articles.series_chain import parent_path, part_numbers
from search.snippets import highlighted_snippet, highlighted_text
from search.visibility import PublishedPages


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


def _series_by_path(pages, published):
    """Live, public series of the given articles, by tree path (one query)."""
    paths = {parent_path(page) for page in pages}
    series = published.of(ArticleSeriesPage.objects.filter(path__in=paths))
    return {item.path: item for item in series}


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


def describe_articles(pages, terms, request=None, published=None):
    """ArticleResults for ``pages`` (in the same order), in a fixed number of queries.

    ``published`` is the request's PublishedPages, if it has one already.
    """
    pages = list(pages)
    if not pages:
        return []
    published = published or PublishedPages()
    series = _series_by_path(pages, published)
    parts = part_numbers(pages, published=published.of(Page.objects.all()))
    texts = searchable_texts(pages)
    return [
        ArticleResult(
            page=page,
            url=page.get_url(request=request),
            series=series.get(parent_path(page)),
            part=parts.get(page.pk),
            snippet=highlighted_snippet(texts[page.pk], terms),
            title_html=highlighted_text(page.title, terms),
            subtitle_html=highlighted_text(page.subtitle, terms),
        )
        for page in pages
    ]
