"""The references of an article: each cited work stored as fields, formatted by CSL.

Formatting itself lives in ``core.citations``; these blocks validate what editors type and
hand it over.
"""

import datetime

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from articles.anchors import anchor_from_context
from articles.references import cite
from core import citations

# Visibly synthetic: block previews must never look like a real citation.
DEMO_REFERENCE = {
    "kind": "article-journal",
    "authors": "Demo, A. & Sample, B.",
    "year": 2020,
    "title": "Demo article title",
    "source": "Demo Journal of Examples",
    "peer_reviewed": True,
}


# The authors of a reference the importer could not read (articles/importer/). A name
# without a comma is read as an organisation, so it validates and renders; it tells readers
# and editors the truth (the entry needs checking) rather than inventing an author such as
# "Anonymous". The editorial checks flag it (articles/review/editorial_checks.py).
UNREAD_REFERENCE_AUTHORS = "[Reference to check]"


class ReferenceBlock(blocks.StructBlock):
    """One cited work, stored as fields and formatted by the Citation Style Language."""

    kind = blocks.ChoiceBlock(
        choices=citations.REFERENCE_KINDS,
        default="article-journal",
        help_text="What kind of work this is; it decides how the reference is formatted.",
    )
    authors = blocks.CharBlock(
        max_length=500,
        help_text=(
            'Paste the list as APA ("Kip, K. E., Rosenzweig, L., & Hernandez, D. F.") or '
            'PubMed writes it ("Kip KE, Rosenzweig L, Hernandez DF"); end with "et al." if '
            'you list only the first authors, and with "(Ed.)" or "(Eds.)" for an edited '
            'book. For an organisation, its name: "World Health Organization".'
        ),
    )
    organisation = blocks.BooleanBlock(
        required=False,
        default=False,
        label="This is an organisation",
        help_text=(
            "Tick if the author is an organisation or group, not people, so its name is "
            'printed exactly as written (for example "Cochrane" or "Demo Health Board").'
        ),
    )
    year = blocks.IntegerBlock(
        required=False,
        help_text="Year of publication, e.g. 2016. Leave empty only if the work has no date.",
    )
    title = blocks.CharBlock(
        max_length=500,
        help_text="Title of the article, book, chapter, report or page, as published.",
    )
    source = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=(
            "The journal's full name for an article; the publisher for a book or report; "
            "the book or website for a chapter or page."
        ),
    )
    volume = blocks.CharBlock(required=False, max_length=20, help_text="Journal volume.")
    issue = blocks.CharBlock(required=False, max_length=20, help_text="Journal issue.")
    pages = blocks.CharBlock(
        required=False, max_length=40, help_text="Page range, e.g. 12-20, or article number."
    )
    doi = blocks.CharBlock(
        required=False,
        max_length=200,
        label="DOI",
        help_text=(
            "The DOI, e.g. 10.3390/ijerph13060618, doi:10.3390/… or a https://doi.org/ "
            "address. It becomes a https://doi.org/ link."
        ),
    )
    pmid = blocks.CharBlock(
        required=False,
        max_length=100,
        label="PubMed ID (PMID)",
        help_text=(
            "The PubMed number, e.g. 12345678, if the work is in PubMed. With a DOI or a "
            'PMID, "Fill in from DOI or PMID" completes the other fields for you to check.'
        ),
    )
    url = blocks.URLBlock(
        required=False,
        label="Web address",
        help_text="A web address for the work, if it has no DOI.",
    )
    peer_reviewed = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Ticked if the work was peer reviewed.",
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        try:
            citations.read_authors(value.get("authors"), bool(value.get("organisation")))
        except citations.AuthorParseError as error:
            errors["authors"] = ValidationError(str(error))
        year = value.get("year")
        latest = datetime.date.today().year + 1
        if year is not None and not 1800 <= year <= latest:
            errors["year"] = ValidationError(f"Enter a year between 1800 and {latest}.")
        doi = value.get("doi")
        if doi:
            if citations.is_valid_doi(doi):
                value["doi"] = citations.normalise_doi(doi)
            else:
                errors["doi"] = ValidationError(
                    'Enter a DOI such as "10.1037/a0012345", "doi:10.1037/a0012345" or '
                    '"https://doi.org/10.1037/a0012345".'
                )
        pmid = value.get("pmid")
        if pmid:
            if citations.is_valid_pmid(pmid):
                value["pmid"] = citations.normalise_pmid(pmid)
            else:
                errors["pmid"] = ValidationError(
                    'Enter the PubMed ID as its number, for example "12345678".'
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        style = (parent_context or {}).get("citation_style", citations.DEFAULT_CITATION_STYLE)
        context["formatted"] = citations.format_reference(value, style)
        # Names the reference's RIS download (articles/references/urls.py).
        context["download_key"] = cite.reference_key(value)
        return context

    def get_searchable_content(self, value):
        return [
            value.get("authors") or "",
            value.get("title") or "",
            value.get("source") or "",
        ]

    class Meta:
        icon = "doc-full"
        template = "blocks/reference_block.html"
        label = "Reference"
        description = "A cited work: authors, year, title and where it was published."
        form_classname = "reference-block"
        preview_value = DEMO_REFERENCE


class ReferencesBlock(blocks.StructBlock):
    """The list of works cited, formatted in the site's citation style."""

    heading = blocks.CharBlock(
        default="Peer-Reviewed References",
        max_length=120,
        help_text="Heading above the list, e.g. 'Peer-Reviewed References'.",
    )
    references = blocks.ListBlock(
        ReferenceBlock(),
        min_num=1,
        help_text="Add one entry per cited work, in the order you want them listed.",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor_from_context(value.get("heading"), parent_context)
        return context

    class Meta:
        icon = "list-ul"
        template = "blocks/references_block.html"
        label = "References"
        description = "The peer-reviewed works the article cites, formatted automatically."
        preview_value = {
            "heading": "Peer-Reviewed References",
            "references": [DEMO_REFERENCE],
        }
