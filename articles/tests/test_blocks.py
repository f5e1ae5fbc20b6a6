"""Article body blocks, tested without a database (as Wagtail tests its own blocks)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from articles.anchors import heading_anchor
from articles.blocks import ArticleBodyBlock, CallToActionBlock, HeadingBlock
from articles.reference_blocks import ReferenceBlock, ReferencesBlock
from articles.tests.test_citations import SEED_REFERENCES


def reference(**values):
    block = ReferenceBlock()
    base = {
        "kind": "article-journal",
        "authors": "Demo, A.",
        "year": 2020,
        "title": "Demo title",
        "source": "Demo Journal",
    }
    base.update(values)
    return block, block.to_python(base)


@pytest.mark.parametrize(("value", "expected"), SEED_REFERENCES)
def test_seed_references_clean_and_render(value, expected):
    block = ReferenceBlock()
    cleaned = block.clean(block.to_python(value))
    html = block.render(cleaned, context={"citation_style": "apa"})
    assert html.strip() == f'<li class="reference">{expected}</li>'


def block_errors(block, value):
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    return {name: error.messages for name, error in caught.value.block_errors.items()}


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("authors", "Cocker, F., Joss", "Could not read the authors"),
        ("authors", "Kip, 1234", "as a person"),
        ("year", 1799, "Enter a year between 1800"),
        ("year", datetime.date.today().year + 2, "Enter a year between 1800"),
        ("doi", "not-a-doi", "Enter a DOI such as"),
        ("doi", "11.1234/abc", "Enter a DOI such as"),
    ],
)
def test_bad_reference_values_are_errors_on_their_field(field, bad, message):
    block, value = reference(**{field: bad})
    errors = block_errors(block, value)
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_next_year_is_allowed_for_in_press_work():
    block, value = reference(year=datetime.date.today().year + 1)
    assert block.clean(value)["year"] == datetime.date.today().year + 1


def test_doi_typed_as_a_link_is_stored_bare_and_rendered_as_a_link():
    block, value = reference(doi="https://doi.org/10.1234/Demo.5678")
    cleaned = block.clean(value)
    assert cleaned["doi"] == "10.1234/Demo.5678"
    html = block.render(cleaned)
    assert '<a href="https://doi.org/10.1234/Demo.5678">' in html


def test_url_is_linked_when_there_is_no_doi():
    block, value = reference(kind="webpage", url="https://example.com/demo")
    html = block.render(block.clean(value))
    assert '<a href="https://example.com/demo">https://example.com/demo</a>' in html


def test_reference_search_text_holds_authors_title_and_source():
    block, value = reference(authors="Figley, C.", title="Demo book", source="Demo Press")
    assert block.get_searchable_content(value) == ["Figley, C.", "Demo book", "Demo Press"]


def test_references_block_renders_heading_and_ordered_list():
    block = ReferencesBlock()
    value = block.to_python(
        {"heading": "Peer-Reviewed References", "references": [v for v, _ in SEED_REFERENCES]}
    )
    html = block.render(value, context={"citation_style": "apa"})
    assert '<h2 id="peer-reviewed-references">Peer-Reviewed References</h2>' in html
    # Editors' order is kept: Figley stays last, as in the seed article.
    assert html.index("Cocker") < html.index("Craig") < html.index("Kip") < html.index("Figley")


def test_references_block_defaults_its_heading():
    assert ReferencesBlock().get_default()["heading"] == "Peer-Reviewed References"


def test_heading_renders_h2_with_a_stable_anchor():
    html = HeadingBlock().render("Common Signs of Vicarious Trauma")
    assert html.strip() == (
        '<h2 id="common-signs-of-vicarious-trauma">Common Signs of Vicarious Trauma</h2>'
    )
    assert heading_anchor("Common Signs of Vicarious Trauma") == "common-signs-of-vicarious-trauma"


@pytest.mark.django_db
def test_call_to_action_takes_a_page_or_a_url_not_both(home_page):
    block = CallToActionBlock()
    value = block.to_python({"page": home_page.pk, "url": "https://example.com/book"})
    errors = block_errors(block, value)
    assert errors == {"url": ["Choose a page or enter a web address, not both."]}
    # Either one alone is fine, and so is neither (the site default is used).
    assert block.clean(block.to_python({"page": home_page.pk}))["page"].pk == home_page.pk
    assert block.clean(block.to_python({}))["url"] == ""


def test_paragraph_allows_only_simple_formatting():
    paragraph = ArticleBodyBlock().child_blocks["paragraph"]
    assert paragraph.features == ["bold", "italic", "link", "ol", "ul"]


@pytest.mark.parametrize("name", list(ArticleBodyBlock().child_blocks))
def test_every_block_helps_editors(name):
    block = ArticleBodyBlock().child_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.description
    assert block.get_preview_value() is not None


def test_heading_is_limited_to_120_characters():
    block = HeadingBlock()
    assert block.clean("D" * 120) == "D" * 120
    with pytest.raises(ValidationError):
        block.clean("D" * 121)
