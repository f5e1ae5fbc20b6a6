"""The "Clinical review" workflow: editors submit, clinical reviewers approve, approval
publishes the article and records the review on it."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Workflow

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory, demo_body
from articles.models import ArticlePage
from articles.review.dates import add_months
from people.factories import PersonFactory
from people.models import Person

from .conftest import DEMO_REFERENCES, article_form_data, make_user


def approve(client, user, page):
    """Approve the page's current review task as ``user``, through the admin."""
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def submit_for_review(page, user):
    """What the editor's "Submit to Clinical review" button does after saving the draft."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def test_every_series_and_article_goes_through_clinical_review(home_page, series):
    later_series = ArticleSeriesPageFactory(parent=home_page, title="Demo series added later")
    article = ArticlePageFactory(parent=later_series, title="Demo article")
    workflow = Workflow.objects.get(name="Clinical review")
    assert home_page.get_workflow() == workflow
    assert series.get_workflow() == workflow
    assert later_series.get_workflow() == workflow
    assert article.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Clinical reviewers"]


def test_submitted_article_is_private_until_a_clinical_reviewer_approves_it(
    client, editor, reviewer, series
):
    client.force_login(editor)
    data = article_form_data("Demo submitted article", "demo-submitted-article")
    data["action-submit"] = "Submit to Clinical review"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "articlepage", series.pk]), data
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="demo-submitted-article")
    assert not article.live
    assert article.workflow_in_progress
    client.logout()
    assert client.get("/demo-series/demo-submitted-article/").status_code == 404

    today = timezone.localdate()
    response = approve(client, reviewer, article)
    assert response.status_code == 302

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.last_reviewed == today
    assert article.next_review_due == add_months(today, 12)
    assert article.clinically_reviewed_by == Person.objects.get(user=reviewer)
    assert PageLogEntry.objects.filter(
        page=article, action="artcms.clinical_review", user=reviewer
    ).exists()
    client.logout()
    html = client.get("/demo-series/demo-submitted-article/").content.decode()
    assert "Clinically reviewed by" in html and "Demo Reviewer, DemoMD" in html
    assert f'Page last reviewed: <time datetime="{today.isoformat()}">' in html


def test_review_details_the_editor_entered_are_kept(client, editor, reviewer, series):
    outside_reviewer = PersonFactory(name="Demo Outside Reviewer")
    article = ArticlePageFactory(
        parent=series, title="Demo article", live=False, body=demo_body(DEMO_REFERENCES)
    )
    article.last_reviewed = datetime.date(2026, 1, 5)
    article.clinically_reviewed_by = outside_reviewer
    submit_for_review(article, editor)

    approve(client, reviewer, ArticlePage.objects.get(pk=article.pk))

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.last_reviewed == datetime.date(2026, 1, 5)
    assert article.next_review_due == datetime.date(2027, 1, 5)
    assert article.clinically_reviewed_by == outside_reviewer


def test_approving_a_changed_live_article_records_a_new_review(client, editor, reviewer, article):
    earlier_reviewer = PersonFactory(name="Demo Earlier Reviewer")
    article.last_reviewed = datetime.date(2024, 2, 1)
    article.clinically_reviewed_by = earlier_reviewer
    article.save_revision().publish()

    # The editor updates the text; the review fields still hold the previous review.
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.summary = "An updated synthetic summary."
    submit_for_review(draft, editor)
    approve(client, reviewer, ArticlePage.objects.get(pk=article.pk))

    article = ArticlePage.objects.get(pk=article.pk)
    today = timezone.localdate()
    assert article.summary == "An updated synthetic summary."
    assert article.last_reviewed == today
    assert article.next_review_due == add_months(today, 12)
    assert article.clinically_reviewed_by.user == reviewer


def test_a_reviewer_without_a_person_is_named_from_their_account(client, editor, series):
    reviewer = make_user(
        "demo-unlinked", "Clinical reviewers", first_name="Demo", last_name="Unlinked"
    )
    article = ArticlePageFactory(parent=series, live=False, body=demo_body(DEMO_REFERENCES))
    submit_for_review(article, editor)

    approve(client, reviewer, ArticlePage.objects.get(pk=article.pk))

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.clinically_reviewed_by.name == "Demo Unlinked"
    assert article.clinically_reviewed_by.user == reviewer


def test_requesting_changes_does_not_publish_or_record_a_review(client, editor, reviewer, series):
    article = ArticlePageFactory(parent=series, live=False, body=demo_body(DEMO_REFERENCES))
    submit_for_review(article, editor)
    client.force_login(reviewer)
    task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "reject", task_state.pk]),
        {"comment": "Demo: please add a year to reference 2."},
    )
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.last_reviewed is None
    assert article.clinically_reviewed_by is None


@pytest.mark.parametrize("group", ["Editors", "Publishers"])
def test_only_clinical_reviewers_can_approve(client, editor, group, series):
    article = ArticlePageFactory(parent=series, live=False, body=demo_body(DEMO_REFERENCES))
    submit_for_review(article, editor)
    other = make_user(f"demo-{group.lower()}-member", group)
    response = approve(client, other, ArticlePage.objects.get(pk=article.pk))
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_approved_article_with_a_go_live_date_is_published_by_publish_scheduled(
    client, editor, reviewer, series
):
    approval_day = timezone.localdate()
    article = ArticlePageFactory(parent=series, live=False, body=demo_body(DEMO_REFERENCES))
    article.go_live_at = timezone.now() + datetime.timedelta(days=2)
    submit_for_review(article, editor)

    approve(client, reviewer, ArticlePage.objects.get(pk=article.pk))

    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live  # Approved, but waiting for its go-live date.
    scheduled = article.scheduled_revision
    assert scheduled is not None
    assert scheduled.as_object().last_reviewed == approval_day

    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        call_command("publish_scheduled", stdout=io.StringIO())
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.last_reviewed == approval_day
    assert article.clinically_reviewed_by.user == reviewer
