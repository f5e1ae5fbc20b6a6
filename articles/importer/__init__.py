"""Import articles from the old site's plain-text exports.

``parse_export(data)`` turns the bytes of one export into a ParsedArticle (title,
subtitle, summary, the raw StreamField data for ArticleBodyBlock, and the titles of the
neighbouring articles named by a trailing "Next"/"Previous" link), without the database;
``SeriesImport`` writes parsed exports to a series in the page tree.

The export format, as the old site produced it::

    Title
    Subtitle                     (the next line that differs from the title)
    Section heading              (a short line, no closing punctuation, before a paragraph)
    Paragraph...
    Call to Action               (prose, then the button label on the last line)
    Peer-Reviewed References     (one entry a line, any bullet: "•", "-", "*", "1.")
    Next                         (the export repeats it sometimes)
    Title of the next article

Text is always escaped, never trusted as HTML. Whitespace, including non-breaking spaces,
is collapsed to single spaces; curly quotes and dashes are kept as written.

One module per step: lines (decoding, what kind of line each is), navigation (the
"Next"/"Previous" links), body (the blocks), references (one reference entry), parser
(the whole export), page_tree (writing to the series); fields holds the limits they share.
docx reads a Word document into the same lines; upload picks the reader by file name; the
admin's "Import article" screen is admin_views, with pending (the upload kept between dry
run and confirm) and preview (what the dry run shows).
"""

from articles.importer.errors import ArticleImportError
from articles.importer.fields import (
    BUTTON_LABEL_MAX_LENGTH,
    HEADING_MAX_LENGTH,
    REFERENCE_TITLE_MAX_LENGTH,
    SUBTITLE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    article_slug,
)
from articles.importer.lines import decode_export
from articles.importer.page_tree import FileReport, SeriesImport, SeriesLookupError, find_series
from articles.importer.parser import ParsedArticle, parse_article, parse_export
from articles.importer.references import parse_reference
from articles.reference_blocks import UNREAD_REFERENCE_AUTHORS

__all__ = [
    "BUTTON_LABEL_MAX_LENGTH",
    "HEADING_MAX_LENGTH",
    "REFERENCE_TITLE_MAX_LENGTH",
    "SUBTITLE_MAX_LENGTH",
    "SUMMARY_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "UNREAD_REFERENCE_AUTHORS",
    "ArticleImportError",
    "FileReport",
    "ParsedArticle",
    "SeriesImport",
    "SeriesLookupError",
    "article_slug",
    "decode_export",
    "find_series",
    "parse_article",
    "parse_export",
    "parse_reference",
]
