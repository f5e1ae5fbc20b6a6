"""Ids for the headings of an article, so every table-of-contents link finds its own."""

from django.utils.text import slugify


def heading_anchor(text):
    """The id a section heading's text gives (letters of any script kept), before any
    "-2" that unique_anchors adds to tell repeated headings apart."""
    return slugify(text or "", allow_unicode=True) or "section"


# Ids the article page's own layout uses; a heading never takes one of them.
RESERVED_ANCHORS = frozenset(
    {
        "main",
        "site-search-q",
        "site-search-q-suggestions",
        "article-title",
        "toc-heading",
        "in-series-heading",
        "footer-series-heading",
    }
)


def unique_anchors(texts):
    """One id per heading text, in order: two headings with the same text (or a heading
    named like a part of the layout) get "-2", "-3"... so every link finds its own."""
    used = set(RESERVED_ANCHORS)
    anchors = []
    for text in texts:
        base = heading_anchor(text)
        anchor, number = base, 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        anchors.append(anchor)
    return anchors


def anchor_from_context(value_text, parent_context):
    """The page's unique anchor for this block when the article template passes one."""
    anchor = parent_context.get("anchor") if parent_context is not None else None
    return anchor or heading_anchor(value_text)
