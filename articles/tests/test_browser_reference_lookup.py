"""End to end in Chromium: an Editor adds a reference, pastes a DOI, presses "Fill in from
DOI or PMID", and sees the fields filled from the recorded Crossref server, with what they
had typed kept and the result announced next to the button."""

import pytest
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory, demo_body

from .conftest import DEMO_REFERENCES, make_user
from .recorded_lookup import (
    DEMO_DOI,
    DEMO_PMID,
    RETRACTED_DOI,
)
from .test_browser_clinical_review import log_in

pytestmark = pytest.mark.browser


def new_reference(page):
    """Add a reference to the article's references list; return the new reference's form."""
    references = page.locator('[data-contentpath="references"]').first
    references.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Reference", exact=True).click()
    block = references.locator(".reference-block").last
    expect(block.get_by_role("button", name="Fill in from DOI or PMID")).to_be_visible()
    return block


def field(block, name):
    return block.locator(f'[data-contentpath="{name}"] input').first


def test_editor_fills_a_reference_from_a_doi_and_a_pmid(
    clinical_review_roles, series, browser_page, live_server, recorded_lookup
):
    article = ArticlePageFactory(
        parent=series,
        title="Demo article 1",
        slug="demo-article-1",
        body=demo_body(DEMO_REFERENCES),
    )
    make_user("demo-editor", "Editors")
    page = browser_page
    log_in(page, "demo-editor")
    page.goto(f"/admin/pages/{article.pk}/edit/")

    block = new_reference(page)
    field(block, "title").fill("Demo title typed by the editor")
    field(block, "doi").fill(f"https://doi.org/{DEMO_DOI}")
    block.get_by_role("button", name="Fill in from DOI or PMID").click()

    status = block.locator(".reference-lookup__status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Filled in: Authors, Year, Source, Volume, Issue, Pages")
    expect(status).to_contain_text("Kept what you typed in: Title")
    expect(field(block, "authors")).to_have_value("Demo, A., & Sample, B. C.")
    expect(field(block, "year")).to_have_value("2020")
    expect(field(block, "source")).to_have_value("Demo Journal of Examples")
    expect(field(block, "pages")).to_have_value("12-20")
    # Asked before replacing what the editor typed; Playwright declines the dialog.
    expect(field(block, "title")).to_have_value("Demo title typed by the editor")

    # A second reference from a PMID, and a clear message for one PubMed does not have.
    block = new_reference(page)
    field(block, "pmid").fill("90000404")
    block.get_by_role("button", name="Fill in from DOI or PMID").click()
    expect(block.locator(".reference-lookup__status")).to_have_text(
        "PubMed has no record with the PMID 90000404. Check the number."
    )
    expect(field(block, "title")).to_have_value("")
    field(block, "pmid").fill(DEMO_PMID)
    block.get_by_role("button", name="Fill in from DOI or PMID").click()
    expect(field(block, "title")).to_have_value("Demo record from PubMed")
    expect(field(block, "authors")).to_have_value("Demo A, Sample BC")
    expect(field(block, "doi")).to_have_value("10.5555/demo.pubmed")

    # A retracted work: the fields are filled and the warning is read out first.
    block = new_reference(page)
    field(block, "doi").fill(RETRACTED_DOI)
    block.get_by_role("button", name="Fill in from DOI or PMID").click()
    status = block.locator(".reference-lookup__status")
    expect(status).to_contain_text("This work has been retracted")
    expect(status).to_have_attribute("data-state", "warning")
    expect(field(block, "title")).to_have_value("Demo retracted article")
