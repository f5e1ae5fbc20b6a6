"""The shared reference library: the Reference snippet, choosing it in an article, and
"one correction fixes every article" (through the page cache).

Everything is visibly synthetic ("Demo, A.", DOIs under 10.5555/).
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import ReferenceIndex

from articles.factories import (
    ArticlePageFactory,
    ArticleSeriesPageFactory,
    demo_body,
    demo_reference,
)
from articles.models import ArticlePage, DoiCheck, Reference
from articles.reference_blocks import ReferenceBlock, ReferencesBlock
from articles.references.library import iter_references
from articles.review.editorial_checks import reference_problems
from articles.structured_data import build_article_data
from articles.tests.test_citations import SEED_REFERENCES
from articles.tests.test_editors_workflow import log_in

from .test_cache_purge import is_cached, warm

VIEWSET = Reference.snippet_viewset
CHOOSER = VIEWSET.chooser_viewset

BASE = {
    "kind": "article-journal",
    "authors": "Demo, A. & Sample, B.",
    "year": 2020,
    "title": "Demo library reference",
    "source": "Demo Journal of Examples",
}


def library_reference(**fields):
    reference = Reference(**{**BASE, **fields})
    reference.full_clean()
    reference.save()
    return reference


def library_entry(reference):
    return {"type": "library_reference", "value": reference.pk}


# --- The model obeys the block's rules --------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("authors", "Charles Demo"),  # a person or an organisation? Never guessed
        ("year", 1700),
        ("doi", "not a doi"),
        ("pmid", "PMID twelve"),
    ],
)
def test_a_library_reference_refuses_what_the_block_refuses_with_the_same_message(field, bad):
    with pytest.raises(ValidationError) as caught:
        Reference(**{**BASE, field: bad}).full_clean(exclude=["latest_revision"])
    block = ReferenceBlock()
    with pytest.raises(StructBlockValidationError) as block_caught:
        block.clean(block.to_python({**BASE, field: bad}))
    assert list(caught.value.message_dict) == [field]
    assert caught.value.message_dict[field] == block_caught.value.block_errors[field].messages


def test_a_library_reference_stores_its_doi_and_pmid_normalised(db):
    reference = library_reference(doi="doi.org/10.5555/demo.lib", pmid="PMID: 12345678")
    reference.refresh_from_db()
    assert (reference.doi, reference.pmid) == ("10.5555/demo.lib", "12345678")


def test_a_library_reference_reads_as_its_formatted_reference(db):
    reference = library_reference(doi="10.5555/demo.str")
    assert str(reference) == (
        "Demo, A., & Sample, B. (2020). Demo library reference. Demo Journal of Examples. "
        "https://doi.org/10.5555/demo.str"
    )


# --- A library reference renders exactly as an inline one -----------------------------------


@pytest.mark.parametrize(("value", "expected"), SEED_REFERENCES)
def test_the_seed_references_render_the_same_from_the_library(db, series, value, expected):
    page = ArticlePageFactory(parent=series, title="Demo article rendering")
    reference = Reference(**value)
    reference.full_clean()
    reference.save()
    block = ReferencesBlock()
    context = {"citation_style": "apa", "page": page}

    def render(entry):
        return block.render(
            block.to_python({"heading": "Peer-Reviewed References", "references": [entry]}),
            context,
        )

    inline = render({"type": "reference", "value": value})
    assert expected in inline
    assert render(library_entry(reference)) == inline


def test_an_article_citing_the_library_shows_it_and_offers_its_ris_download(client, series):
    reference = library_reference(doi="10.5555/demo.page")
    page = ArticlePageFactory(
        parent=series,
        title="Demo article citing the library",
        slug="demo-library",
        body=demo_body([demo_reference(1), library_entry(reference)]),
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert reference.formatted("apa") in html
    [ris_url, *_] = [
        url for url in re.findall(r'href="([^"]+\.ris)"', html) if "/references/" in url
    ][1:]
    ris = client.get(ris_url)
    assert ris.status_code == 200
    assert "TI  - Demo library reference" in ris.content.decode()


def test_every_reader_of_references_sees_library_ones(rf, series, site_settings):
    reference = library_reference(doi="10.5555/demo.readers", year=None)
    page = ArticlePageFactory(
        parent=series, body=demo_body([demo_reference(1), library_entry(reference)])
    )
    page.save_revision().publish()
    page = ArticlePage.objects.get(pk=page.pk)
    values = list(iter_references(page.body))
    assert [value["title"] for value in values] == ["Demo reference 1", "Demo library reference"]
    assert page.references == values
    # The editorial checks count it (and see it has no year)...
    [problem] = reference_problems(page.body)
    assert problem.text.startswith("Reference 2 (Demo library reference) has no year.")
    # ...and the JSON-LD cites it.
    request = rf.get(page.url)
    citations = build_article_data(page, request)["mainEntity"]["citation"]
    assert any("10.5555/demo.readers" in str(citation) for citation in citations)


def test_a_reference_deleted_from_the_library_drops_out_of_the_list(client, series):
    reference = library_reference()
    page = ArticlePageFactory(
        parent=series, body=demo_body([demo_reference(1), library_entry(reference)])
    )
    reference.delete()
    page = ArticlePage.objects.get(pk=page.pk)
    assert [value["title"] for value in page.references] == ["Demo reference 1"]
    # The editors' checks say so, rather than the entry vanishing unnoticed.
    [problem] = reference_problems(page.body)
    assert problem.text.startswith("A reference chosen from the reference library has since")
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200


# --- The admin: chooser, listing, usage, permissions ----------------------------------------


@pytest.fixture
def library(db):
    return [
        library_reference(authors="Quokka, D.", title="Demo title about wombats", year=2011),
        library_reference(
            authors="Numbat, E.", title="Demo other title", year=2019, doi="10.5555/demo.numbat"
        ),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Quokka", "Quokka, D."),  # author
        ("wombats", "Quokka, D."),  # title
        ("10.5555/demo.numbat", "Numbat, E."),  # DOI
        ("2019", "Numbat, E."),  # year
    ],
)
def test_an_editor_finds_a_library_reference_in_the_chooser(
    client, editor, library, query, expected
):
    log_in(client, editor)
    response = client.get(reverse(CHOOSER.get_url_name("choose_results")), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    found = {name for name in ("Quokka, D.", "Numbat, E.") if name in html}
    assert found == {expected}


def test_the_library_lists_references_with_doi_year_and_where_they_are_used(
    client, editor, library, series
):
    cited = library[1]
    for n in (1, 2):
        ArticlePageFactory(
            parent=series,
            title=f"Demo article citing {n}",
            slug=f"demo-citing-{n}",
            body=demo_body([library_entry(cited)]),
        ).save_revision().publish()
    log_in(client, editor)
    response = client.get(reverse(VIEWSET.get_url_name("list")))
    assert response.status_code == 200
    html = response.content.decode()
    usage_url = reverse(VIEWSET.get_url_name("usage"), args=[cited.pk])
    assert f'<a href="{usage_url}">2 articles</a>' in html
    assert "10.5555/demo.numbat" in html and "2019" in html
    assert ">0 articles</a>" in html  # The other reference is used nowhere.
    usage = client.get(usage_url).content.decode()
    assert "Demo article citing 1" in usage and "Demo article citing 2" in usage


def test_editors_add_and_correct_library_references_in_the_admin(client, editor):
    log_in(client, editor)
    add_url = reverse(VIEWSET.get_url_name("add"))
    data = {**BASE, "authors": "Charles Demo", "doi": "", "pmid": "", "url": ""}
    response = client.post(add_url, {**data, "peer_reviewed": "on"})
    assert response.status_code == 200  # Shown again, the message beside the authors.
    assert not Reference.objects.exists()
    assert "authors" in response.context["form"].errors
    response = client.post(add_url, {**data, "authors": "Demo, A.", "doi": "doi:10.5555/x.1"})
    assert response.status_code == 302
    reference = Reference.objects.get()
    assert reference.doi == "10.5555/x.1"
    assert reference.revisions.count() == 1  # Revisions record every correction.


def test_reviewers_may_correct_but_not_add_library_references(client, reviewer, library):
    log_in(client, reviewer)
    assert reviewer.has_perm("articles.change_reference")
    assert not reviewer.has_perm("articles.add_reference")
    assert client.get(reverse(VIEWSET.get_url_name("add"))).status_code == 302
    edit = client.get(reverse(VIEWSET.get_url_name("edit"), args=[library[0].pk]))
    assert edit.status_code == 200


# --- One correction fixes every article --------------------------------------------------------


def test_correcting_a_library_reference_fixes_and_purges_every_article_citing_it(
    client, editor, settings, home_page, three_articles, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    reference = library_reference(title="Demo title with a typpo", doi="10.5555/demo.fix")
    citing = three_articles[:2]
    # The publishes' own purges run now, so only the correction's purge runs below.
    with django_capture_on_commit_callbacks(execute=True):
        for article in citing:
            article.body = demo_body([library_entry(reference)])
            article.save_revision().publish()
    # An article of another series, which shows none of them.
    series_b = ArticleSeriesPageFactory(parent=home_page, title="Demo series B", slug="demo-b")
    other = ArticlePageFactory(parent=series_b, title="Demo article B1", slug="demo-b1")
    assert {page.pk for page, _refs in ReferenceIndex.get_grouped_references_to(reference)} == {
        article.pk for article in citing
    }
    paths = [citing[0].url, citing[1].url, other.url]
    warm(client, paths)
    old_ris = [
        url
        for url in re.findall(r'href="([^"]+\.ris)"', client.get(paths[0]).content.decode())
        if "/references/" in url
    ]
    warm(client, old_ris)

    log_in(client, editor)
    data = {**BASE, "title": "Demo title with the typo fixed", "doi": "10.5555/demo.fix"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(VIEWSET.get_url_name("edit"), args=[reference.pk]),
            {**data, "pmid": "", "url": "", "peer_reviewed": "on"},
        )
    assert response.status_code == 302
    client.logout()
    for path in paths[:2]:
        assert not is_cached(path), path
    assert is_cached(paths[2])  # An article not citing it stays cached.
    assert not any(is_cached(url) for url in old_ris)
    for path in paths[:2]:
        html = client.get(path).content.decode()
        assert "Demo title with the typo fixed" in html
        assert "typpo" not in html


def test_correcting_a_library_reference_reindexes_the_articles_citing_it(
    series, django_capture_on_commit_callbacks
):
    reference = library_reference(title="Demo title about platypuses")
    page = ArticlePageFactory(parent=series, body=demo_body([library_entry(reference)]))
    page.save_revision().publish()

    def found(word):
        return list(ArticlePage.objects.published().search(word)) == [page]

    assert found("platypuses")
    reference.title = "Demo title about echidnas"
    with django_capture_on_commit_callbacks(execute=True):
        reference.save()
    assert found("echidnas")
    assert not found("platypuses")


def test_the_library_shows_what_the_retraction_check_found_for_each_doi(client, editor, library):
    library_reference(
        authors="Bilby, F.", title="Demo retracted title", year=2015, doi="10.5555/DEMO.Bilby"
    )
    DoiCheck.objects.create(
        doi="10.5555/demo.bilby",
        status="retracted",
        notices=[{"status": "retracted", "kind": "retraction", "doi": "10.5555/notice"}],
        checked_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 3, 0)),
    )
    DoiCheck.objects.create(
        doi="10.5555/demo.numbat",
        status="failed",
        notices=[{"status": "concern", "kind": "expression_of_concern"}],
        last_error="Crossref did not answer.",
    )
    log_in(client, editor)
    html = client.get(reverse(VIEWSET.get_url_name("list"))).content.decode()
    rows = {
        name: row
        for row in re.findall(r"<tr.*?</tr>", html, flags=re.S)
        for name in ("Quokka, D.", "Numbat, E.", "Bilby, F.")
        if name in row
    }
    assert "Retracted, checked 30 Nov 2026" in rows["Bilby, F."]
    assert "Expression of concern (the last check failed)" in rows["Numbat, E."]
    assert "No DOI to check" in rows["Quokka, D."]
