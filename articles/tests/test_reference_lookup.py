"""The admin lookup view behind "Fill in from DOI or PMID", against the recorded server.

Every request goes to a local server answering recorded Crossref and E-utilities JSON
(articles/tests/recorded_lookup.py); the network is never used.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.reference_blocks import ReferenceBlock

from .conftest import make_user
from .recorded_lookup import (
    DEMO_DOI,
    DEMO_PMID,
    EDITED_BOOK_DOI,
    MALFORMED_DOI,
    MALFORMED_PMID,
    MISSING_PMID,
    RETRACTED_DOI,
    SERVER_ERROR_DOI,
    RecordedApiHandler,
    closed_port,
)

pytestmark = pytest.mark.django_db
URL = "/admin/references/lookup/"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_view_lives_under_the_admin():
    assert reverse("reference_lookup") == URL


def test_a_doi_fills_every_field_from_crossref(editor_client, recorded_lookup):
    response = editor_client.get(URL, {"doi": f"https://doi.org/{DEMO_DOI}"})
    assert response.status_code == 200
    assert response.json() == {
        "reference": {
            "kind": "article-journal",
            "authors": "Demo, A., & Sample, B. C.",
            "organisation": False,
            "year": 2020,
            "title": "Demo article title",
            "source": "Demo Journal of Examples",
            "volume": "3",
            "issue": "2",
            "pages": "12-20",
            "doi": DEMO_DOI,
            "pmid": "",
        }
    }
    # Crossref's polite pool: the contact address from settings goes with the request.
    assert RecordedApiHandler.requests == [f"/crossref/works/{DEMO_DOI}?mailto=demo%40example.com"]


def test_the_filled_fields_are_a_valid_reference(editor_client, recorded_lookup):
    for query in ({"doi": DEMO_DOI}, {"pmid": DEMO_PMID}, {"doi": EDITED_BOOK_DOI}):
        reference = editor_client.get(URL, query).json()["reference"]
        block = ReferenceBlock()
        block.clean(block.to_python(reference))  # raises if the editor could not save it


def test_an_edited_book_comes_back_with_its_editor(editor_client, recorded_lookup):
    reference = editor_client.get(URL, {"doi": EDITED_BOOK_DOI}).json()["reference"]
    assert reference["kind"] == "book"
    assert reference["authors"] == "Example, C. (Ed.)"
    assert reference["source"] == "Demo Press"


def test_a_pmid_fills_the_fields_from_pubmed(editor_client, recorded_lookup):
    response = editor_client.get(URL, {"pmid": f"PMID: {DEMO_PMID}"})
    assert response.status_code == 200
    assert response.json()["reference"] == {
        "kind": "article-journal",
        "authors": "Demo A, Sample BC",
        "organisation": False,
        "year": 2021,
        "title": "Demo record from PubMed",
        "source": "Demo Journal of Examples",
        "volume": "4",
        "issue": "1",
        "pages": "1-9",
        "doi": "10.5555/demo.pubmed",
        "pmid": DEMO_PMID,
    }
    (path,) = RecordedApiHandler.requests
    assert path.startswith(f"/eutils/esummary.fcgi?db=pubmed&id={DEMO_PMID}&retmode=json")


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"doi": "10.5555/not-there"}, 404, "Crossref has no work with the DOI 10.5555/not-there"),
        ({"pmid": MISSING_PMID}, 404, f"PubMed has no record with the PMID {MISSING_PMID}"),
        ({"doi": MALFORMED_DOI}, 502, "Crossref sent a record that could not be read"),
        ({"pmid": MALFORMED_PMID}, 502, "PubMed sent a record that could not be read"),
        ({"doi": SERVER_ERROR_DOI}, 502, "Crossref answered with an error (503)"),
        ({"doi": "not a doi"}, 400, "That is not a DOI"),
        ({"pmid": "PMC12"}, 400, "That is not a PubMed ID"),
        ({}, 400, "Enter a DOI or a PubMed ID first."),
    ],
)
def test_failures_are_a_clear_json_message(editor_client, recorded_lookup, query, status, message):
    response = editor_client.get(URL, query)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]
    assert "reference" not in response.json()


@pytest.mark.parametrize("query", [{"doi": DEMO_DOI}, {"pmid": DEMO_PMID}])
def test_no_service_listening_is_a_502_not_a_500(editor_client, settings, query):
    port = closed_port()
    settings.CROSSREF_API_URL = f"http://127.0.0.1:{port}"
    settings.NCBI_EUTILS_URL = f"http://127.0.0.1:{port}"
    response = editor_client.get(URL, query)
    assert response.status_code == 502
    assert response.json()["error"].startswith("Could not reach ")


def test_a_user_who_cannot_edit_pages_gets_a_403(client, recorded_lookup):
    user = make_user("demo-admin-only")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(URL, {"doi": DEMO_DOI})
    assert response.status_code == 403
    assert "Only editors" in response.json()["error"]
    assert RecordedApiHandler.requests == []


def test_visitors_are_sent_to_the_admin_login(client, recorded_lookup):
    response = client.get(URL, {"doi": DEMO_DOI})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert RecordedApiHandler.requests == []


def test_the_editor_loads_the_lookup_script(editor_client, article):
    response = editor_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert b'src="/static/js/reference_lookup.js" data-lookup-url="/admin/references/lookup/"' in (
        response.content
    )


def test_a_retracted_work_comes_with_a_warning(editor_client, recorded_lookup):
    answer = editor_client.get(URL, {"doi": RETRACTED_DOI}).json()
    assert answer["reference"]["title"] == "Demo retracted article"
    assert answer["warnings"] == [
        "This work has been retracted (notice: https://doi.org/10.5555/demo.retraction-notice)."
        " Check it before citing it."
    ]
