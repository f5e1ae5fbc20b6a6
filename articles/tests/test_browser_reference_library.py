"""End to end in Chromium: an Editor opens an article, adds a reference from the shared
library through the chooser (searching by author), saves; once published, readers see it
formatted like every other reference."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import ReferenceIndex

from articles.factories import ArticlePageFactory, demo_body
from articles.models import ArticlePage, Reference

from .conftest import DEMO_REFERENCES, make_user
from .test_browser_clinical_review import log_in

pytestmark = pytest.mark.browser


def test_editor_cites_a_library_reference_chosen_in_the_chooser(
    clinical_review_roles, series, browser_page, live_server
):
    reference = Reference.objects.create(
        kind="article-journal",
        authors="Numbat, E.",
        year=2019,
        title="Demo library reference chosen in the browser",
        source="Demo Journal of Examples",
        doi="10.5555/demo.browser",
    )
    Reference.objects.create(authors="Quokka, D.", year=2011, title="Demo other reference")
    article = ArticlePageFactory(
        parent=series,
        title="Demo article 1",
        slug="demo-article-1",
        body=demo_body(DEMO_REFERENCES),
    )
    article.save_revision().publish()
    make_user("demo-editor", "Editors")
    page = browser_page
    log_in(page, "demo-editor")
    page.goto(f"/admin/pages/{article.pk}/edit/")

    references = page.locator('[data-contentpath="references"]').first
    references.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Reference from the library", exact=True).click()
    references.get_by_role("button", name="Choose reference").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill("Numbat")
    choice = modal.get_by_role("link", name=re.compile("Demo library reference chosen"))
    expect(modal.get_by_text("Demo other reference")).to_have_count(0)
    choice.click()
    expect(modal).to_be_hidden()
    expect(references).to_contain_text("Numbat, E. (2019). Demo library reference chosen")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")

    # A Publisher publishes the editor's draft; readers see the reference in the list.
    ArticlePage.objects.get(pk=article.pk).get_latest_revision().publish()
    # The library's "used in" count sees the article.
    assert ReferenceIndex.get_grouped_references_to(reference).count() == 1
    page.goto(article.url)
    items = page.locator("ol.reference-list > li.reference")
    expect(items).to_have_count(3)
    expect(items.last).to_contain_text(
        "Numbat, E. (2019). Demo library reference chosen in the browser. Demo Journal of Examples."
    )
    expect(
        items.last.get_by_role("link", name="https://doi.org/10.5555/demo.browser")
    ).to_be_visible()
    expect(items.last.get_by_role("link", name=re.compile("RIS"))).to_be_visible()
