"""Read an article from the old site's plain-text export.

Pure functions, no database: ``parse_export(data)`` turns the bytes of one export into a
``ParsedArticle`` (title, subtitle, summary, the raw StreamField data for
``ArticleBodyBlock``, and the titles of the neighbouring articles named by a trailing
"Next"/"Previous" link). The ``import_articles`` command writes it to the page tree.

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
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.text import slugify

from articles.blocks import UNREAD_REFERENCE_AUTHORS, ReferenceBlock

TITLE_MAX_LENGTH = 255  # Page.title
SUBTITLE_MAX_LENGTH = 200  # ArticlePage.subtitle
SUMMARY_MAX_LENGTH = 300  # ArticlePage.summary
HEADING_MAX_LENGTH = 120  # HeadingBlock's Meta.max_length
BUTTON_LABEL_MAX_LENGTH = 60  # CallToActionBlock.button_label
REFERENCE_TITLE_MAX_LENGTH = 500  # ReferenceBlock.title

# An entry that cannot be read is kept whole as its title, with UNREAD_REFERENCE_AUTHORS
# (articles.blocks) as its authors.

_CLOSING_PUNCTUATION = ".!?:;,…"
_TRAILING_CLOSERS = "\"'”’»)]"
# Characters that carry no text: zero-width spaces/joiners and stray byte-order marks.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

_CALL_TO_ACTION = re.compile(r"^call[\s-]+to[\s-]+action\s*:?$", re.IGNORECASE)
_REFERENCES = re.compile(
    r"^(?P<peer>peer[\s-]*reviewed\s+)?(?:references|reference\s+list|bibliography)\s*:?$",
    re.IGNORECASE,
)
_ARROWS = r"[\s←→«»‹›<>]*"
# "Next", "Previous:", "Next article", "← Previous", or inline "Next: Title".
_NAVIGATION = re.compile(
    rf"^{_ARROWS}(?P<kind>next|previous|prev)(?:\s+(?:article|part|post))?"
    rf"(?:\s*:?{_ARROWS}|\s*[:\-–—]\s*(?P<title>.+?){_ARROWS})$",
    re.IGNORECASE,
)
# A bullet ("•", "-", "*", "–") or a number ("1.", "2)", "[3]") at the start of a line.
_BULLET = re.compile(r"^(?:[•·◦▪‣●○■]\s*|[-*+–—]\s+)(?P<text>\S.*)$")
_NUMBER = re.compile(r"^(?:\d{1,3}[.)]|\[\d{1,3}\])\s+(?P<text>\S.*)$")

# APA-like reference: "Authors (Year). Title. Source, volume(issue), pages. DOI or URL"
_REFERENCE = re.compile(
    r"^(?P<authors>.+?)\s*\((?:(?P<year>\d{4})[a-z]?|n\.\s?d\.)\)\s*\.?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DOI = re.compile(
    r"\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>10\.\d{4,9}/\S+?)[.,;]?$",
    re.IGNORECASE,
)
_URL = re.compile(
    r"\s*(?:(?:retrieved|available)\s+(?:from|at):?\s+)?(?P<url>https?://\S+?)[.,;]?$",
    re.IGNORECASE,
)
# A sentence end inside a reference: not after an initial or an abbreviation like "U.S.".
_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.?!])\s+")
_SOURCE_DETAILS = re.compile(
    r"^(?P<source>.+?)"
    r"(?:,\s*(?P<volume>\d+[A-Za-z]?)(?:\s*\((?P<issue>[^)]{1,20})\))?)?"
    r"(?:,\s*(?:pp?\.\s*)?(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?\.?$"
)
# A sentence: up to its closing punctuation and any closing quote, before a space or the end.
_SUMMARY_SENTENCE = re.compile(r"\S.*?[.!?…][\"'”’)]*(?=\s|$)")


class ArticleImportError(ValueError):
    """An export that cannot be imported; the message says why, to follow the file name."""


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


def article_slug(title):
    """The slug Wagtail would give a page with this title; articles are matched by it."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    return slugify(title, allow_unicode=allow_unicode)[:255]


def parse_export(data):
    """Decode the bytes of an export and parse it; ArticleImportError says what is wrong."""
    return parse_article(decode_export(data))


def decode_export(data):
    """UTF-8 text from the bytes of a file, with or without a byte-order mark."""
    if not data.strip():
        raise ArticleImportError("is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleImportError("is UTF-16 text; save it as UTF-8 and import it again")
    if b"\x00" in data:
        raise ArticleImportError("is not a text file (it contains binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleImportError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "save it as UTF-8 and import it again"
        ) from None
    if any(
        unicodedata.category(char) == "Cc" and not char.isspace() for char in text
    ):  # e.g. an escape or bell character: not something an editor typed
        raise ArticleImportError("is not a text file (it contains control characters)")
    return text


def parse_article(text):
    """Parse the text of one export into a ParsedArticle."""
    lines = _clean_lines(text)
    if not lines:
        raise ArticleImportError("is empty")
    title = lines[0]
    _check_title(title)
    rest = lines[1:]
    while rest and rest[0] == title:  # the export sometimes repeats the title
        rest.pop(0)
    article = ParsedArticle(title=title)
    rest = _split_navigation(rest, article)
    # The subtitle is the next line, unless it is all the article has to say.
    if len(rest) > 1 and _can_be_subtitle(rest[0]):
        article.subtitle = rest.pop(0)
    if not rest:
        raise ArticleImportError("has a title but no article text after it")
    article.body = _body_blocks(rest, article.warnings)
    article.summary = _summary(article.body)
    return article


def parse_reference(entry, peer_reviewed=True):
    """ReferenceBlock raw data for one entry of a reference list.

    Returns (value, readable). An entry that cannot be read is kept whole as the title, so
    nothing is lost, and ``readable`` is False so the caller can warn about it.
    """
    text = _strip_bullet(entry)
    value = _read_reference(text, peer_reviewed)
    if value is not None:
        try:
            return _validated_reference(value), True
        except ValidationError:
            pass
    unread = {
        **_empty_reference(peer_reviewed),
        "authors": UNREAD_REFERENCE_AUTHORS,
        "title": _truncate(text, REFERENCE_TITLE_MAX_LENGTH),
    }
    return _validated_reference(unread), False


# --- Lines ---------------------------------------------------------------------------


def _clean_lines(text):
    """Non-empty lines, whitespace (including non-breaking spaces) collapsed to one space.

    str.splitlines() handles LF, CRLF and CR line ends alike.
    """
    lines = []
    for raw_line in text.translate(_INVISIBLE).splitlines():
        line = " ".join(raw_line.split())
        if line:
            lines.append(line)
    return lines


def _check_title(line):
    if len(line) > TITLE_MAX_LENGTH:
        raise ArticleImportError(
            f"has no title: its first line is a paragraph of {len(line)} characters "
            f"(a title has at most {TITLE_MAX_LENGTH})"
        )
    if _is_marker(line) or _NAVIGATION.match(line) or _list_item(line):
        raise ArticleImportError(f'has no title: its first line is "{line}"')
    if not article_slug(line):
        raise ArticleImportError(
            f'has no title: its first line "{line}" has no letters or digits to make a web '
            "address from"
        )


def _can_be_subtitle(line):
    return (
        len(line) <= SUBTITLE_MAX_LENGTH
        and not _is_marker(line)
        and not _NAVIGATION.match(line)
        and not _list_item(line)
    )


def _ends_with_punctuation(line):
    return line.rstrip(_TRAILING_CLOSERS).endswith(tuple(_CLOSING_PUNCTUATION))


def _is_marker(line):
    return bool(_CALL_TO_ACTION.match(line) or _REFERENCES.match(line))


def _list_item(line):
    """("ul" or "ol", text) for a bulleted or numbered line, else None."""
    if match := _BULLET.match(line):
        return "ul", match["text"]
    if match := _NUMBER.match(line):
        return "ol", match["text"]
    return None


def _strip_bullet(line):
    item = _list_item(line)
    return item[1] if item else line


def _is_heading(lines, index):
    """A short line without closing punctuation, followed by a paragraph."""
    line = lines[index]
    if (
        len(line) > HEADING_MAX_LENGTH
        or _ends_with_punctuation(line)
        or _is_marker(line)
        or _list_item(line)
        or index + 1 >= len(lines)
    ):
        return False
    following = lines[index + 1]
    return not _is_marker(following) and bool(
        _ends_with_punctuation(following)
        or len(following) > HEADING_MAX_LENGTH
        or _list_item(following)
    )


# --- The trailing Next/Previous link ---------------------------------------------------


def _split_navigation(lines, article):
    """Remove the trailing "Next"/"Previous" links, noting the titles they name."""
    end = len(lines)
    links = {}
    while end:
        match = _NAVIGATION.match(lines[end - 1])
        if match and match["title"]:  # "Next: Title" on one line
            links.setdefault(_link_kind(match), match["title"])
            end -= 1
            continue
        if match:  # "Next" with no title after it
            article.warnings.append(
                f'a "{lines[end - 1]}" link without an article title after it was ignored'
            )
            end -= 1
            continue
        # "Next" (perhaps repeated) on its own line, then the title on the last line.
        start = end - 1
        while start and _is_bare_navigation(lines[start - 1]):
            start -= 1
        if start == end - 1 or len(lines[end - 1]) > TITLE_MAX_LENGTH:
            break
        links.setdefault(_link_kind(_NAVIGATION.match(lines[end - 2])), lines[end - 1])
        end = start
    for kind, title in links.items():
        if title == article.title:
            article.warnings.append(f'the "{kind}" link names this article itself; ignored')
        elif not article_slug(title):
            article.warnings.append(f'the "{kind}" link does not name an article: "{title}"')
        elif kind == "next":
            article.next_title = title
        else:
            article.previous_title = title
    return lines[:end]


def _is_bare_navigation(line):
    match = _NAVIGATION.match(line)
    return bool(match) and not match["title"]


def _link_kind(match):
    return "next" if match["kind"].lower() == "next" else "previous"


# --- Body blocks -----------------------------------------------------------------------


def _body_blocks(lines, warnings):
    blocks = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _CALL_TO_ACTION.match(line):
            end = index + 1
            while end < len(lines) and not _is_marker(lines[end]) and not _is_heading(lines, end):
                end += 1
            blocks.append(_call_to_action(lines[index + 1 : end], warnings))
        elif match := _REFERENCES.match(line):
            end = index + 1
            while end < len(lines) and not _is_marker(lines[end]):
                end += 1
            references = _references(line, lines[index + 1 : end], bool(match["peer"]), warnings)
            if references:
                blocks.append(references)
        elif _is_heading(lines, index):
            end = index + 1
            blocks.append({"type": "heading", "value": line})
        elif item := _list_item(line):
            kind = item[0]
            end = index
            items = []
            while (
                end < len(lines)
                and (next_item := _list_item(lines[end]))
                and (next_item[0] == kind)
            ):
                items.append(f"<li>{escape(next_item[1])}</li>")
                end += 1
            blocks.append({"type": "paragraph", "value": f"<{kind}>{''.join(items)}</{kind}>"})
        else:
            end = index + 1
            blocks.append({"type": "paragraph", "value": f"<p>{escape(line)}</p>"})
        index = end
    return blocks


def _call_to_action(lines, warnings):
    """Prose, then the button label on the last line; the link is the site's default."""
    text_lines, button_label = list(lines), ""
    if len(lines) >= 2:
        last = lines[-1].rstrip(".")  # a button label takes no full stop
        if len(last) <= BUTTON_LABEL_MAX_LENGTH:
            text_lines, button_label = lines[:-1], last
        else:
            warnings.append(
                "the call to action's last line is too long for a button label "
                f"(at most {BUTTON_LABEL_MAX_LENGTH} characters); the site's default is used"
            )
    return {
        "type": "call_to_action",
        "value": {
            # Empty heading, page and url fall back to the site's default call to action;
            # "Call to Action" in the export is a label for the section, not reader-facing.
            "heading": "",
            "text": "\n".join(text_lines),
            "button_label": button_label,
            "page": None,
            "url": "",
        },
    }


def _references(heading_line, lines, peer_reviewed, warnings):
    heading = heading_line.rstrip(":").strip()
    if not lines:
        warnings.append(f'the "{heading}" section has no entries; it was left out')
        return None
    references = []
    for number, line in enumerate(lines, start=1):
        value, readable = parse_reference(line, peer_reviewed)
        if not readable:
            warnings.append(
                f"reference {number} could not be read and was kept whole as its title "
                f'(check it in the admin): "{_strip_bullet(line)}"'
            )
        references.append(value)
    return {"type": "references", "value": {"heading": heading, "references": references}}


# --- References ------------------------------------------------------------------------


def _empty_reference(peer_reviewed):
    return {
        "kind": "article-journal",
        "authors": "",
        "year": None,
        "title": "",
        "source": "",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "url": "",
        # Only claimed when the export's section heading says "Peer-Reviewed".
        "peer_reviewed": peer_reviewed,
    }


def _read_reference(text, peer_reviewed):
    """Fields of an APA-like entry, or None if it does not look like one."""
    match = _REFERENCE.match(text)
    if not match:
        return None
    value = _empty_reference(peer_reviewed)
    value["authors"] = match["authors"].strip()
    value["year"] = int(match["year"]) if match["year"] else None
    rest = match["rest"].strip()
    if doi := _DOI.search(rest):
        value["doi"] = doi["doi"]
        rest = rest[: doi.start()].strip()
    elif url := _URL.search(rest):
        value["url"] = url["url"]
        rest = rest[: url.start()].strip()
    parts = _SENTENCE_END.split(rest, maxsplit=1)
    title = parts[0].rstrip(".").strip()
    source = parts[1].strip() if len(parts) > 1 else ""
    if not title:
        return None
    value["title"] = title
    if source:
        details = _SOURCE_DETAILS.match(source)
        value["source"] = details["source"].strip()
        value["volume"] = details["volume"] or ""
        value["issue"] = (details["issue"] or "").strip()
        value["pages"] = (details["pages"] or "").replace(" ", "")
    else:
        # The export names no journal or publisher: the works it cites this way are books.
        value["kind"] = "book"
    return value


def _validated_reference(value):
    """Run ReferenceBlock's own validation; return its raw data (DOI normalised)."""
    block = ReferenceBlock()
    return block.get_prep_value(block.clean(block.to_python(value)))


def _truncate(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- Summary ---------------------------------------------------------------------------


def _summary(body):
    """The first paragraph's first one or two sentences, within the summary's 300 characters.

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
    return summary or _truncate(text, SUMMARY_MAX_LENGTH)
