"""Editors' checks: references, undated references, heading order; and the accessibility
checker. They warn; they never stop a draft being saved."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.factories import ArticlePageFactory, demo_body
from articles.models import ArticlePage
from articles.reference_blocks import UNREAD_REFERENCE_AUTHORS
from articles.review.editorial_checks import article_problems

from .conftest import DEMO_REFERENCES, article_form_data

# Building an ArticlePage looks up its content type, so even the pure checks need the database.
pytestmark = pytest.mark.django_db

UNDATED = {**DEMO_REFERENCES[1], "year": None, "title": "Demo undated work"}


def article_with(body):
    return ArticlePage(title="Demo check", slug="demo-check", body=body)


def test_a_well_formed_article_has_no_problems():
    assert article_problems(article_with(demo_body(DEMO_REFERENCES))) == []


def test_article_without_references_is_flagged():
    problems = article_problems(article_with(demo_body()))
    assert problems == [
        "The article has no references. Add a References block at the end listing the "
        "peer-reviewed works it draws on."
    ]


def test_reference_without_a_year_is_flagged_by_number_and_title():
    problems = article_problems(article_with(demo_body([DEMO_REFERENCES[0], UNDATED])))
    assert len(problems) == 1
    assert problems[0].startswith("Reference 2 (Demo undated work) has no year.")


def test_a_reference_the_importer_could_not_read_is_flagged():
    unread = {**UNDATED, "authors": UNREAD_REFERENCE_AUTHORS, "title": "Demo garbled line"}
    problems = article_problems(article_with(demo_body([DEMO_REFERENCES[0], unread])))
    assert problems == [
        "Reference 2 could not be read when the article was imported: its authors show as "
        "'[Reference to check]' to readers. Check it against the source and fill in the "
        "authors, year, title and source."
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("<h4>Demo deep heading</h4><p>Text.</p>", "skips a level (level 4 after level 2)"),
        ("<h1>Demo second title</h1>", "only the title may be"),
    ],
)
def test_heading_that_skips_a_level_is_flagged(paragraph, expected):
    body = [
        {"type": "heading", "value": "Demo section"},
        {"type": "paragraph", "value": paragraph},
        *demo_body(DEMO_REFERENCES)[1:],
    ]
    problems = article_problems(article_with(body))
    assert len(problems) == 1
    assert expected in problems[0]


def test_a_level_three_heading_under_a_section_is_fine():
    body = [
        {"type": "heading", "value": "Demo section"},
        {"type": "paragraph", "value": "<h3>Demo sub-section</h3><p>Text.</p>"},
        *demo_body(DEMO_REFERENCES)[1:],
    ]
    assert article_problems(article_with(body)) == []


def test_missing_and_empty_sections_are_flagged():
    no_headings = [
        {"type": "paragraph", "value": "<p>One.</p>"},
        {"type": "paragraph", "value": "<p>Two.</p>"},
        {"type": "references", "value": {"heading": "References", "references": DEMO_REFERENCES}},
    ]
    assert article_problems(article_with(no_headings)) == [
        "The article has no section headings. Add a Section heading before each part so "
        "readers can scan it and jump to what they need."
    ]
    empty_section = [
        {"type": "heading", "value": "Demo empty"},
        {"type": "heading", "value": "Demo full"},
        {"type": "paragraph", "value": "<p>Text.</p>"},
        {"type": "references", "value": {"heading": "References", "references": DEMO_REFERENCES}},
    ]
    assert article_problems(article_with(empty_section)) == [
        "The section 'Demo empty' is empty. Add text under it or remove the heading."
    ]


def test_saving_a_draft_with_problems_saves_it_and_warns(client, editor, series):
    article = ArticlePageFactory(parent=series, live=False, owner=editor, body=demo_body())
    client.force_login(editor)
    data = article_form_data(article.title, article.slug)
    # Drop the references block: the draft has none.
    data["body-count"] = "3"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data, follow=True)
    assert response.status_code == 200
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.references == []  # Saved despite the problem.
    soup = BeautifulSoup(response.content, "html.parser")
    messages = soup.select_one(".messages").get_text()
    assert "please check the article before clinical review" in messages
    assert "The article has no references." in messages
    # The editor's Content tab lists the same problem until it is fixed.
    assert "The article has no references." in soup.select_one("[data-article-checks]").get_text()


def test_editor_sees_no_warnings_for_a_well_formed_article(client, editor, article):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert "No problems found" in soup.select_one("[data-article-checks]").get_text()


def axe_configuration(html):
    soup = BeautifulSoup(html, "html.parser")
    script = soup.find("script", id="checker-axe-configuration")
    assert script is not None, "Wagtail's content checker is not on the page"
    return json.loads(script.string)


def test_accessibility_checker_runs_in_the_user_bar_with_our_rules(client, editor, article):
    client.force_login(editor)
    html = client.get(article.url).content.decode()
    rules = axe_configuration(html)["options"]["runOnly"]
    assert "heading-order" in rules  # Wagtail's own rules are kept...
    assert {"image-alt", "landmark-one-main"} <= set(rules)  # ...and ours are added.


def test_accessibility_checker_runs_in_the_editor_checks_panel(client, editor, article):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    rules = axe_configuration(html)["options"]["runOnly"]
    assert {"heading-order", "image-alt"} <= set(rules)
