"""Fixtures for the clinical-governance tests: one user per role, and demo articles.

The groups and the "Clinical review" workflow come from people's data migration, as on a
fresh site. Everything here is visibly synthetic.
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.blocks import PARAGRAPH_FEATURES
from articles.factories import ArticlePageFactory, demo_body
from people.factories import PersonFactory

# The recorded Crossref / E-utilities server for the reference lookup tests.
from .recorded_lookup import recorded_api_server, recorded_lookup  # noqa: F401

PASSWORD = "demo-password-for-tests"

DEMO_REFERENCES = [
    {
        "kind": "article-journal",
        "authors": "Demo, A. & Sample, B.",
        "year": 2020,
        "title": "Demo reference one",
        "source": "Demo Journal of Examples",
        "peer_reviewed": True,
    },
    {
        "kind": "book",
        "authors": "Example, C.",
        "year": 2018,
        "title": "Demo reference two",
        "source": "Demo Press",
        "peer_reviewed": True,
    },
]


def make_user(username, group_name=None, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD, **fields
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def clinical_review_roles(transactional_db, home_page):
    """The roles and workflow for a transactional (browser) test.

    A transactional test empties the database when it ends, data migrations included, so
    the next one runs the roles migration again (it only adds what is missing) once the
    root page is back.
    """
    migration = importlib.import_module("people.migrations.0002_roles_and_clinical_review_workflow")
    migration.create_roles_and_workflow(django_apps, schema_editor=None)
    editors = importlib.import_module("people.migrations.0003_editors_reorder_and_review_report")
    editors.grant_editor_permissions(django_apps, schema_editor=None)


@pytest.fixture
def editor(db):
    return make_user("demo-editor", "Editors", first_name="Demo", last_name="Editor")


@pytest.fixture
def reviewer(db):
    user = make_user("demo-reviewer", "Clinical reviewers", first_name="Demo", last_name="Reviewer")
    PersonFactory(name="Demo Reviewer", credentials="DemoMD", role="Demo reviewer", user=user)
    return user


@pytest.fixture
def publisher(db):
    return make_user("demo-publisher", "Publishers")


@pytest.fixture
def article(series):
    """A live article with two dated references, published through a revision."""
    page = ArticlePageFactory(
        parent=series, title="Demo article one", body=demo_body(references=DEMO_REFERENCES)
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def article_form_data(title, slug, **extra):
    """POST data for the article editor: heading, paragraph, call to action, two references."""
    reference_items = {
        str(index): {"type": "reference", "value": reference, "deleted": "", "order": str(index)}
        for index, reference in enumerate(DEMO_REFERENCES)
    }
    for item in reference_items.values():
        item["value"] = {**item["value"], "peer_reviewed": "on"}
    reference_items["count"] = str(len(DEMO_REFERENCES))
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "subtitle": "",
            "summary": "A synthetic article for the tests.",
            "body": streamfield(
                [
                    ("heading", "Demo section"),
                    (
                        "paragraph",
                        rich_text("<p>Demo paragraph.</p>", features=PARAGRAPH_FEATURES),
                    ),
                    (
                        "call_to_action",
                        {
                            "heading": "Demo call to action",
                            "text": "Demo text.",
                            "button_label": "Demo button",
                            "page": "",
                            "url": "https://example.com/book",
                        },
                    ),
                    (
                        "references",
                        {"heading": "Peer-Reviewed References", "references": reference_items},
                    ),
                ]
            ),
            "article_authors": inline_formset([]),
            "topics": "",
            "clinically_reviewed_by": "",
            "last_reviewed": "",
            "next_review_due": "",
        }
    )
    data.update(extra)
    return data
