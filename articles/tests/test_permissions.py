"""What each role can and cannot do, checked through the admin with Django's test client."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from articles.factories import ArticlePageFactory, demo_body
from articles.models import ArticlePage
from core.models import SiteSettings
from people.models import Person

from .conftest import DEMO_REFERENCES, article_form_data

DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def assert_denied(client, response):
    """Wagtail's admin answers a forbidden request with a redirect and an apology."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert DENIED_MESSAGE in client.get(response["Location"]).content.decode()


@pytest.fixture
def draft(series, editor):
    page = ArticlePageFactory(
        parent=series,
        title="Demo draft",
        slug="demo-draft",
        live=False,
        owner=editor,
        body=demo_body(DEMO_REFERENCES),
    )
    page.save_revision(user=editor)
    return page


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])


# --- Editors -------------------------------------------------------------------------------


def test_editor_can_create_and_edit_but_has_no_publish_button(client, editor, draft):
    assert draft.permissions_for_user(editor).can_edit()
    assert not draft.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_editor_cannot_publish_even_by_posting_the_publish_action(client, editor, draft):
    client.force_login(editor)
    data = article_form_data("Demo draft edited", "demo-draft", **{"action-publish": "Publish"})
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert not draft.live
    assert client.get("/demo-series/demo-draft/").status_code == 404


def test_editor_cannot_edit_site_settings(client, editor, home_page):
    client.force_login(editor)
    assert_denied(client, client.get(settings_url()))
    client.post(settings_url(), {"organisation_name": "Demo takeover"})
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).organisation_name != (
        "Demo takeover"
    )


def test_editor_cannot_manage_people(client, editor):
    client.force_login(editor)
    assert_denied(client, client.get(reverse("wagtailsnippets_people_person:add")))


# --- Clinical reviewers --------------------------------------------------------------------


def test_clinical_reviewer_cannot_delete_pages(client, reviewer, article):
    assert not article.permissions_for_user(reviewer).can_delete()
    client.force_login(reviewer)
    delete_url = reverse("wagtailadmin_pages:delete", args=[article.pk])
    assert_denied(client, client.get(delete_url))
    client.post(delete_url)
    assert ArticlePage.objects.filter(pk=article.pk).exists()


def test_clinical_reviewer_cannot_publish_or_edit_outside_review(client, reviewer, draft):
    assert not draft.permissions_for_user(reviewer).can_publish()
    client.force_login(reviewer)
    assert_denied(client, client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))


# --- Publishers ----------------------------------------------------------------------------


def test_publisher_can_publish_and_edit_site_settings(client, publisher, draft):
    assert draft.permissions_for_user(publisher).can_publish()
    assert draft.permissions_for_user(publisher).can_delete()
    client.force_login(publisher)
    response = client.get(settings_url(), follow=True)
    assert response.status_code == 200
    assert "organisation_name" in response.content.decode()


# --- Anonymous visitors --------------------------------------------------------------------


def test_anonymous_visitor_cannot_see_drafts_previews_or_the_report(client, draft):
    assert client.get("/demo-series/demo-draft/").status_code == 404
    for url in [
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]),
        reverse("clinical_review_report"),
        reverse("clinical_review_report") + "?export=csv",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_publisher_adds_a_person_and_links_their_account(client, publisher, reviewer):
    client.force_login(publisher)
    add_url = reverse("wagtailsnippets_people_person:add")
    html = client.get(add_url).content.decode()
    assert "Qualifications shown after the name" in html  # Help text written for clinicians.
    response = client.post(
        add_url,
        {
            "name": "Demo New Author",
            "credentials": "DemoRN",
            "role": "Demo nurse",
            "bio": "",
            "photo": "",
            "user": publisher.pk,
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Demo New Author")
    assert str(person) == "Demo New Author, DemoRN"
    assert person.user == publisher


def test_an_account_can_be_linked_to_only_one_person(client, publisher, reviewer):
    client.force_login(publisher)
    response = client.post(
        reverse("wagtailsnippets_people_person:add"),
        {"name": "Demo Duplicate", "credentials": "", "role": "", "bio": "", "user": reviewer.pk},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not Person.objects.filter(name="Demo Duplicate").exists()


def test_the_old_site_settings_address_leads_to_the_settings(client, publisher, home_page):
    """Site settings moved from the home app to core; a bookmarked address still works."""
    client.force_login(publisher)
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/home/sitesettings/{site.pk}/")
    assert response.status_code == 301
    assert response["Location"] == settings_url()
    assert client.get(response["Location"]).status_code == 200
