"""In Chromium, as an Editor: import a Word document into a series from the admin, check
the dry run, create the draft and submit it to clinical review."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage

from .conftest import make_user
from .docx_files import demo_docx
from .test_browser_clinical_review import log_in

pytestmark = pytest.mark.browser

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_an_editor_imports_a_word_document_and_submits_it_for_review(
    clinical_review_roles, series, browser_page
):
    make_user("demo-editor", "Editors")
    page = browser_page
    log_in(page, "demo-editor")

    # From the series' page listing: the header's actions menu.
    page.goto(f"/admin/pages/{series.pk}/")
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Import article").click()
    expect(page).to_have_url(re.compile(rf"/admin/series/{series.pk}/import/$"))

    # A file of the wrong type first: the message is next to the field.
    page.get_by_label("Article file").set_input_files(
        {"name": "demo.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 demo"}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.locator("[data-field-wrapper]").filter(has=page.get_by_label("Article file"))
    ).to_contain_text(
        "This file is a .pdf file; import a text export (.txt) or a Word document (.docx)."
    )

    page.get_by_label("Article file").set_input_files(
        {"name": "Demo article 5.docx", "mimeType": DOCX_TYPE, "buffer": demo_docx(5)}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.get_by_role("heading", name="Dry run: nothing has been created yet")
    ).to_be_visible()
    expect(page.locator('[data-import="title"]')).to_have_text("Demo article 5")
    expect(page.locator('[data-import="slug"]')).to_have_text("demo-article-5")
    expect(page.locator('[data-import="series"]')).to_have_text("Demo series")
    expect(page.locator('[data-import="counts"]')).to_have_text(
        "2 sections, 2 paragraphs, 0 lists, 2 references"
    )
    expect(page.locator('[data-import="references"] li')).to_have_count(2)
    expect(page.locator('[data-import="references"] li').first).to_contain_text(
        "Demo, A., & Sample, B. (2020). Demo article title."
    )
    assert not ArticlePage.objects.exists()

    page.get_by_role("button", name="Create draft").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator(".messages")).to_contain_text("“Demo article 5” was imported as a draft")
    article = ArticlePage.objects.get(slug="demo-article-5")
    assert not article.live

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Clinical review").click()
    expect(page.locator(".messages")).to_contain_text("submitted to clinical review")
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.workflow_in_progress and not article.live
