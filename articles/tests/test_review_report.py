"""The "Articles due for clinical review" report, its downloads and the dashboard panel."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.factories import ArticlePageFactory, demo_body
from people.factories import PersonFactory

from .conftest import DEMO_REFERENCES, make_user

TODAY = datetime.date(2026, 6, 1)
pytestmark = pytest.mark.usefixtures("freeze_today")


@pytest.fixture
def freeze_today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def articles(series):
    reviewer = PersonFactory(name="Demo Reviewer", credentials="MD")

    def make(title, next_review_due, live=True):
        return ArticlePageFactory(
            parent=series,
            title=title,
            live=live,
            body=demo_body(DEMO_REFERENCES),
            clinically_reviewed_by=reviewer if next_review_due else None,
            last_reviewed=next_review_due and next_review_due - datetime.timedelta(days=365),
            next_review_due=next_review_due,
        )

    return {
        "overdue": make("Demo overdue", TODAY - datetime.timedelta(days=3)),
        "soon": make("Demo due soon", TODAY + datetime.timedelta(days=20)),
        "never": make("Demo never reviewed", None),
        "later": make("Demo due later", TODAY + datetime.timedelta(days=200)),
        "draft": make("Demo overdue draft", TODAY - datetime.timedelta(days=3), live=False),
    }


@pytest.mark.parametrize("role", ["publisher", "reviewer"])
def test_report_lists_live_articles_overdue_due_soon_or_never_reviewed(
    client, request, role, articles
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("clinical_review_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Articles due for clinical review" in html
    # Never reviewed first, then by due date.
    positions = [
        html.index(title) for title in ["Demo never reviewed", "Demo overdue", "Demo due soon"]
    ]
    assert positions == sorted(positions)
    assert "Demo due later" not in html
    assert "Demo overdue draft" not in html
    assert "29 May 2026" in html  # The overdue article's due date.
    assert "Demo Reviewer, MD" in html


def test_report_links_publishers_to_the_editor_and_reviewers_to_the_page(
    client, publisher, reviewer, articles
):
    overdue = articles["overdue"]
    client.force_login(publisher)
    html = client.get(reverse("clinical_review_report")).content.decode()
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[overdue.pk])}"' in html
    client.force_login(reviewer)
    html = client.get(reverse("clinical_review_report")).content.decode()
    assert f'href="{overdue.url}"' in html


def test_report_filters_by_status(client, publisher, articles):
    client.force_login(publisher)
    html = client.get(reverse("clinical_review_report"), {"status": "overdue"}).content.decode()
    assert "Demo overdue" in html
    assert "Demo due soon" not in html
    assert "Demo never reviewed" not in html


def test_report_downloads_as_csv(client, publisher, articles):
    client.force_login(publisher)
    response = client.get(reverse("clinical_review_report"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["Article"] for row in rows] == [
        "Demo never reviewed",
        "Demo overdue",
        "Demo due soon",
    ]
    overdue = rows[1]
    assert overdue["Status"] == "Overdue"
    assert overdue["Series"] == "Demo series"
    assert overdue["Clinically reviewed by"] == "Demo Reviewer, MD"
    assert overdue["Next review due"] == "2026-05-29"
    assert overdue["Web address"].endswith("/demo-series/" + articles["overdue"].slug + "/")


def test_report_downloads_as_xlsx(client, publisher, articles):
    client.force_login(publisher)
    response = client.get(reverse("clinical_review_report"), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Article",
        "Series",
        "Status",
        "Clinically reviewed by",
        "Last reviewed",
        "Next review due",
    )
    assert [row[0] for row in rows[1:]] == ["Demo never reviewed", "Demo overdue", "Demo due soon"]
    assert rows[2][5] == datetime.date(2026, 5, 29)  # A real date cell, not text.


def test_an_admin_user_without_a_role_cannot_see_the_report(client, articles):
    # Editors can since issue 17 (people 0003); an account in no group cannot.
    user = make_user("demo-no-role")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("clinical_review_report"))
    assert response.status_code in (302, 403)
    assert "Demo overdue" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_counts_overdue_articles_for_publishers(client, publisher, articles):
    client.force_login(publisher)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-review-overdue="1"' in html
    assert "1 article is overdue for clinical review." in html
    assert "Published but never reviewed: 1" in html
    assert reverse("clinical_review_report") in html


def test_dashboard_shows_editors_the_review_panel(client, editor, articles):
    # Editors update the articles that fall due, so they see the count too (issue 17).
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-review-overdue="1"' in html
