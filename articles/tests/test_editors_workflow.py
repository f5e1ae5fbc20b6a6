"""Issue 17, the editors' workflow, request by request, as each role meets it."""

import datetime
import html
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from articles.factories import ArticlePageFactory, demo_body
from articles.models import ArticlePage, ArticlePageAuthor
from articles.topics.models import Topic
from people.factories import PersonFactory
from people.models import Person

from .conftest import DEMO_REFERENCES, article_form_data

pytestmark = pytest.mark.django_db


def titles_in_order(series):
    return [page.title for page in series.get_children().order_by("path")]


def log_in(client, user):
    # force_login: the login lockout (django-axes) needs the request, which login() omits.
    client.force_login(user)
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


# Item 2: review without dead ends.


def submit_for_review(page, user):
    """What the editor's "Submit to Clinical review" button does after saving the draft."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def article_in_review(series, editor):
    page = ArticlePageFactory(
        parent=series,
        title="Demo article in review",
        slug="demo-article-in-review",
        live=False,
        body=demo_body(DEMO_REFERENCES),
    )
    page.save_revision(user=editor)
    page.title = "Demo article in review, edited"
    return submit_for_review(page, editor)


def act_in_editor(client, page, action, comment=""):
    data = article_form_data(page.title, page.slug)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def shown_messages(response):
    # Wagtail escapes the text and appends the (empty) button list.
    return [html.unescape(str(message)).strip() for message in response.context["messages"]]


def test_requesting_changes_in_the_editor_lands_the_reviewer_on_their_dashboard(
    client, reviewer, article_in_review
):
    log_in(client, reviewer)
    response = act_in_editor(client, article_in_review, "reject", "Demo: add a year.")
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert response.status_code == 200
    assert shown_messages(response) == ["Changes requested: the author has been told."]


def test_approving_in_the_editor_lands_the_reviewer_on_their_dashboard(
    client, reviewer, article_in_review
):
    log_in(client, reviewer)
    response = act_in_editor(client, article_in_review, "approve")
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert shown_messages(response) == [
        f"Published: '{article_in_review.title}' is live, with today's clinical review recorded."
    ]
    assert ArticlePage.objects.get(pk=article_in_review.pk).live


def test_approving_from_the_dashboard_says_published(client, reviewer, article_in_review):
    log_in(client, reviewer)
    task_state = article_in_review.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[article_in_review.pk, "approve", task_state.pk],
    )
    response = client.post(f"{url}?next=/admin/", {"comment": ""}, follow=True)
    assert any(message.startswith("Published:") for message in shown_messages(response))


def test_a_reviewer_compares_the_revisions_of_an_article_in_review(
    client, reviewer, article_in_review
):
    first, latest = article_in_review.revisions.order_by("created_at")[:2]
    log_in(client, reviewer)
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[article_in_review.pk, first.pk, latest.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Demo article in review, edited" in response.content.decode()


def test_a_reviewer_cannot_compare_revisions_of_an_article_not_in_review(client, reviewer, article):
    revision = article.revisions.first()
    log_in(client, reviewer)
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[article.pk, "earliest", revision.pk]
    )
    assert client.get(url).status_code == 302  # Wagtail's "no permission" redirect.


def test_the_author_sees_the_reviewers_comment_in_the_editor(
    client, editor, reviewer, article_in_review
):
    log_in(client, reviewer)
    act_in_editor(client, article_in_review, "reject", "Demo: add a year to reference 2.")
    client.logout()
    log_in(client, editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article_in_review.pk]))
    [message] = shown_messages(response)
    assert message.startswith("Changes requested by clinical review (Demo Reviewer, ")
    assert "<q>Demo: add a year to reference 2.</q>" in message


def test_emails_use_the_sites_words(client, editor, reviewer, article_in_review, mailoutbox):
    # Submitting told the reviewers; requesting changes tells the author.
    [submitted] = [mail for mail in mailoutbox if reviewer.email in mail.to]
    assert "submitted to clinical review" in submitted.subject
    assert "moderation" not in submitted.subject + submitted.body
    mailoutbox.clear()
    log_in(client, reviewer)
    act_in_editor(client, article_in_review, "reject", "Demo: add a year to reference 2.")
    [changes] = [mail for mail in mailoutbox if editor.email in mail.to]
    assert changes.subject == f'Changes requested by clinical review: "{article_in_review.title}"'
    assert "Demo: add a year to reference 2." in changes.body
    assert "rejected" not in changes.subject + changes.body


# Item 3: editorial checks that never contradict the form.


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_after_a_failed_save_the_checks_describe_the_form_not_the_old_draft(client, editor, series):
    # The saved draft has no references; the editor adds two and forgets the title.
    article = ArticlePageFactory(parent=series, live=False, owner=editor, body=demo_body())
    article.save_revision(user=editor)
    log_in(client, editor)
    response = client.post(edit_url(article), article_form_data("", article.slug))
    assert response.status_code == 200  # The form is shown again with its error.
    soup = BeautifulSoup(response.content, "html.parser")
    for checks in (
        soup.select_one("[data-article-checks]"),
        soup.select_one("[data-editorial-checks]"),
    ):
        assert "no references" not in checks.get_text()
        assert "No problems found" in checks.get_text()


def test_when_the_body_itself_has_errors_the_checks_wait(client, editor, series):
    article = ArticlePageFactory(parent=series, live=False, owner=editor, body=demo_body())
    log_in(client, editor)
    data = article_form_data(article.title, article.slug)
    data["body-3-value-references-0-value-year"] = "not a year"
    response = client.post(edit_url(article), data)
    assert response.status_code == 200  # Not saved: the form is shown with its error.
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.select_one("[data-editorial-checks]").get_text()
    assert "run again once the errors in the form are fixed" in text
    assert "no references" not in text


def test_the_checks_side_panel_lists_problems_with_a_link_to_the_block(client, editor, series):
    undated = {**DEMO_REFERENCES[1], "year": None, "title": "Demo undated work"}
    article = ArticlePageFactory(
        parent=series, live=False, body=demo_body([DEMO_REFERENCES[0], undated])
    )
    references_block = next(b for b in article.body if b.block_type == "references")
    log_in(client, editor)
    soup = BeautifulSoup(client.get(edit_url(article)).content, "html.parser")
    side_panel = soup.select_one("[data-side-panel='checks']") or soup
    section = side_panel.select_one("[data-editorial-checks]")
    assert "Reference 2 (Demo undated work) has no year." in section.get_text()
    link = section.select_one("a[data-article-check-link]")
    assert link["href"] == f"#block-{references_block.id}-section"
    # It sits beside Wagtail's own accessibility checks.
    assert soup.find("script", id="checker-axe-configuration") is not None


# Item 5 of the issue: admin search and filters for editors.


def listed_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(
        " ".join(link.get_text().split())
        for link in soup.select("td.title .title-wrapper a, td.title a")
        if "Demo" in link.get_text()
    )


@pytest.fixture
def varied_articles(series, editor, reviewer):
    """A draft, one in review, a live one overdue for review, one never reviewed."""
    today = datetime.date.today()
    draft = ArticlePageFactory(parent=series, title="Demo draft", live=False)
    in_review = ArticlePageFactory(parent=series, title="Demo in review", live=False)
    submit_for_review(in_review, editor)
    overdue = ArticlePageFactory(
        parent=series,
        title="Demo overdue",
        next_review_due=today - datetime.timedelta(days=3),
        last_reviewed=today - datetime.timedelta(days=400),
    )
    overdue.topics.add("Demo topic")
    overdue.save()
    author = PersonFactory(name="Demo Author")
    ArticlePageAuthor.objects.create(page=overdue, person=author)
    never = ArticlePageFactory(parent=series, title="Demo never reviewed", next_review_due=None)
    return {"draft": draft, "in_review": in_review, "overdue": overdue, "never": never}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "draft"}, ["Demo draft", "Demo in review"]),
        ({"status": "in_review"}, ["Demo in review"]),
        ({"status": "live"}, ["Demo never reviewed", "Demo overdue"]),
        ({"review_due": "overdue"}, ["Demo overdue"]),
        ({"review_due": "never_reviewed"}, ["Demo draft", "Demo in review", "Demo never reviewed"]),
    ],
)
def test_the_series_listing_filters_articles(client, editor, varied_articles, query, expected):
    series = varied_articles["draft"].get_parent()
    log_in(client, editor)
    response = client.get(reverse("wagtailadmin_explore", args=[series.pk]), query)
    assert response.status_code == 200
    assert listed_titles(response) == expected


def test_the_series_listing_filters_by_topic_and_author(client, editor, varied_articles):
    series = varied_articles["draft"].get_parent()
    topic = Topic.objects.get(name="Demo topic")
    author = Person.objects.get(name="Demo Author")
    log_in(client, editor)
    url = reverse("wagtailadmin_explore", args=[series.pk])
    assert listed_titles(client.get(url, {"topic": topic.pk})) == ["Demo overdue"]
    assert listed_titles(client.get(url, {"author": author.pk})) == ["Demo overdue"]


def test_editors_can_open_the_review_due_report(client, editor, varied_articles):
    log_in(client, editor)
    response = client.get(reverse("clinical_review_report"))
    assert response.status_code == 200
    assert "Demo overdue" in response.content.decode()


# Item 9 of the issue: wording for people who are not developers.


def test_the_article_editor_says_topics_and_web_address(client, editor, article):
    log_in(client, editor)
    soup = BeautifulSoup(client.get(edit_url(article)).content, "html.parser")
    # A required field's label ends with an asterisk.
    labels = {" ".join(label.get_text().split()).rstrip("*") for label in soup.select("label")}
    assert "Topics" in labels and "Tags" not in labels
    assert "Web address (slug)" in labels and "Slug" not in labels


# Item 4 of the issue: autosave and slugs in plain words.


def test_a_slug_clash_names_the_existing_article_and_links_to_it(client, editor, series):
    existing = ArticlePageFactory(
        parent=series, title="Demo first attempt", slug="demo-clash", live=False
    )
    log_in(client, editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", series.pk])
    response = client.post(url, article_form_data("Demo second attempt", "demo-clash"))
    assert response.status_code == 200  # Shown again, with the error, not saved.
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(string=lambda text: text and "already used by a draft" in text)
    assert error is not None
    message = error.find_parent(["p", "div", "li"])
    assert "“Demo first attempt”" in message.get_text()
    link = message.find("a")
    assert link["href"] == edit_url(existing)
    assert "The slug" not in response.content.decode()


# Item 6 of the issue: site-wide wording (the part done: no empty crisis notice by accident).


def settings_form_data(site_settings, **changes):
    data = {
        "organisation_name": site_settings.organisation_name,
        "cta_heading": site_settings.cta_heading,
        "cta_text": site_settings.cta_text,
        "cta_button_label": site_settings.cta_button_label,
        "cta_page": "",
        "cta_url": site_settings.cta_url,
        "crisis_notice": site_settings.crisis_notice,
        "footer_disclaimer": site_settings.footer_disclaimer,
        "citation_style": site_settings.citation_style,
        "review_interval_months": str(site_settings.review_interval_months),
    }
    data.update(changes)
    return data


def settings_url(site_settings):
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site_settings.site_id])


def test_emptying_the_crisis_notice_needs_a_confirmation(client, publisher, site_settings):
    log_in(client, publisher)
    response = client.post(
        settings_url(site_settings), settings_form_data(site_settings, crisis_notice="  ")
    )
    assert response.status_code == 200  # Shown again with the error; nothing saved.
    assert "Write a notice, or tick" in response.content.decode()
    site_settings.refresh_from_db()
    assert site_settings.crisis_notice.startswith("If you are in crisis")


def test_a_confirmed_empty_crisis_notice_is_saved_and_logged(client, publisher, site_settings):
    log_in(client, publisher)
    data = settings_form_data(site_settings, crisis_notice="", confirm_no_crisis_notice="on")
    response = client.post(settings_url(site_settings), data)
    assert response.status_code == 302
    site_settings.refresh_from_db()
    assert site_settings.crisis_notice == ""
    # Who changed the settings, and when, is in Wagtail's log (Reports > Site history).
    entry = ModelLogEntry.objects.filter(action="wagtail.edit").latest("timestamp")
    assert entry.user == publisher
    assert entry.object_id == str(site_settings.pk)


def block_labels(block, path=()):
    """Every (path, label) in a block tree, as the StreamField editor shows them."""
    children = getattr(block, "child_blocks", None)
    if children is None and hasattr(block, "child_block"):
        children = {"item": block.child_block}
    yield path, str(block.label or "")
    for name, child in (children or {}).items():
        yield from block_labels(child, (*path, name))


def test_no_block_in_the_article_editor_is_labelled_for_developers():
    from articles.models import ArticlePage

    labels = dict(block_labels(ArticlePage._meta.get_field("body").stream_block))
    developer_words = {"url", "urls", "tags", "slug", "doi url"}
    assert not {path: label for path, label in labels.items() if label.lower() in developer_words}
    assert {label for path, label in labels.items() if path[-1:] == ("url",)} == {"Web address"}


def test_submitting_says_clinical_review_not_moderation(client, editor, series):
    """Wagtail's own message after "Submit to Clinical review" is in the site's words."""
    page = ArticlePageFactory(
        parent=series, title="Demo article to submit", slug="demo-submit", live=False
    )
    log_in(client, editor)
    data = article_form_data(page.title, page.slug, **{"action-submit": "Submit"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
    assert response.status_code == 200
    [message] = shown_messages(response)
    assert message.startswith("“Demo article to submit” has been submitted to clinical review.")
    assert ArticlePage.objects.get(pk=page.pk).current_workflow_state is not None
    assert "moderation" not in response.content.decode().lower()


@pytest.fixture
def searchable_articles(series):
    cited = ArticlePageFactory(
        parent=series,
        title="Demo article citing",
        subtitle="Demo subtitle about quokkas",
        summary="Demo summary about wombats.",
        body=demo_body(
            [{**DEMO_REFERENCES[0], "authors": "Zyxwauthor, Q. & Sample, B."}, DEMO_REFERENCES[1]]
        ),
        live=False,  # a draft: editors search drafts too
    )
    other = ArticlePageFactory(parent=series, title="Demo article other", body=demo_body())
    return cited, other


@pytest.mark.parametrize("words", ["Zyxwauthor", "quokkas", "wombats", "Demo article citing"])
def test_the_admin_search_finds_articles_by_subtitle_summary_and_cited_author(
    client, editor, searchable_articles, words
):
    log_in(client, editor)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": words})
    assert response.status_code == 200
    assert listed_titles(response) == ["Demo article citing"]
    # The "Page types" filter beside the results still counts what was found.
    facets = {
        str(content_type.name): count for content_type, count in response.context["content_types"]
    }
    assert facets == {"article": 1}


def test_the_search_in_a_series_listing_reads_the_text_too(client, editor, searchable_articles):
    series = searchable_articles[0].get_parent()
    log_in(client, editor)
    url = reverse("wagtailadmin_explore", args=[series.pk])
    assert listed_titles(client.get(url, {"q": "Zyxwauthor"})) == ["Demo article citing"]
    # Title matches still work as Wagtail's own search (prefixes as you type).
    assert listed_titles(client.get(url, {"q": "Demo art"})) == [
        "Demo article citing",
        "Demo article other",
    ]


def test_the_public_search_is_not_changed_by_the_admin_search(client, searchable_articles):
    # The draft is never public, whatever the admin finds.
    response = client.get("/search/", {"q": "Zyxwauthor"})
    assert response.status_code == 200
    assert "Demo article citing" not in response.content.decode()


def preview_url(site_settings, mode="article"):
    url = reverse(
        "wagtailsettings:preview_on_edit", args=["core", "sitesettings", site_settings.site_id]
    )
    return f"{url}?mode={mode}"


def test_site_settings_are_previewed_on_the_latest_article_before_saving(
    client, publisher, site_settings, article
):
    log_in(client, publisher)
    edit = BeautifulSoup(client.get(settings_url(site_settings)).content, "html.parser")
    assert edit.select_one("[data-side-panel='preview']") is not None  # the preview panel

    unsaved = "Demo unsaved crisis notice: call the demo line."
    data = settings_form_data(site_settings, crisis_notice=unsaved)
    answer = client.post(preview_url(site_settings), data)
    assert answer.json() == {"is_valid": True, "is_available": True}
    shown = client.get(preview_url(site_settings))
    assert shown.status_code == 200
    soup = BeautifulSoup(shown.content, "html.parser")
    assert soup.h1.get_text(strip=True) == article.title
    assert unsaved in soup.select_one(".crisis-notice").get_text()
    site_settings.refresh_from_db()
    assert site_settings.crisis_notice != unsaved  # nothing saved
    assert unsaved not in client.get(article.url).content.decode()


def test_site_settings_preview_on_the_home_page(client, publisher, site_settings, article):
    log_in(client, publisher)
    data = settings_form_data(site_settings, footer_disclaimer="Demo unsaved disclaimer.")
    assert client.post(preview_url(site_settings, "home"), data).json()["is_valid"]
    shown = client.get(preview_url(site_settings, "home")).content.decode()
    assert "Demo unsaved disclaimer." in shown


def test_the_site_history_says_what_changed_in_the_site_settings(client, publisher, site_settings):
    log_in(client, publisher)
    before = site_settings.footer_disclaimer
    data = settings_form_data(site_settings, footer_disclaimer="Demo new disclaimer.")
    assert client.post(settings_url(site_settings), data).status_code == 302
    entry = ModelLogEntry.objects.filter(action="artcms.site_settings_changed").get()
    assert entry.user == publisher
    assert entry.data["changes"] == [
        {"field": "Footer disclaimer", "before": before, "after": "Demo new disclaimer."}
    ]
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    text = " ".join(BeautifulSoup(history.content, "html.parser").get_text().split())
    assert "Changed the footer disclaimer" in text

    # Saving with nothing changed records nothing new.
    site_settings.refresh_from_db()
    assert (
        client.post(settings_url(site_settings), settings_form_data(site_settings)).status_code
        == 302
    )
    assert ModelLogEntry.objects.filter(action="artcms.site_settings_changed").count() == 1


def test_the_body_editor_an_editor_opens_says_web_address(client, editor, article):
    log_in(client, editor)
    page = html.unescape(client.get(edit_url(article)).content.decode())
    # The StreamField's block definitions travel in the page as JSON, labels included.
    assert '"label": "Web address"' in page or '"label":"Web address"' in page
    assert '"Url"' not in page and '"URL"' not in page
