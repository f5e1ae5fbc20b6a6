"""In Chromium: a Clinical reviewer approving an article that cites a retracted work is
sent to the editor, reads the warning with the notice link, ticks the confirmation and
approves; the article goes live and the confirmation names them."""

import re

import pytest
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.models import ArticlePage, RetractionConfirmation
from articles.references.retraction_check import check_doi
from people.factories import PersonFactory

from .conftest import make_user
from .recorded_lookup import DEMO_DOI, RETRACTED_DOI
from .test_browser_clinical_review import log_in

pytestmark = pytest.mark.browser


def test_reviewer_reads_the_retraction_warning_and_confirms(
    clinical_review_roles, series, recorded_lookup, browser_page
):
    editor = make_user("demo-editor", "Editors")
    reviewer = make_user("demo-reviewer", "Clinical reviewers", first_name="Demo")
    PersonFactory(name="Demo Reviewer", credentials="DemoMD", user=reviewer)
    references = [demo_reference(1, doi=DEMO_DOI), demo_reference(2, doi=RETRACTED_DOI)]
    article = ArticlePageFactory(
        parent=series, title="Demo article 3", live=False, body=demo_body(references=references)
    )
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    check_doi(RETRACTED_DOI)
    check_doi(DEMO_DOI)

    page = browser_page
    log_in(page, "demo-reviewer")
    row = page.locator("#awaiting-review-section tr", has_text="Demo article 3")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()

    # Not approved: the reviewer lands in the editor with the reason.
    expect(page).to_have_url(re.compile(rf"/admin/pages/{article.pk}/edit/$"))
    expect(page.locator(".messages")).to_contain_text(
        "Not published: 'Demo article 3' cites a retracted work"
    )
    checks = page.locator("[data-article-checks]")
    expect(checks).to_contain_text(
        "Reference 2 (Demo, A., 2020) was retracted on 10 January 2022 (reported by "
        "Retraction Watch)"
    )
    expect(checks.get_by_role("link", name="Open the notice")).to_have_attribute(
        "href", "https://doi.org/10.5555/demo.retraction-notice"
    )
    assert not ArticlePage.objects.get(pk=article.pk).live

    box = page.get_by_role(
        "checkbox", name="I have read the retraction notice(s) and this article may still cite them"
    )
    box.check()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Published: 'Demo article 3' is live")

    assert ArticlePage.objects.get(pk=article.pk).live
    confirmation = RetractionConfirmation.objects.get(article=article)
    assert confirmation.confirmed_by == reviewer
    assert confirmation.dois == [RETRACTED_DOI]
