"""Author lists, DOIs and PMIDs as clinicians paste them, through ReferenceBlock.clean.

Block-level tests without the database (Wagtail's own style): what an editor types, what
the block stores, what a reader sees, and the message next to the field when it is refused.
"""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from articles.reference_blocks import ReferenceBlock
from core import citations

BLOCK = ReferenceBlock()
BASE = {
    "kind": "article-journal",
    "year": 2020,
    "title": "Demo article title",
    "source": "Demo Journal of Examples",
}


def clean(**fields):
    return BLOCK.clean(BLOCK.to_python({**BASE, **fields}))


def field_errors(**fields):
    with pytest.raises(StructBlockValidationError) as caught:
        clean(**fields)
    return {name: str(error.messages[0]) for name, error in caught.value.block_errors.items()}


def rendered(style="apa", **fields):
    return citations.format_reference(clean(**fields), style)


@pytest.mark.parametrize(
    ("authors", "people"),
    [
        ("Demo, A., Sample, B., & Example, C. D.", ["Demo A.", "Sample B.", "Example C. D."]),
        ("Demo AB, Sample B, Example CD", ["Demo A. B.", "Sample B.", "Example C. D."]),
        ("Demo CR", ["Demo C. R."]),
        ("van der Demo BA", ["van der Demo B. A."]),
        ("Sample D-F", ["Sample D.-F."]),
        ("Demo, A. and Sample, B.", ["Demo A.", "Sample B."]),
    ],
)
def test_apa_and_pubmed_author_lists_are_read_as_people(authors, people):
    names = citations.parse_authors(clean(authors=authors)["authors"])
    assert [f"{name['family']} {name['given']}" for name in names] == people


def test_pubmed_list_renders_as_apa_7():
    assert rendered(authors="Demo AB, Sample B, Example CD").startswith(
        "Demo, A. B., Sample, B., &amp; Example, C. D. (2020). Demo article title."
    )


def test_a_pubmed_name_is_never_published_as_an_organisation():
    # Before: "Figley CR" was kept whole and printed as "Figley CR. (1995)."
    assert rendered(authors="Demo CR").startswith("Demo, C. R. (2020).")


@pytest.mark.parametrize(
    ("authors", "apa", "vancouver"),
    [
        (
            "Demo, A., Sample, B., et al.",
            "Demo, A., Sample, B., et al. (2020).",
            "Demo A, Sample B, et al.",
        ),
        ("Demo AB, et al", "Demo, A. B., et al. (2020).", "Demo AB, et al."),
        ("Demo, A., & et al.", "Demo, A., et al. (2020).", "Demo A, et al."),
    ],
)
def test_et_al_follows_the_listed_authors(authors, apa, vancouver):
    assert rendered(authors=authors).startswith(apa)
    assert rendered("vancouver", authors=authors).startswith(vancouver)
    assert "&amp; et al" not in rendered(authors=authors)


def test_an_edited_book_validates_and_renders_as_apa_7_writes_it():
    value = {"kind": "book", "source": "Demo Press", "authors": "Demo, C. R. (Ed.)"}
    assert rendered(**value) == "Demo, C. R. (Ed.). (2020). <i>Demo article title</i>. Demo Press."
    assert rendered("vancouver", **value) == (
        "Demo CR, editor. Demo article title. Demo Press; 2020."
    )
    assert rendered("ama", **value) == "Demo CR, ed. <i>Demo Article Title</i>. Demo Press; 2020."


@pytest.mark.parametrize(
    "authors", ["Demo, C. R., & Sample, B. (Eds.)", "Demo CR, Sample B, editors."]
)
def test_several_editors(authors):
    html = rendered(kind="book", source="Demo Press", authors=authors)
    assert html == (
        "Demo, C. R., &amp; Sample, B. (Eds.). (2020). <i>Demo article title</i>. Demo Press."
    )
    assert citations.read_authors(authors).role == "editor"


@pytest.mark.parametrize(
    "authors",
    ["World Health Organization", "Demo Health Board", "UNICEF", "Demo Society of Examples"],
)
def test_organisations_are_kept_whole(authors):
    assert citations.parse_authors(clean(authors=authors)["authors"]) == [{"literal": authors}]
    assert rendered(authors=authors).startswith(f"{authors}. (2020).")


@pytest.mark.parametrize("authors", ["Charles Demo", "Demo", "Anna Sample-Demo"])
def test_a_name_that_may_be_a_person_is_refused_not_guessed(authors):
    message = field_errors(authors=authors)["authors"]
    assert f'"{authors}" is a person or an organisation' in message
    assert "This is an organisation" in message


@pytest.mark.parametrize("authors", ["Charles Demo", "Demo", "Department of Demo, Examples"])
def test_ticking_organisation_keeps_the_name_as_written(authors):
    value = clean(authors=authors, organisation=True)
    assert value["organisation"] is True
    assert rendered(authors=authors, organisation=True).startswith(f"{authors}. (2020).")


@pytest.mark.parametrize(
    ("authors", "message"),
    [
        ("", "This field is required"),
        ("(Eds.)", "Enter at least one author"),
        ("et al.", 'Name the first authors before "et al."'),
        ("Demo AB, Sample, B.", "Could not read the authors"),
        ("Demo, A., Sample", "Could not read the authors"),
        ("Demo & Sample", 'Write each person as "Family, Initials"'),
        ("Demo, 1234", 'Could not read "Demo, 1234" as a person'),
    ],
)
def test_unreadable_author_lists_are_refused_next_to_the_field(authors, message):
    errors = field_errors(authors=authors)
    assert message in errors["authors"]


@pytest.mark.parametrize(
    "doi",
    [
        "10.1234/demo.5678",
        "doi:10.1234/demo.5678",
        "DOI: 10.1234/demo.5678",
        "doi.org/10.1234/demo.5678",
        "https://doi.org/10.1234/demo.5678",
        "https://dx.doi.org/10.1234/demo.5678",
        "http://doi.org/10.1234/demo.5678",
        "http://dx.doi.org/10.1234/demo.5678.",
        "  https://www.doi.org/10.1234/demo.5678 ",
    ],
)
def test_dois_are_accepted_as_pasted_and_stored_bare(doi):
    value = clean(authors="Demo, A.", doi=doi)
    assert value["doi"] == "10.1234/demo.5678"
    assert 'href="https://doi.org/10.1234/demo.5678"' in citations.format_reference(value)


@pytest.mark.parametrize(
    "doi", ["1234/demo", "https://example.com/10.1234/demo", "doi:", "10.12/x"]
)
def test_a_malformed_doi_is_refused(doi):
    assert "Enter a DOI such as" in field_errors(authors="Demo, A.", doi=doi)["doi"]


@pytest.mark.parametrize(
    "pmid", ["12345678", "PMID: 12345678", "https://pubmed.ncbi.nlm.nih.gov/12345678/"]
)
def test_pmids_are_stored_as_the_number(pmid):
    assert clean(authors="Demo, A.", pmid=pmid)["pmid"] == "12345678"


@pytest.mark.parametrize("pmid", ["PMC123", "12 34", "abc"])
def test_a_malformed_pmid_is_refused(pmid):
    assert "PubMed ID" in field_errors(authors="Demo, A.", pmid=pmid)["pmid"]


def test_stored_references_without_the_new_fields_still_render():
    # Revisions saved before "organisation" and "pmid" existed have neither key.
    assert (
        citations.format_reference({**BASE, "authors": "Demo, A."}, "apa")
        == "Demo, A. (2020). Demo article title. <i>Demo Journal of Examples</i>."
    )
