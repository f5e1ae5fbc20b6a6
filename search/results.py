"""What each search result shows: series, part number, snippet and address.

A results page shows ten articles. Asking each one for its series, its position and its
text (ArticlePage.series_position and friends) costs several queries per result, so here
the same facts are computed for the whole page at once, in a fixed number of queries
(the part numbers by articles.series_chain.part_numbers, as the article page counts them).
"""

import hashlib
import json
import threading
from collections import OrderedDict
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
    one query per kind for the whole batch, not one per article. Converting a body is
    about half a millisecond, so each text is kept (``TextMemo``) under a digest of the
    summary and the raw body it came from: a body that changes in any way is a new key,
    and the text never goes stale.
    """
    keys = {page.pk: _text_key(page) for page in pages}
    texts = TEXTS.get_many(keys.values())
    missing = [page for page in pages if keys[page.pk] not in texts]
    if missing:
        stream_block = ArticlePage._meta.get_field("body").stream_block
        bodies = stream_block.bulk_to_python([list(page.body.raw_data) for page in missing])
        for page, body in zip(missing, bodies, strict=True):
            text = " ".join(
                _as_sentence(piece)
                for piece in [page.summary, *stream_block.get_searchable_content(body)]
                if piece and piece.strip()
            )
            texts[keys[page.pk]] = text
            TEXTS.put(keys[page.pk], text)
    return {page.pk: texts[keys[page.pk]] for page in pages}


def _text_key(page):
    raw = json.dumps([page.summary, list(page.body.raw_data)], default=str)
    return hashlib.blake2b(raw.encode(), digest_size=16).digest()


class TextMemo:
    """The most recently used searchable texts of this process, by source digest."""

    def __init__(self, size):
        self.size = size
        self._texts = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys):
        with self._lock:
            found = {key: self._texts[key] for key in keys if key in self._texts}
            for key in found:
                self._texts.move_to_end(key)
        return found

    def put(self, key, text):
        with self._lock:
            self._texts[key] = text
            while len(self._texts) > self.size:
                self._texts.popitem(last=False)


# About 7 KB each for the demo articles: at most some 15 MB per process.
TEXTS = TextMemo(size=2000)


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
