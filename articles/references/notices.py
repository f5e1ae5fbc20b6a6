"""The retraction, correction and concern notices in a Crossref work record.

Crossref's ``/works/{doi}`` message lists the notices about a work under ``updated-by``
(each {"DOI", "type", "label", "source", "updated": {"date-parts"}}; ``source`` is
"retraction-watch" for Retraction Watch's data, "publisher" for the publisher's own
Crossmark deposit, so one retraction often appears twice). A notice's own record points
back with ``update-to``; that is about another work, so it is not read here. Some
publishers instead deposit a ``relation`` ("is-retracted-by", "has-correction" …), read
as well. Anything malformed is skipped rather than trusted: the parser never raises on a
record shaped like a dict.
"""

import datetime

from articles.references.models import SEVERITY, CitedWorkStatus
from core import citations

# Crossref update types (underscored; Retraction Watch sometimes hyphenates) we act on.
UPDATE_KINDS = {
    "retraction": CitedWorkStatus.RETRACTED,
    "partial_retraction": CitedWorkStatus.RETRACTED,
    "withdrawal": CitedWorkStatus.RETRACTED,
    "removal": CitedWorkStatus.RETRACTED,
    "expression_of_concern": CitedWorkStatus.CONCERN,
    "correction": CitedWorkStatus.CORRECTED,
    "corrigendum": CitedWorkStatus.CORRECTED,
    "erratum": CitedWorkStatus.CORRECTED,
}
# Relation types on the cited work that mean the same.
RELATION_KINDS = {
    "is-retracted-by": "retraction",
    "has-retraction": "retraction",
    "is-corrected-by": "correction",
    "has-correction": "correction",
    "has-expression-of-concern": "expression_of_concern",
}
SOURCE_LABELS = {"retraction-watch": "Retraction Watch", "publisher": "the publisher"}
KIND_LABELS = {
    "retraction": "Retraction",
    "partial_retraction": "Partial retraction",
    "withdrawal": "Withdrawal",
    "removal": "Removal",
    "expression_of_concern": "Expression of concern",
    "correction": "Correction",
    "corrigendum": "Corrigendum",
    "erratum": "Erratum",
}


class MalformedRecord(ValueError):
    """The record is not a Crossref work message."""


def notices_in_work(work):
    """The notices about a work, one per (kind, notice DOI), the most serious first.

    Each is {"kind", "status", "doi", "date" (ISO or ""), "label", "source"}; a notice
    reported by both the publisher and Retraction Watch is kept once, naming both.
    """
    if not isinstance(work, dict) or not isinstance(work.get("DOI"), str):
        raise MalformedRecord("The record has no DOI.")
    found = {}
    for update in _list(work.get("updated-by")):
        notice = _notice(
            update.get("type"),
            update.get("DOI"),
            _date(update.get("updated")),
            update.get("label"),
            update.get("source"),
        )
        if notice:
            _merge(found, notice)
    relations = work.get("relation") if isinstance(work.get("relation"), dict) else {}
    for relation_type, kind in RELATION_KINDS.items():
        for related in _list(relations.get(relation_type)):
            if related.get("id-type", "doi") == "doi":
                notice = _notice(kind, related.get("id"), "", None, "publisher")
                if notice:
                    _merge(found, notice)
    order = {status: index for index, status in enumerate(SEVERITY)}
    return sorted(found.values(), key=lambda notice: (order[notice["status"]], notice["date"]))


def status_of(notices):
    """The CitedWorkStatus of a work from its notices: the most serious, or OK."""
    statuses = {notice["status"] for notice in notices}
    return next((status for status in SEVERITY if status in statuses), CitedWorkStatus.OK)


def _notice(kind, doi, date, label, source):
    kind = kind.strip().lower().replace("-", "_") if isinstance(kind, str) else ""
    if kind not in UPDATE_KINDS:
        return None
    doi = citations.normalise_doi(doi) if isinstance(doi, str) else ""
    source = source if isinstance(source, str) else ""
    label = label.strip()[:100] if isinstance(label, str) else ""
    return {
        "kind": kind,
        "status": str(UPDATE_KINDS[kind]),
        "doi": doi if citations.is_valid_doi(doi) else "",
        "date": date,
        "label": label or KIND_LABELS[kind],
        "source": SOURCE_LABELS.get(source, source[:50]),
    }


def _merge(found, notice):
    key = (notice["kind"], notice["doi"].lower())
    if key not in found:
        found[key] = notice
        return
    kept = found[key]
    sources = [part for part in kept["source"].split(" and ") if part]
    if notice["source"] and notice["source"] not in sources:
        kept["source"] = " and ".join([*sources, notice["source"]])
    kept["date"] = min(filter(None, [kept["date"], notice["date"]]), default="")


def _date(value):
    """ISO date from Crossref's {"date-parts": [[2022, 1, 10]]}, or "" if unreadable."""
    try:
        parts = [int(part) for part in value["date-parts"][0]]
        return datetime.date(parts[0], *(parts[1:3] + [1, 1])[:2]).isoformat()
    except (KeyError, TypeError, ValueError, IndexError):
        return ""


def _list(value):
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
