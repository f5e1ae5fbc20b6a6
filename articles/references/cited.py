"""Which works an article cites, by DOI: the one place that reads references out of a body.

A References block holds inline references and references chosen from the shared library;
``articles.references.library`` reads both, so a library reference's DOI counts here too.
"""

from dataclasses import dataclass

from articles.references.library import iter_references_with_blocks
from core import citations


@dataclass(frozen=True)
class CitedReference:
    """One reference of a body: its number in reading order, its value and its block."""

    number: int
    value: dict
    block: object
    doi: str  # normalised, lower case; "" when the reference has none

    @property
    def short_label(self):
        """ "Demo, A., 2020": the first author and the year, as an editor recognises it."""
        authors = (self.value.get("authors") or "").strip()
        first = authors.split(" & ")[0].split(", ")
        name = ", ".join(first[:2]) if len(first) > 1 else (first[0] or "no authors")
        year = self.value.get("year")
        return f"{name}, {year}" if year else name


def doi_key(doi):
    """The key a DOI is stored under: normalised and lower case (DOIs ignore case)."""
    return citations.normalise_doi(doi).lower()


def _body(article_or_body):
    return getattr(article_or_body, "body", article_or_body)


def cited_references(article_or_body):
    """Every reference of an article (or a body StreamValue), numbered from 1."""
    references = []
    for block, value in iter_references_with_blocks(_body(article_or_body) or []):
        references.append(
            CitedReference(len(references) + 1, value, block, doi_key(value.get("doi") or ""))
        )
    return references


def cited_dois(article_or_body):
    """The set of DOIs an article (or a body) cites."""
    return {reference.doi for reference in cited_references(article_or_body) if reference.doi}
