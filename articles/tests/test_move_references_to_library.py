"""``move_references_to_library``: inline references into the shared library, merged.

Run through call_command against the real database, as an administrator would.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.models import ArticlePage, Reference


def run(*args):
    out = io.StringIO()
    call_command("move_references_to_library", *args, stdout=out)
    return out.getvalue()


def entry_kinds(page):
    return [entry.block_type for block in page.body if block.block_type == "references"
            for entry in block.value["references"]]  # fmt: skip


@pytest.fixture
def citing_articles(series):
    """Three articles: two cite "Demo reference 1" (same DOI, typed differently), one is
    a draft with an undated reference without a DOI, twice."""
    live = ArticlePageFactory(
        parent=series,
        title="Demo article live",
        slug="demo-live",
        body=demo_body([demo_reference(1), demo_reference(2)]),
    )
    live.save_revision().publish()
    changed = ArticlePageFactory(
        parent=series,
        title="Demo article with a draft",
        slug="demo-draft-changes",
        body=demo_body([demo_reference(1, doi="https://doi.org/10.5555/DEMO.1")]),
    )
    changed.save_revision().publish()
    changed.title = "Demo article with a draft, retitled"
    changed.save_revision()
    no_doi = demo_reference(3, doi="", year=None)
    draft = ArticlePageFactory(
        parent=series,
        title="Demo article never published",
        slug="demo-never-published",
        live=False,
        body=demo_body([no_doi, dict(no_doi)]),
    )
    return live, ArticlePage.objects.get(pk=changed.pk), draft


def test_a_dry_run_prints_the_plan_and_writes_nothing(citing_articles):
    revisions = Revision.objects.count()
    out = run("--dry-run")
    assert "Would add to the library: Demo, A., & Sample, B. (2020). Demo reference 1." in out
    assert 'Would move 2 reference(s) of "Demo article live" into the library' in out
    assert out.strip().endswith(
        "Would move 5 reference(s) from 3 article(s) into the library (3 new library reference(s))."
    )
    assert not Reference.objects.exists()
    assert Revision.objects.count() == revisions
    assert all(set(entry_kinds(page)) == {"reference"} for page in ArticlePage.objects.all())


def test_references_move_into_the_library_merged_by_doi_and_by_fields(citing_articles):
    live, changed, draft = citing_articles
    out = run()
    assert out.strip().endswith(
        "Moved 5 reference(s) from 3 article(s) into the library (3 new library reference(s))."
    )
    # One per DOI (case and prefix aside), one for the two identical undated entries.
    assert sorted(Reference.objects.values_list("title", flat=True)) == [
        "Demo reference 1",
        "Demo reference 2",
        "Demo reference 3",
    ]
    one = Reference.objects.get(title="Demo reference 1")
    assert one.doi == "10.5555/demo.1"
    assert one.revisions.count() == 1

    # The live article: a new revision, published; readers see the same references.
    live = ArticlePage.objects.get(pk=live.pk)
    assert entry_kinds(live) == ["library_reference", "library_reference"]
    assert not live.has_unpublished_changes
    assert [value["title"] for value in live.references] == ["Demo reference 1", "Demo reference 2"]

    # The article with unpublished changes: its draft moves, its live version waits.
    changed = ArticlePage.objects.get(pk=changed.pk)
    assert changed.has_unpublished_changes
    assert entry_kinds(changed) == ["reference"]  # The live version, untouched.
    latest = changed.get_latest_revision_as_object()
    assert latest.title == "Demo article with a draft, retitled"  # The draft, kept.
    assert [entry.value for entry in latest.body[-1].value["references"]] == [one]
    assert (
        'of "Demo article with a draft" into the library: a new revision, saved as a draft' in out
    )

    # The page never published stays unpublished.
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert not draft.live
    latest = draft.get_latest_revision_as_object()
    three = Reference.objects.get(title="Demo reference 3")
    assert [entry.value for entry in latest.body[-1].value["references"]] == [three, three]


def test_moving_again_changes_nothing(citing_articles):
    run()
    revisions = Revision.objects.count()
    references = Reference.objects.count()
    out = run()
    assert out.strip() == (
        "Moved 0 reference(s) from 0 article(s) into the library (0 new library reference(s))."
    )
    assert Revision.objects.count() == revisions
    assert Reference.objects.count() == references


def test_a_reference_already_in_the_library_is_reused(series):
    existing = Reference.objects.create(
        kind="article-journal",
        authors="Demo, A. & Sample, B.",
        year=2020,
        title="Demo reference 1, as the library has it",
        source="Demo Journal of Examples",
        doi="10.5555/demo.1",
    )
    page = ArticlePageFactory(parent=series, body=demo_body([demo_reference(1)]))
    out = run()
    assert "merged by its DOI with a library reference whose other fields differ" in out
    assert Reference.objects.get() == existing
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [entry.value for entry in latest.body[-1].value["references"]] == [existing]


def test_a_reference_that_breaks_the_rules_stays_inline_and_is_named(series):
    # Stored before the authors rule: "Charles Demo" may be a person or an organisation.
    bad = demo_reference(2, authors="Charles Demo", doi="")
    page = ArticlePageFactory(
        parent=series, title="Demo article old", body=demo_body([demo_reference(1), bad])
    )
    out = run()
    assert '"Demo article old", reference 2: left inline (authors: ' in out
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert entry_kinds(latest) == ["library_reference", "reference"]
