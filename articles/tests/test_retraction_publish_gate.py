"""An article citing a retracted work is published only once a clinical reviewer confirms
it may still cite it: Publish, Approve in the editor and Approve on the dashboard."""

import pytest
from django.urls import reverse

from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.models import ArticlePage, RetractionConfirmation
from articles.references.retraction_check import check_doi

from .conftest import article_form_data
from .recorded_lookup import CONCERN_DOI, RETRACTED_BOTH_DOI, RETRACTED_DOI

REFUSED = "Not published: the article cites a retracted work (Reference 1 (Demo, A., 2020) was"
DOI_FIELD = "body-3-value-references-{}-value-doi"


@pytest.fixture
def checked(recorded_lookup, db):
    """The recorded Crossref answers for a retracted, a twice-retracted and a concern DOI."""
    for doi in (RETRACTED_DOI, RETRACTED_BOTH_DOI, CONCERN_DOI):
        check_doi(doi)


@pytest.fixture
def draft(series, checked):
    """A never-published article whose first reference is retracted."""
    references = [demo_reference(1, doi=RETRACTED_DOI), demo_reference(2, doi=CONCERN_DOI)]
    page = ArticlePageFactory(
        parent=series,
        title="Demo article 3",
        slug="demo-article-3",
        live=False,
        body=demo_body(references=references),
    )
    page.save_revision()
    return page


def edit_data(*dois, **extra):
    data = article_form_data("Demo article 3", "demo-article-3", **extra)
    for index, doi in enumerate(dois):
        data[DOI_FIELD.format(index)] = doi
    return data


def post_edit(client, user, page, data):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def in_review(page, editor):
    page.get_workflow().start(page, editor)
    return ArticlePage.objects.get(pk=page.pk)


APPROVE = {
    "action-workflow-action": "1",
    "workflow-action-name": "approve",
    "workflow-action-extra-data": '{"comment": ""}',
}


def test_a_publisher_cannot_publish_it_without_a_reviewer(client, publisher, draft):
    response = post_edit(
        client,
        publisher,
        draft,
        edit_data(RETRACTED_DOI, **{"action-publish": "1", "confirm_retracted_citations": "on"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSED in html
    assert "A clinical reviewer must read the notice and confirm it may still be cited" in html
    assert "I have read the retraction notice(s) and this article may still cite them" in html
    draft.refresh_from_db()
    assert not draft.live
    assert not RetractionConfirmation.objects.exists()

    # Saving a draft is always allowed; the box is only for reviewers.
    response = post_edit(client, publisher, draft, edit_data(RETRACTED_DOI))
    assert response.status_code == 302
    # Without the retracted reference, it publishes.
    response = post_edit(
        client, publisher, draft, edit_data(CONCERN_DOI, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_a_reviewer_confirms_in_the_editor_and_approves(client, editor, reviewer, draft):
    draft = in_review(draft, editor)
    response = post_edit(client, reviewer, draft, edit_data(RETRACTED_DOI, **APPROVE))
    assert response.status_code == 200
    assert "Read the notice and tick this box if the article may still cite it" in (
        response.content.decode()
    )
    assert not ArticlePage.objects.get(pk=draft.pk).live

    data = edit_data(RETRACTED_DOI, **APPROVE, confirm_retracted_citations="on")
    response = post_edit(client, reviewer, draft, data)
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=draft.pk).live
    confirmation = RetractionConfirmation.objects.get()
    assert (confirmation.article_id, confirmation.confirmed_by) == (draft.pk, reviewer)
    assert confirmation.dois == [RETRACTED_DOI]

    # The editor now sees who confirmed it, and cannot change it.
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Confirmed by Demo Reviewer on" in html


def test_an_editors_tick_does_not_count(client, editor, publisher, draft):
    post_edit(client, editor, draft, edit_data(RETRACTED_DOI, confirm_retracted_citations="on"))
    assert not RetractionConfirmation.objects.exists()
    response = post_edit(
        client, publisher, draft, edit_data(RETRACTED_DOI, **{"action-publish": "1"})
    )
    assert REFUSED in response.content.decode()


def test_the_confirmation_lapses_when_the_retracted_works_cited_change(
    client, editor, reviewer, publisher, draft
):
    # A reviewer confirms while saving the draft under review; a Publisher may publish it.
    draft = in_review(draft, editor)
    data = edit_data(RETRACTED_DOI, confirm_retracted_citations="on")
    assert post_edit(client, reviewer, draft, data).status_code == 302
    assert RetractionConfirmation.objects.count() == 1
    draft.current_workflow_state.cancel(user=editor)  # unlocks it for the Publisher
    publish = {"action-publish": "1"}
    response = post_edit(client, publisher, draft, edit_data(RETRACTED_DOI, **publish))
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=draft.pk).live

    # Another retracted work is added: the confirmation no longer covers what is cited.
    response = post_edit(
        client, publisher, draft, edit_data(RETRACTED_DOI, RETRACTED_BOTH_DOI, **publish)
    )
    assert response.status_code == 200
    assert "Not published: the article cites a retracted work" in response.content.decode()
    assert "Reference 2 (Example, C., 2018) was retracted on 1 June 2023" in (
        response.content.decode()
    )


def test_the_dashboard_approve_sends_the_reviewer_to_the_editor(client, editor, reviewer, draft):
    draft = in_review(draft, editor)
    task_state = draft.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    client.force_login(reviewer)
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    html = response.content.decode()
    assert "Not published: &#x27;Demo article 3&#x27; cites a retracted work" in html
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert not ArticlePage.objects.get(pk=draft.pk).live

    RetractionConfirmation.objects.create(
        article=draft, dois=[RETRACTED_DOI], confirmed_by=reviewer
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_the_page_listings_bulk_publish_is_refused_too(client, publisher, series, draft):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    listing = f"/admin/pages/{series.pk}/"
    client.force_login(publisher)
    response = client.post(f"{url}?id={draft.pk}&next={listing}", {}, follow=True)
    assert response.redirect_chain[-1][0] == listing
    assert "Nothing was published: Demo article 3 cite(s) a retracted work" in (
        response.content.decode()
    )
    assert not ArticlePage.objects.get(pk=draft.pk).live

    RetractionConfirmation.objects.create(article=draft, dois=[RETRACTED_DOI])
    client.post(f"{url}?id={draft.pk}&next={listing}", {})
    assert ArticlePage.objects.get(pk=draft.pk).live
