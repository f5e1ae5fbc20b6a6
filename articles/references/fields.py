"""The fields of a reference: labels, help text and lengths.

One list serves the inline ``ReferenceBlock`` (articles/reference_blocks.py) and the
library's ``Reference`` snippet (articles/models/reference.py), so editors read the same
words in both and the two cannot drift apart.
"""

# The order a reference's fields are shown and stored in.
FIELD_NAMES = (
    "kind",
    "authors",
    "organisation",
    "year",
    "title",
    "source",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "url",
    "peer_reviewed",
)

MAX_LENGTHS = {
    "authors": 500,
    "title": 500,
    "source": 300,
    "volume": 20,
    "issue": 20,
    "pages": 40,
    "doi": 200,
    "pmid": 100,
}

LABELS = {
    "organisation": "This is an organisation",
    "doi": "DOI",
    "pmid": "PubMed ID (PMID)",
    "url": "Web address",
}

HELP_TEXT = {
    "kind": "What kind of work this is; it decides how the reference is formatted.",
    "authors": (
        'Paste the list as APA ("Kip, K. E., Rosenzweig, L., & Hernandez, D. F.") or '
        'PubMed writes it ("Kip KE, Rosenzweig L, Hernandez DF"); end with "et al." if '
        'you list only the first authors, and with "(Ed.)" or "(Eds.)" for an edited '
        'book. For an organisation, its name: "World Health Organization".'
    ),
    "organisation": (
        "Tick if the author is an organisation or group, not people, so its name is "
        'printed exactly as written (for example "Cochrane" or "Demo Health Board").'
    ),
    "year": "Year of publication, e.g. 2016. Leave empty only if the work has no date.",
    "title": "Title of the article, book, chapter, report or page, as published.",
    "source": (
        "The journal's full name for an article; the publisher for a book or report; "
        "the book or website for a chapter or page."
    ),
    "volume": "Journal volume.",
    "issue": "Journal issue.",
    "pages": "Page range, e.g. 12-20, or article number.",
    "doi": (
        "The DOI, e.g. 10.3390/ijerph13060618, doi:10.3390/… or a https://doi.org/ "
        "address. It becomes a https://doi.org/ link."
    ),
    "pmid": (
        "The PubMed number, e.g. 12345678, if the work is in PubMed. With a DOI or a "
        'PMID, "Fill in from DOI or PMID" completes the other fields for you to check.'
    ),
    "url": "A web address for the work, if it has no DOI.",
    "peer_reviewed": "Ticked if the work was peer reviewed.",
}
