"""Visitor text made plain: no control characters, no bidi overrides, nothing a file refuses.

Used on input (the form stores only cleaned text) and again on export (rows stored before
the cleaning existed, or written some other way, must not break a spreadsheet).

Removed: C0 and C1 control characters (NUL among them, which PostgreSQL refuses), the
bidirectional embedding, override and isolate characters (which can make a name or an
address display differently from what it is), lone surrogates and the noncharacters
U+FFFE/U+FFFF (which no XML file, so no XLSX, may hold). Tabs become spaces; line breaks
(CR LF, CR, U+2028, U+2029) become one newline where lines are kept, a space elsewhere.
"""

import re

LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")
UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # control characters (tab and newline handled apart)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates, noncharacters
)

# Characters that make a spreadsheet treat a cell as a formula ("CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# The most characters an Excel cell holds; longer text is cut there.
SPREADSHEET_CELL_MAX_LENGTH = 32767


def plain_text(value, *, keep_line_breaks=False):
    """``value`` without the characters above; line breaks kept only if asked."""
    text = "" if value is None else str(value)
    text = LINE_BREAKS.sub("\n" if keep_line_breaks else " ", text.replace("\t", " "))
    return UNWANTED.sub("", text)


def spreadsheet_text(value):
    """Stored text as a spreadsheet cell: plain, formula triggers defused, within a cell."""
    text = plain_text(value, keep_line_breaks=True)
    if text.startswith(FORMULA_TRIGGERS):
        text = "'" + text
    return text[:SPREADSHEET_CELL_MAX_LENGTH]
