"""The "Live articles citing retracted work" report, for Editors and Clinical reviewers."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.references.retraction_check import check_doi

from .conftest import make_user
from .recorded_lookup import CONCERN_DOI, CORRECTED_DOI, DEMO_DOI, RETRACTED_DOI

URL = "/admin/reports/retracted-citations/"


@pytest.fixture
def articles(series, recorded_lookup):
    def article(title, *dois, live=True):
        references = [demo_reference(n, doi=doi) for n, doi in enumerate(dois, start=1)]
        page = ArticlePageFactory(
            parent=series, title=title, live=False, body=demo_body(references=references)
        )
        if live:
            page.save_revision().publish()
        return page

    pages = {
        "retracted": article("Demo article 1", DEMO_DOI, RETRACTED_DOI),
        "concern": article("Demo article 2", CONCERN_DOI),
        "corrected": article("Demo article 3", CORRECTED_DOI),
        "draft": article("Demo article 4", RETRACTED_DOI, live=False),
    }
    for doi in (DEMO_DOI, RETRACTED_DOI, CONCERN_DOI, CORRECTED_DOI):
        check_doi(doi)
    return pages


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_see_live_articles_citing_retracted_or_concerned_work(
    client, request, role, articles
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Live articles citing retracted work" in html
    assert "Demo article 1" in html and "Demo article 2" in html
    assert "Demo article 3" not in html  # only corrected
    assert "Demo article 4" not in html  # not live
    assert (
        "Reference 2 (Demo, A., 2020) was retracted on 10 January 2022 (reported by "
        "Retraction Watch)."
    ) in html
    assert 'href="https://doi.org/10.5555/demo.retraction-notice"' in html
    assert "has an expression of concern on 30 September 2024" in html
    assert html.count("Expression of concern") >= 1 and "Retracted" in html
    checked = response.context["object_list"][0].checked_text
    assert checked and checked in html  # the day the check ran, e.g. "3 December 2026"
    edit_url = reverse("wagtailadmin_pages:edit", args=[articles["retracted"].pk])
    assert (edit_url in html) is (role == "editor")  # reviewers get the public page


def test_the_report_is_in_the_reports_menu_and_downloads_as_csv(client, editor, articles):
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Article,Worst notice,References and notices,Last checked,Web address"
    assert lines[1].startswith(
        'Demo article 1,Retracted,"Reference 2 (Demo, A., 2020) was retracted on 10 January '
        "2022 (reported by Retraction Watch); notice: "
        'https://doi.org/10.5555/demo.retraction-notice",'
    )


def test_anonymous_visitors_and_users_without_the_role_are_refused(client, db, articles):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # Signed in to the admin, but in none of the roles (e.g. a booking administrator).
    nobody = make_user("demo-nobody")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    response = client.get(URL, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]  # Wagtail's "no permission" redirect
    assert "Demo article 1" not in response.content.decode()
