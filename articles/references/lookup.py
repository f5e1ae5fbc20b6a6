"""Look a cited work up by DOI (Crossref) or PubMed ID (NCBI E-utilities).

The answer is the raw data of a ReferenceBlock (articles.reference_blocks), for the editor
to check before saving. Plain urllib with a short timeout: the editor is waiting, and a
slow or absent service must give a clear message, never a hung page or a 500.
Base URLs and the polite contact address come from settings (CROSSREF_API_URL,
NCBI_EUTILS_URL, CROSSREF_MAILTO), so tests and mirrors can point elsewhere.
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from core import citations

# Crossref work types mapped to our reference kinds (core.citations.REFERENCE_KINDS).
CROSSREF_KINDS = {
    "journal-article": "article-journal",
    "book": "book",
    "edited-book": "book",
    "monograph": "book",
    "reference-book": "book",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "report": "report",
    "posted-content": "article-journal",
}
# The ReferenceBlock's limits, so a long record is cut rather than refused on saving.
MAX_LENGTHS = {"authors": 500, "title": 500, "source": 300, "volume": 20, "issue": 20, "pages": 40}


class ReferenceLookupError(Exception):
    """The work could not be looked up; ``message`` is for the editor, ``status`` for HTTP."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


def lookup_doi(doi):
    """(ReferenceBlock fields, update notices) for a DOI, from Crossref's works endpoint."""
    doi = citations.normalise_doi(doi)
    if not citations.is_valid_doi(doi):
        raise ReferenceLookupError(
            'That is not a DOI. A DOI starts with "10.", for example "10.1037/a0012345".', 400
        )
    work = fetch_work(doi)
    try:
        return _from_crossref(work), update_notices(work)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise _malformed("Crossref") from error


def fetch_work(doi):
    """Crossref's record ("message") of a normalised DOI; ReferenceLookupError if none."""
    url = f"{settings.CROSSREF_API_URL}/works/{urllib.parse.quote(doi, safe='/')}"
    if settings.CROSSREF_MAILTO:
        url += "?" + urllib.parse.urlencode({"mailto": settings.CROSSREF_MAILTO})
    data = _fetch_json(url, "Crossref", f"Crossref has no work with the DOI {doi}. Check it.")
    if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
        raise _malformed("Crossref")
    return data["message"]


def lookup_pmid(pmid):
    """(ReferenceBlock fields, []) for a PubMed ID, from NCBI's esummary."""
    pmid = citations.normalise_pmid(pmid)
    if not citations.is_valid_pmid(pmid):
        raise ReferenceLookupError(
            'That is not a PubMed ID. Enter its number, e.g. "12345678".', 400
        )
    query = {"db": "pubmed", "id": pmid, "retmode": "json", "tool": "artcms"}
    if settings.CROSSREF_MAILTO:
        query["email"] = settings.CROSSREF_MAILTO
    url = f"{settings.NCBI_EUTILS_URL}/esummary.fcgi?{urllib.parse.urlencode(query)}"
    not_found = f"PubMed has no record with the PMID {pmid}. Check the number."
    data = _fetch_json(url, "PubMed", not_found)
    if not isinstance(data, dict) or not isinstance(data.get("result"), dict):
        raise _malformed("PubMed")
    record = data["result"].get(pmid)
    if not isinstance(record, dict) or "error" in record:
        raise ReferenceLookupError(not_found, 404)
    try:
        return _from_esummary(record, pmid), []
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise _malformed("PubMed") from error


def _fetch_json(url, service, not_found):
    request = urllib.request.Request(  # noqa: S310 - the base URL is a setting (http/https)
        url,
        headers={
            "Accept": "application/json",
            "User-Agent": f"ARTcms reference lookup (mailto:{settings.CROSSREF_MAILTO})",
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.REFERENCE_LOOKUP_TIMEOUT
        ) as response:
            body = response.read(2_000_000)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise ReferenceLookupError(not_found, 404) from error
        raise ReferenceLookupError(
            f"{service} answered with an error ({error.code}). Try again later, or fill in "
            "the fields by hand.",
            502,
        ) from error
    except (OSError, ValueError) as error:  # URLError, refused, timeout, bad URL setting
        raise ReferenceLookupError(
            f"Could not reach {service}. Check the connection and try again, or fill in the "
            "fields by hand.",
            502,
        ) from error
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise _malformed(service) from error


def _malformed(service):
    return ReferenceLookupError(
        f"{service} sent a record that could not be read. Fill in the fields by hand.", 502
    )


# Crossref's update types (its "updated-by" relation, which carries Retraction Watch's
# data) that an editor must hear about before citing a work, in the words we show them.
UPDATE_NOTICES = {
    "retraction": "has been retracted",
    "withdrawal": "has been withdrawn",
    "removal": "has been removed",
    "expression_of_concern": "has an expression of concern",
    "correction": "has a correction",
    "erratum": "has an erratum",
}


def update_notices(work):
    """Editor-facing sentences for each retraction, correction or concern about a work."""
    notices = []
    for update in work.get("updated-by") or []:
        kind = (update.get("type") or "").lower().replace("-", "_")
        if kind not in UPDATE_NOTICES:
            continue
        sentence = f"This work {UPDATE_NOTICES[kind]}"
        if update.get("DOI"):
            sentence += f" (notice: https://doi.org/{update['DOI']})"
        notices.append(sentence + ". Check it before citing it.")
    return notices


def _from_crossref(work):
    kind = CROSSREF_KINDS.get(work.get("type"), "article-journal")
    people = work.get("author") or []
    editors = not people and work.get("editor")
    authors, organisation = _crossref_names(editors or people)
    if editors and authors:
        authors += " (Eds.)" if len(editors) > 1 else " (Ed.)"
    title = _first(work.get("title"))
    subtitle = _first(work.get("subtitle"))
    if subtitle:
        title = f"{title}: {subtitle}"
    if kind in ("book", "report"):
        source = work.get("publisher") or ""
    else:
        source = _first(work.get("container-title"))
    return _limited(
        {
            "kind": kind,
            "authors": authors,
            "organisation": organisation,
            "year": _crossref_year(work),
            "title": title,
            "source": source,
            "volume": str(work.get("volume") or ""),
            "issue": str(work.get("issue") or ""),
            "pages": str(work.get("page") or work.get("article-number") or ""),
            "doi": citations.normalise_doi(work["DOI"]),
            "pmid": "",
        }
    )


def _crossref_names(names):
    """An APA author list from Crossref's names, and whether it is one organisation."""
    if len(names) == 1 and "family" not in names[0] and names[0].get("name"):
        return names[0]["name"].strip(), True
    people = []
    for name in names:
        family = (name.get("family") or name.get("name") or "").strip()
        given = _initials(name.get("given") or "")
        people.append(f"{family}, {given}" if given else family)
    return _joined_apa(people), False


def _initials(given):
    """ "Alice Beth" -> "A. B."; "A.-B." and "A. B." stay as they are."""
    parts = [part for part in re.split(r"[\s.]+", given) if part]
    return " ".join(
        "-".join(f"{piece[0]}." for piece in part.split("-") if piece) for part in parts
    )


def _joined_apa(people):
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + ", & " + people[-1]


def _crossref_year(work):
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[None]]
        if parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def _from_esummary(record, pmid):
    authors = [a["name"] for a in record.get("authors", []) if a.get("authtype") == "Author"]
    ids = {item["idtype"]: item["value"] for item in record.get("articleids", [])}
    year = re.match(r"\d{4}", record.get("pubdate") or record.get("sortpubdate") or "")
    return _limited(
        {
            "kind": "article-journal",
            "authors": ", ".join(authors),
            "organisation": False,
            "year": int(year.group(0)) if year else None,
            "title": (record.get("title") or "").strip().rstrip("."),
            "source": record.get("fulljournalname") or record.get("source") or "",
            "volume": record.get("volume") or "",
            "issue": record.get("issue") or "",
            "pages": record.get("pages") or "",
            "doi": citations.normalise_doi(ids.get("doi", "")),
            "pmid": pmid,
        }
    )


def _first(values):
    if isinstance(values, str):
        return values.strip()
    return (values[0] if values else "").strip()


def _limited(value):
    """Cut over-long fields to the block's limits; a long author list ends in "et al."."""
    authors = value["authors"]
    if len(authors) > MAX_LENGTHS["authors"]:
        kept = authors[: MAX_LENGTHS["authors"] - 10].rsplit(",", 2)[0]
        value["authors"] = kept.replace(", & ", ", ") + ", et al."
    for name, limit in MAX_LENGTHS.items():
        if name != "authors" and len(value[name]) > limit:
            value[name] = value[name][: limit - 1].rstrip() + "…"
    return value
