"""Search result snippets: the text around the first match, with the matched words marked.

Wagtail's search backends return pages, not highlights, so we build the snippet ourselves
from the page's searchable text. Safety comes from the order of operations: the text is
split into matched and unmatched pieces, every piece is escaped, and only then are the
<mark> tags added. Nothing the visitor typed or an editor wrote is ever output unescaped.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.query import light_stem, word_variants

SNIPPET_LENGTH = 220
# How much of the snippet comes before the first match.
LEAD_IN = 70
ELLIPSIS = "…"

# Shorter words are marked only as whole words, so "a" does not mark every word starting with a.
MIN_PREFIX_TERM = 3


def term_pattern(terms):
    """A case-insensitive regex matching any of the terms at the start of a word, or None.

    A results page marks the same terms in 30 places (title, subtitle and snippet of ten
    results), so the pattern is built once per set of terms.
    """
    return _term_pattern(tuple(terms))


@lru_cache(maxsize=128)
def _term_pattern(terms):
    alternatives = set()
    for term in terms:
        term = term.lower()
        if len(term) < MIN_PREFIX_TERM:
            alternatives.add(rf"{re.escape(term)}\b")
        else:
            stem = light_stem(term)
            alternatives.add(rf"{re.escape(stem)}\w*")
            # Forms that do not start with the stem ("therapies" for "therapy").
            alternatives.update(
                rf"{re.escape(variant)}\b"
                for variant in word_variants(term)
                if not variant.startswith(stem)
            )
    if not alternatives:
        return None
    # Longest first, so the longest alternative wins where two start at the same place.
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(ordered) + ")", re.IGNORECASE)


def _window(text, match, length):
    """Start and end of a snippet of about ``length`` characters around ``match``."""
    if match is None:
        start = 0
    else:
        start = max(0, match.start() - LEAD_IN)
        if start > 0:
            # Begin at a word boundary, never after the match.
            space = text.find(" ", start, match.start())
            start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if match is not None:
        end = max(end, match.end())
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > (match.end() if match else start):
            end = space
    return start, end


def highlighted_snippet(text, terms, length=SNIPPET_LENGTH):
    """Escaped HTML: an excerpt of ``text`` around the first match, matches in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308 -- an empty string
    pattern = term_pattern(terms)
    match = pattern.search(text) if pattern else None
    start, end = _window(text, match, length)
    excerpt = text[start:end]
    if end < len(text):
        excerpt = excerpt.rstrip(" .,;:")  # "…" replaces the sentence's own punctuation.

    html = _marked(excerpt, pattern)
    if start > 0:
        html = ELLIPSIS + html
    if end < len(text):
        html = html + ELLIPSIS
    # Every piece of text went through escape() in _marked; only <mark> tags are markup.
    return mark_safe(html)  # noqa: S308


def _marked(text, pattern):
    """``text`` escaped, with each match of ``pattern`` (if any) in <mark>."""
    pieces = []
    position = 0
    if pattern:
        for found in pattern.finditer(text):
            pieces.append(escape(text[position : found.start()]))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def highlighted_text(text, terms):
    """Escaped HTML: the whole of a short ``text`` (a title), matched words in <mark>."""
    # Escaped by _marked before the <mark> tags are added, as in highlighted_snippet.
    return mark_safe(_marked(text or "", term_pattern(terms)))  # noqa: S308
