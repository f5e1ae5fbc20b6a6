"""The editor's autosave and a submit racing to create the same page give a message, not
a server error (artcms.middleware.PageCreateRaceMiddleware)."""

import sys

import pytest
from django.urls import reverse
from wagtail.models import Page

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage

from .conftest import article_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def slug_race(monkeypatch):
    """The race: the form's slug checks run before the other request's page is saved.

    Checks made by the admin form are told the slug is free; the check made when the page
    is saved sees the page the autosave created, as it would in the real race.
    """
    original = Page._slug_is_available
    form_checks = []

    def racing(slug, parent_page, page=None):
        if sys._getframe(1).f_globals.get("__name__", "").startswith("wagtail.admin.forms"):
            form_checks.append(slug)
            return True
        return original(slug, parent_page, page)

    monkeypatch.setattr(Page, "_slug_is_available", staticmethod(racing))
    return form_checks


def create_url(series):
    return reverse("wagtailadmin_pages:add", args=["articles", "articlepage", series.pk])


def test_a_submit_that_loses_the_race_shows_a_message(client, editor, series, slug_race):
    autosaved = ArticlePageFactory(parent=series, title="Demo raced", slug="demo-raced", live=False)
    client.force_login(editor)
    data = article_form_data("Demo raced", "demo-raced")
    data["action-submit"] = "Submit to Clinical review"

    response = client.post(create_url(series), data, follow=True)

    assert slug_race  # The race really ran through the form.
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=[series.pk])
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert "had already been saved as a draft" in messages[0]
    assert "“Demo raced”" in messages[0]
    # Only the autosaved page exists; nothing half-created.
    assert list(ArticlePage.objects.child_of(series).values_list("pk", flat=True)) == [autosaved.pk]


def test_an_autosave_that_loses_the_race_gets_a_json_error(client, editor, series, slug_race):
    ArticlePageFactory(parent=series, title="Demo raced", slug="demo-raced", live=False)
    client.force_login(editor)
    response = client.post(
        create_url(series),
        article_form_data("Demo raced", "demo-raced"),
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    payload = response.json()
    assert payload["success"] is False
    assert "had already been saved as a draft" in payload["error_message"]


def test_other_errors_are_not_hidden(client, editor, series, monkeypatch):
    """Only the slug race is answered; any other failure still reaches the error handler."""

    def broken(*args, **kwargs):
        raise RuntimeError("Demo failure")

    monkeypatch.setattr(ArticlePage, "save_revision", broken)
    client.force_login(editor)
    data = article_form_data("Demo broken", "demo-broken")
    client.raise_request_exception = True
    with pytest.raises(RuntimeError, match="Demo failure"):
        client.post(create_url(series), data)
