"""Migration 0007: a References block's list becomes a stream of entries, and back.

The migration's functions run against the real database with the project's models (as
people's roles migration is re-run in conftest), on bodies and revisions stored in the
shape a ListBlock wrote before the library existed.
"""

import importlib
import json

from django.apps import apps as django_apps
from django.contrib.auth.models import Group

from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.models import ArticlePage, Reference

migration = importlib.import_module("articles.migrations.0007_reference_library")


def stored_entries(raw_body):
    [block] = [block for block in raw_body if block["type"] == "references"]
    return block["value"]["references"]


def list_shaped_article(series):
    """An article whose body and revision hold references as a ListBlock stored them: one
    "item" with an id, one bare value (stored before list items had ids)."""
    page = ArticlePageFactory(parent=series, title="Demo article stored as a list")
    body = demo_body([demo_reference(1)])
    old = [{"type": "item", "value": demo_reference(1), "id": "demo-id-1"}, demo_reference(2)]
    body[-1]["value"]["references"] = old
    ArticlePage.objects.filter(pk=page.pk).update(body=json.dumps(body))
    revision = page.save_revision()
    revision.content["body"] = json.dumps(body)
    revision.save(update_fields=["content"])
    return page, revision


def test_list_entries_become_inline_stream_entries_in_bodies_and_revisions(series):
    page, revision = list_shaped_article(series)
    migration.lists_to_streams(django_apps, None)

    page = ArticlePage.objects.get(pk=page.pk)
    expected = [
        {"type": "reference", "value": demo_reference(1), "id": "demo-id-1"},
        {"type": "reference", "value": demo_reference(2)},
    ]
    assert stored_entries(page.body.raw_data) == expected
    revision.refresh_from_db()
    assert stored_entries(json.loads(revision.content["body"])) == expected
    # Readers see both, as before.
    titles = [value["title"] for value in page.references]
    assert titles == ["Demo reference 1", "Demo reference 2"]
    assert [value["title"] for value in revision.as_object().references] == titles

    # Converting again changes nothing.
    migration.lists_to_streams(django_apps, None)
    assert stored_entries(ArticlePage.objects.get(pk=page.pk).body.raw_data) == expected


def test_back_again_a_library_reference_becomes_an_inline_copy(series):
    chosen = Reference.objects.create(
        kind="book", authors="Demo, C.", year=2019, title="Demo library book", source="Demo Press"
    )
    deleted = Reference.objects.create(authors="Demo, D.", title="Demo deleted", year=2018)
    body = demo_body(
        [
            {"type": "reference", "value": demo_reference(1), "id": "demo-id-1"},
            {"type": "library_reference", "value": chosen.pk, "id": "demo-id-2"},
            {"type": "library_reference", "value": deleted.pk, "id": "demo-id-3"},
        ]
    )
    page = ArticlePageFactory(parent=series, body=body)
    deleted.delete()
    migration.streams_to_lists(django_apps, None)

    entries = stored_entries(ArticlePage.objects.get(pk=page.pk).body.raw_data)
    assert entries[0] == {"type": "item", "value": demo_reference(1), "id": "demo-id-1"}
    assert entries[1]["type"] == "item" and entries[1]["id"] == "demo-id-2"
    assert {key: entries[1]["value"][key] for key in ("kind", "authors", "title", "year")} == {
        "kind": "book",
        "authors": "Demo, C.",
        "title": "Demo library book",
        "year": 2019,
    }
    assert len(entries) == 2  # The deleted one had nothing left to copy.

    # And forward once more: the copy is an inline reference.
    migration.lists_to_streams(django_apps, None)
    page = ArticlePage.objects.get(pk=page.pk)
    assert [value["title"] for value in page.references] == [
        "Demo reference 1",
        "Demo library book",
    ]


def test_editors_and_reviewers_get_their_library_permissions(db):
    migration.revoke_permissions(django_apps, None)
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(codename="add_reference").exists()
    migration.grant_permissions(django_apps, None)
    codenames = {
        name: set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="articles", codename__endswith="reference")
            .values_list("codename", flat=True)
        )
        for name in migration.PERMISSIONS
    }
    assert codenames == {
        "Editors": {"add_reference", "change_reference"},
        "Clinical reviewers": {"change_reference"},
        "Publishers": {"add_reference", "change_reference", "delete_reference"},
    }
