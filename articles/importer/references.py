"""One entry of a reference list, read into ReferenceBlock's fields.

The old site wrote APA-like entries: "Authors (Year). Title. Source, volume(issue), pages.
DOI or URL". An entry that cannot be read is kept whole as its title, with
UNREAD_REFERENCE_AUTHORS (articles.reference_blocks) as its authors, so nothing is lost and the
editorial checks flag it.
"""

import re

from django.core.exceptions import ValidationError

from articles.importer.fields import REFERENCE_TITLE_MAX_LENGTH
from articles.importer.lines import strip_bullet, truncate_at_word
from articles.reference_blocks import UNREAD_REFERENCE_AUTHORS, ReferenceBlock

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


def parse_reference(entry, peer_reviewed=True):
    """ReferenceBlock raw data for one entry of a reference list.

    Returns (value, readable). An entry that cannot be read is kept whole as the title, so
    nothing is lost, and ``readable`` is False so the caller can warn about it.
    """
    text = strip_bullet(entry)
    value = _read_reference(text, peer_reviewed)
    if value is not None:
        try:
            return _validated_reference(value), True
        except ValidationError:
            pass
    unread = {
        **_empty_reference(peer_reviewed),
        "authors": UNREAD_REFERENCE_AUTHORS,
        "title": truncate_at_word(text, REFERENCE_TITLE_MAX_LENGTH),
    }
    return _validated_reference(unread), False


def _empty_reference(peer_reviewed):
    """Every field of ReferenceBlock, empty; a journal article until the entry says not."""
    return {
        **dict.fromkeys(ReferenceBlock.base_blocks, ""),
        "kind": "article-journal",
        "year": None,
        "organisation": False,
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
    # The first sentence is the title, the rest the source; [""] for an entry with no source.
    title, source, *_ = [*_SENTENCE_END.split(rest, maxsplit=1), ""]
    title, source = title.rstrip(".").strip(), source.strip()
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
