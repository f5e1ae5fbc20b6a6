"""One export, start to end: its title, subtitle, body, summary and neighbours.

Pure functions, no database: ``parse_export(data)`` turns the bytes of one export into a
ParsedArticle (``parse_lines`` does the same for lines read from a Word document, see
docx.py); the page_tree module writes it to the page tree.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from articles.importer.body import body_blocks
from articles.importer.errors import ArticleImportError
from articles.importer.fields import (
    SUBTITLE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    article_slug,
)
from articles.importer.lines import (
    HeadingLine,
    clean_lines,
    decode_export,
    is_marker,
    list_item,
    truncate_at_word,
)
from articles.importer.navigation import is_navigation_link, split_navigation

# A sentence: up to its closing punctuation and any closing quote, before a space or the end.
_SUMMARY_SENTENCE = re.compile(r"\S.*?[.!?…][\"'”’)]*(?=\s|$)")


@dataclass
class ParsedArticle:
    """One article read from an export, ready to be written to an ArticlePage."""

    title: str
    subtitle: str = ""
    summary: str = ""
    body: list = field(default_factory=list)  # raw StreamField data for ArticleBodyBlock
    next_title: str = ""
    previous_title: str = ""
    warnings: list = field(default_factory=list)

    @property
    def slug(self):
        return article_slug(self.title)


def parse_export(data):
    """Decode the bytes of an export and parse it; ArticleImportError says what is wrong."""
    return parse_article(decode_export(data))


def parse_article(text):
    """Parse the text of one export into a ParsedArticle."""
    return parse_lines(clean_lines(text))


def parse_lines(lines):
    """Parse an article's non-empty, cleaned lines (from a text export or a Word document)."""
    lines = list(lines)
    if not lines:
        raise ArticleImportError("is empty")
    title = str(lines[0])
    _check_title(title)
    rest = lines[1:]
    while rest and rest[0] == title:  # the export sometimes repeats the title
        rest.pop(0)
    article = ParsedArticle(title=title)
    rest = split_navigation(rest, article)
    # The subtitle is the next line, unless it is all the article has to say.
    if len(rest) > 1 and _can_be_subtitle(rest[0]):
        article.subtitle = str(rest.pop(0))
    if not rest:
        raise ArticleImportError("has a title but no article text after it")
    article.body = body_blocks(rest, article.warnings)
    article.summary = _summary(article.body)
    return article


def _check_title(line):
    if len(line) > TITLE_MAX_LENGTH:
        raise ArticleImportError(
            f"has no title: its first line is a paragraph of {len(line)} characters "
            f"(a title has at most {TITLE_MAX_LENGTH})"
        )
    if _is_structure(line):
        raise ArticleImportError(f'has no title: its first line is "{line}"')
    if not article_slug(line):
        raise ArticleImportError(
            f'has no title: its first line "{line}" has no letters or digits to make a web '
            "address from"
        )


def _can_be_subtitle(line):
    # A line the source marks as a section heading starts the body instead.
    return (
        len(line) <= SUBTITLE_MAX_LENGTH
        and not _is_structure(line)
        and not isinstance(line, HeadingLine)
    )


def _is_structure(line):
    """A section marker, a navigation link or a list item: never a title or subtitle."""
    return is_marker(line) or is_navigation_link(line) or bool(list_item(line))


def _summary(body):
    """The first paragraph's first one or two sentences, within the summary's limit.

    Only the article's own words: nothing is written that the export does not say.
    """
    first = next(
        (
            block["value"]
            for block in body
            if block["type"] == "paragraph" and block["value"].startswith("<p>")
        ),
        None,
    )
    if first is None:
        return ""
    text = unescape(first.removeprefix("<p>").removesuffix("</p>"))
    sentences = _SUMMARY_SENTENCE.findall(text)
    summary = ""
    for sentence in sentences[:2]:
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > SUMMARY_MAX_LENGTH:
            break
        summary = candidate
    return summary or truncate_at_word(text, SUMMARY_MAX_LENGTH)
