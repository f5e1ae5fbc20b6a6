"""From the bytes of an export to its lines, and what kind of line each one is.

A line is a section marker ("Call to Action", "Peer-Reviewed References"), a list item
(any bullet or number), a section heading (short, no closing punctuation, before a
paragraph) or a paragraph. Text is never trusted as HTML; the callers escape it.
"""

import re
import unicodedata

from articles.importer.errors import ArticleImportError
from articles.importer.fields import HEADING_MAX_LENGTH

_CLOSING_PUNCTUATION = ".!?:;,…"
_TRAILING_CLOSERS = "\"'”’»)]"
# Characters that carry no text: zero-width spaces/joiners and stray byte-order marks.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

CALL_TO_ACTION = re.compile(r"^call[\s-]+to[\s-]+action\s*:?$", re.IGNORECASE)
REFERENCES = re.compile(
    r"^(?P<peer>peer[\s-]*reviewed\s+)?(?:references|reference\s+list|bibliography)\s*:?$",
    re.IGNORECASE,
)
# A bullet ("•", "-", "*", "–") or a number ("1.", "2)", "[3]") at the start of a line.
_BULLET = re.compile(r"^(?:[•·◦▪‣●○■]\s*|[-*+–—]\s+)(?P<text>\S.*)$")
_NUMBER = re.compile(r"^(?:\d{1,3}[.)]|\[\d{1,3}\])\s+(?P<text>\S.*)$")


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


class HeadingLine(str):
    """A line its source marks as a section heading (a Word heading style).

    A text export marks none, so there a heading is recognised by its shape (is_heading).
    """


def clean_line(text):
    """One line's text, whitespace (including non-breaking spaces) collapsed to one space."""
    return " ".join(text.translate(_INVISIBLE).split())


def clean_lines(text):
    """Non-empty lines, each cleaned by clean_line.

    str.splitlines() handles LF, CRLF and CR line ends alike.
    """
    return [line for line in map(clean_line, text.splitlines()) if line]


def truncate_at_word(text, limit):
    """The text, or as many whole words of it as fit in ``limit`` with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def is_marker(line):
    """A line that starts a call to action or a reference list."""
    return bool(CALL_TO_ACTION.match(line) or REFERENCES.match(line))


def list_item(line):
    """("ul" or "ol", text) for a bulleted or numbered line, else None."""
    if match := _BULLET.match(line):
        return "ul", match["text"]
    if match := _NUMBER.match(line):
        return "ol", match["text"]
    return None


def strip_bullet(line):
    """The line without its bullet or number, if it has one."""
    item = list_item(line)
    return item[1] if item else line


def is_heading(lines, index):
    """A line marked as a heading, or a short line without closing punctuation followed by
    a paragraph; never longer than a heading block takes."""
    line = lines[index]
    if isinstance(line, HeadingLine):
        return len(line) <= HEADING_MAX_LENGTH and not is_marker(line)
    if (
        len(line) > HEADING_MAX_LENGTH
        or _ends_with_punctuation(line)
        or is_marker(line)
        or list_item(line)
        or index + 1 >= len(lines)
    ):
        return False
    following = lines[index + 1]
    return not is_marker(following) and bool(
        _ends_with_punctuation(following)
        or len(following) > HEADING_MAX_LENGTH
        or list_item(following)
    )


def _ends_with_punctuation(line):
    return line.rstrip(_TRAILING_CLOSERS).endswith(tuple(_CLOSING_PUNCTUATION))
