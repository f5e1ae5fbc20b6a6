"""The seed article's references, formatted by citeproc-py with the CSL styles."""

import pytest

from core import citations

SEED_REFERENCES = [
    (
        {
            "kind": "article-journal",
            "authors": "Cocker, F. & Joss, N.",
            "year": 2016,
            "title": "Compassion fatigue in healthcare",
            "source": "International Journal of Environmental Research and Public Health",
        },
        "Cocker, F., &amp; Joss, N. (2016). Compassion fatigue in healthcare. "
        "<i>International Journal of Environmental Research and Public Health</i>.",
    ),
    (
        {
            "kind": "article-journal",
            "authors": "Craig, C.",
            "year": 2014,
            "title": "Vicarious trauma in clinicians",
            "source": "Journal of Mental Health Counseling",
        },
        "Craig, C. (2014). Vicarious trauma in clinicians. "
        "<i>Journal of Mental Health Counseling</i>.",
    ),
    (
        {
            "kind": "article-journal",
            "authors": "Kip, K. E.",
            "year": 2013,
            "title": "ART outcomes",
            "source": "Behavioral Sciences",
        },
        "Kip, K. E. (2013). ART outcomes. <i>Behavioral Sciences</i>.",
    ),
    (
        {
            "kind": "book",
            "authors": "Figley, C.",
            "year": 1995,
            "title": "Compassion Fatigue: Coping With Secondary Traumatic Stress Disorder",
        },
        "Figley, C. (1995). "
        "<i>Compassion Fatigue: Coping With Secondary Traumatic Stress Disorder</i>.",
    ),
]


@pytest.mark.parametrize(("value", "expected"), SEED_REFERENCES)
def test_seed_references_come_out_in_apa_7(value, expected):
    assert citations.format_reference(value, "apa") == expected


def test_doi_is_rendered_as_a_doi_link():
    html = citations.format_reference(
        {
            "kind": "article-journal",
            "authors": "Demo, A., Sample, B., & Example, C. D.",
            "year": 2020,
            "title": "Demo article",
            "source": "Demo Journal",
            "volume": "3",
            "issue": "2",
            "pages": "12-20",
            "doi": "10.1234/demo.5678",
        },
        "apa",
    )
    assert html == (
        "Demo, A., Sample, B., &amp; Example, C. D. (2020). Demo article. "
        "<i>Demo Journal</i>, <i>3</i>(2), 12–20. "
        '<a href="https://doi.org/10.1234/demo.5678">https://doi.org/10.1234/demo.5678</a>'
    )


def test_organisation_author_is_kept_whole():
    assert citations.parse_authors("World Health Organization") == [
        {"literal": "World Health Organization"}
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cocker, F. & Joss, N.", [("Cocker", "F."), ("Joss", "N.")]),
        (
            "Kip, K. E., Rosenzweig, L., & Hernandez, D. F.",
            [("Kip", "K. E."), ("Rosenzweig", "L."), ("Hernandez", "D. F.")],
        ),
        ("Figley, C.", [("Figley", "C.")]),
        ("van der Kolk, B. A.", [("van der Kolk", "B. A.")]),
    ],
)
def test_people_are_split_into_family_and_given_names(text, expected):
    people = citations.parse_authors(text)
    assert [(p["family"], p["given"]) for p in people] == expected


@pytest.mark.parametrize("text", ["", "   ", "Cocker, F., Joss", "Cocker & Joss", "Kip, 1234"])
def test_unreadable_authors_raise(text):
    with pytest.raises(citations.AuthorParseError):
        citations.parse_authors(text)


def test_html_in_reference_fields_is_escaped():
    html = citations.format_reference(
        {"kind": "book", "authors": "Demo, A.", "year": 2020, "title": "<script>x</script>"},
        "apa",
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("style", ["ama", "vancouver"])
def test_other_styles_format_differently(style):
    value = SEED_REFERENCES[0][0]
    html = citations.format_reference(value, style)
    assert "Cocker" in html
    assert html != citations.format_reference(value, "apa")


def test_style_file_is_parsed_once_per_process():
    citations.get_style.cache_clear()
    citations.get_style("apa")
    citations.get_style("apa")
    info = citations.get_style.cache_info()
    assert (info.misses, info.hits) == (1, 1)
