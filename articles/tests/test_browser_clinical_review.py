"""End to end in Chromium: an Editor writes an article in the real Wagtail admin and submits
it, a Clinical reviewer approves it, and a visitor reads it as the last part of the series.

The groups and the "Clinical review" workflow come from a data migration; an earlier
transactional test may have emptied the database, so the clinical_review_roles fixture
runs that migration again first.
"""

import re

import pytest
from django.utils import timezone
from django.utils.dateformat import format as format_date
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory, demo_body
from people.factories import PersonFactory

from .conftest import DEMO_REFERENCES, PASSWORD, make_user

pytestmark = pytest.mark.browser

REFERENCES = [
    ("Demo, A. & Sample, B.", "2020", "Demo reference one", "Demo Journal of Examples"),
    ("Example, C.", "2018", "Demo reference two", "Demo Press"),
]


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def write_article(page, series):
    """Fill in the article editor: a heading, a paragraph, a call to action, two references."""
    page.goto(f"/admin/pages/add/articles/articlepage/{series.pk}/")
    page.get_by_placeholder("Page title*").fill("Demo part two")
    body = page.locator('[data-contentpath="body"]')

    def add_block(label):
        body.locator("button.c-sf-add-button").last.click()
        page.get_by_role("option", name=label, exact=True).click()

    add_block("Section heading")
    page.locator("#body-0-value").fill("Demo section")
    add_block("Paragraph")
    body.locator('[contenteditable="true"]').first.click()
    page.keyboard.type("Demo paragraph written in the browser.")
    add_block("Call to action")
    page.locator("#body-2-value-heading").fill("Demo call to action")
    page.locator("#body-2-value-url").fill("https://example.com/book")
    add_block("References")
    for number, (authors, year, title, source) in enumerate(REFERENCES):
        # Each entry is typed in ("Reference") or chosen ("Reference from the library").
        body.locator('[data-contentpath="references"] button.c-sf-add-button').last.click()
        page.get_by_role("option", name="Reference", exact=True).click()
        field = f"#body-3-value-references-{number}-value-"
        page.locator(field + "authors").fill(authors)
        page.locator(field + "year").fill(year)
        page.locator(field + "title").fill(title)
        page.locator(field + "source").fill(source)


def test_editor_writes_reviewer_approves_visitor_reads(
    clinical_review_roles, series, browser, browser_page, live_server
):
    part_one = ArticlePageFactory(
        parent=series, title="Demo part one", slug="demo-part-one", body=demo_body(DEMO_REFERENCES)
    )
    part_one.save_revision().publish()
    make_user("demo-editor", "Editors")
    reviewer = make_user("demo-reviewer", "Clinical reviewers")
    PersonFactory(name="Demo Reviewer", credentials="DemoMD", user=reviewer)

    # The Editor writes the article and submits it for clinical review.
    page = browser_page
    log_in(page, "demo-editor")
    write_article(page, series)
    # Wagtail 8 autosaves: the first autosave creates the page and turns the editor into
    # the edit view. Submitting while that request is still running would post a second
    # "create" (Wagtail answers with a server error: the slug is taken), so wait for it,
    # as an editor's pause would.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15_000)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Clinical review").click()
    expect(page.locator(".messages")).to_contain_text("submitted to clinical review")

    visitor = browser.new_context(base_url=live_server.url).new_page()
    assert visitor.goto("/demo-series/demo-part-two/").status == 404

    # The Clinical reviewer approves it from the dashboard.
    reviewer_page = browser.new_context(base_url=live_server.url).new_page()
    log_in(reviewer_page, "demo-reviewer")
    awaiting = reviewer_page.locator("#awaiting-review-section")
    row = awaiting.locator("tr", has_text="Demo part two")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    # Approving reloads the dashboard without the article awaiting review.
    expect(awaiting.locator("tr", has_text="Demo part two")).to_have_count(0)

    # A visitor finds it as the last part of the series, reviewed today.
    visitor.goto("/demo-series/")
    expect(visitor.locator(".article-list li").last).to_contain_text("Demo part two")
    visitor.goto("/demo-series/demo-part-one/")
    next_link = visitor.locator('a[rel="next"]')
    expect(next_link).to_contain_text("Demo part two")
    next_link.click()
    expect(visitor).to_have_url(re.compile(r"/demo-series/demo-part-two/$"))
    expect(visitor.locator("h1")).to_have_text("Demo part two")
    expect(visitor.locator(".reviewer")).to_contain_text("Demo Reviewer, DemoMD")
    today = format_date(timezone.localdate(), "j F Y")
    expect(visitor.locator(".review-dates")).to_contain_text(f"Page last reviewed: {today}")
    expect(visitor.locator(".reference")).to_have_count(2)
