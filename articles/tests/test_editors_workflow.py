"""Issue 17, the editors' workflow, request by request, as each role meets it."""

import pytest
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def titles_in_order(series):
    return [page.title for page in series.get_children().order_by("path")]


def log_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


# Item 1: reordering that matches permissions.


def test_an_editor_can_reorder_the_articles_of_a_series(client, editor, three_articles):
    series = three_articles[0].get_parent()
    log_in(client, editor)
    # The explorer's drag and drop posts the new position to this view.
    url = reverse("wagtailadmin_pages:set_page_position", args=[three_articles[0].pk])
    response = client.post(f"{url}?position=2")
    assert response.status_code == 200
    assert titles_in_order(series) == ["Demo article 2", "Demo article 3", "Demo article 1"]


def test_a_clinical_reviewer_cannot_reorder_a_series(client, reviewer, three_articles):
    series = three_articles[0].get_parent()
    log_in(client, reviewer)
    url = reverse("wagtailadmin_pages:set_page_position", args=[three_articles[0].pk])
    # Wagtail turns the refusal into a redirect to the dashboard with "permission" message.
    assert client.post(f"{url}?position=2").status_code == 302
    assert titles_in_order(series) == ["Demo article 1", "Demo article 2", "Demo article 3"]


def test_an_editor_still_cannot_reorder_the_home_pages_children(client, editor, three_articles):
    # The permission is about series order, not the site's top-level sections.
    log_in(client, editor)
    series = three_articles[0].get_parent()
    url = reverse("wagtailadmin_pages:set_page_position", args=[series.pk])
    assert client.post(f"{url}?position=0").status_code == 302
    assert series.get_prev_sibling() is None
