"""The rules every reference obeys, inline in a body or in the shared library.

``ReferenceBlock.clean`` and ``Reference.clean`` both call ``check_reference``, so a rule
changes in one place: the authors must be readable (``core.citations.read_authors``), the
year plausible, the DOI and the PubMed ID valid (stored normalised).
"""

import datetime

from core import citations

EARLIEST_YEAR = 1800

DOI_ERROR = (
    'Enter a DOI such as "10.1037/a0012345", "doi:10.1037/a0012345" or '
    '"https://doi.org/10.1037/a0012345".'
)
PMID_ERROR = 'Enter the PubMed ID as its number, for example "12345678".'


def latest_year():
    """Next year: a paper can be dated next year once it is accepted."""
    return datetime.date.today().year + 1


def check_reference(value):
    """(normalised, errors) for a reference's fields.

    ``value`` is a mapping of the reference's fields; ``normalised`` holds the DOI and PMID
    in their stored form (only those two change) and ``errors`` maps a field name to the
    message shown beside that field.
    """
    normalised, errors = {}, {}
    try:
        citations.read_authors(value.get("authors"), bool(value.get("organisation")))
    except citations.AuthorParseError as error:
        errors["authors"] = str(error)
    year = value.get("year")
    if year is not None and not EARLIEST_YEAR <= year <= latest_year():
        errors["year"] = f"Enter a year between {EARLIEST_YEAR} and {latest_year()}."
    doi = value.get("doi")
    if doi:
        if citations.is_valid_doi(doi):
            normalised["doi"] = citations.normalise_doi(doi)
        else:
            errors["doi"] = DOI_ERROR
    pmid = value.get("pmid")
    if pmid:
        if citations.is_valid_pmid(pmid):
            normalised["pmid"] = citations.normalise_pmid(pmid)
        else:
            errors["pmid"] = PMID_ERROR
    return normalised, errors
