"""The admin's "Import article" screen on a series: an Editor uploads a text export or a
Word document, sees the dry run, and confirms to create a draft for clinical review.

Through the real stack: the admin URLs, the session, the templates and the database.
"""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Workflow

from articles import importer
from articles.factories import ArticleSeriesPageFactory
from articles.importer.fields import BODY_BLOCK
from articles.importer.pending import SESSION_KEY
from articles.models import ArticlePage
from core import citations

from .conftest import make_user
from .docx_files import demo_docx, docx_bytes, paragraph, table
from .test_importer import demo_export

UNREAD_ENTRY = "Demo A, Sample B. A Vancouver-style demo entry. Demo J. 2020;3(2):1-9."


def import_url(series):
    return reverse("article_import", args=[series.pk])


def dry_run(client, series, name, data):
    """Upload a file for the dry run, as the form does."""
    return client.post(import_url(series), {"file": SimpleUploadedFile(name, data)})


def confirm(client, series, dry_run_response):
    return client.post(import_url(series), {"upload": dry_run_response.context["upload_token"]})


def without_ids(data):
    """Raw block data without block ids, list items as their values (either stored form)."""
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if key != "id"}
        if data.keys() == {"type", "value"} and data["type"] == "item":
            return without_ids(data["value"])
        return {key: without_ids(value) for key, value in data.items()}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def draft_body(page):
    """The body of the page's latest revision, as raw data without block ids."""
    return without_ids(BODY_BLOCK.get_prep_value(page.get_latest_revision_as_object().body))


def as_stored(raw_body):
    """A parsed body as the page stores it, to compare."""
    return without_ids(BODY_BLOCK.get_prep_value(BODY_BLOCK.to_python(raw_body)))


def file_error(response):
    return response.context["form"].errors.get("file")


@pytest.fixture
def signed_in_editor(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_imports_a_text_export_as_a_draft_that_goes_to_clinical_review(
    signed_in_editor, editor, series
):
    client = signed_in_editor
    response = dry_run(client, series, "demo-article-5.txt", demo_export(5).encode())

    assert response.status_code == 200
    assert not ArticlePage.objects.exists()  # a dry run creates nothing
    html = response.content.decode()
    assert "Dry run: nothing has been created yet" in html
    preview = response.context["preview"]
    assert (preview.title, preview.slug, preview.series_title) == (
        "Demo article 5",
        "demo-article-5",
        "Demo series",
    )
    assert (preview.sections, preview.paragraphs, preview.lists, preview.references) == (
        2,
        2,
        0,
        2,
    )
    assert "2 sections, 2 paragraphs, 0 lists, 2 references" in html
    assert preview.outcome == ['would create "Demo article 5" (draft, not published)']
    assert "None: every line was read." in html
    # The references read as they will on the page, in the site's citation style.
    parsed = importer.parse_article(demo_export(5))
    for entry in parsed.body[-1]["value"]["references"]:
        assert str(citations.format_reference(entry["value"], "apa")) in html
    # The dry run's headings go down one level at a time (the references list's heading is
    # under "References, as they will be formatted", not a second <h2>).
    levels = [int(level) for level in re.findall(r"<h([2-6])\b", html.split("Dry run:")[1])]
    assert all(after <= before + 1 for before, after in zip([2, *levels], levels, strict=False))
    assert levels.count(2) == 0 and 4 in levels

    response = confirm(client, series, response)

    page = ArticlePage.objects.child_of(series).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert (page.title, page.slug, page.subtitle) == (
        "Demo article 5",
        "demo-article-5",
        "Demo subtitle 5",
    )
    assert not page.live and page.has_unpublished_changes
    assert page.owner == editor
    assert page.latest_revision.user == editor
    assert draft_body(page) == as_stored(parsed.body)
    assert SESSION_KEY not in client.session
    # It enters clinical review like any new article: the editor submits it from the editor.
    assert page.get_workflow() == Workflow.objects.get(name="Clinical review")
    assert not page.workflow_in_progress
    editor_html = client.get(response["Location"]).content.decode()
    assert "was imported as a draft" in editor_html
    assert 'name="action-submit"' in editor_html


def test_an_editor_imports_a_word_document_with_the_same_result_as_the_text(
    signed_in_editor, series
):
    client = signed_in_editor
    response = dry_run(client, series, "Demo article 5.docx", demo_docx(5))

    assert response.status_code == 200, file_error(response)
    preview = response.context["preview"]
    assert (preview.title, preview.sections, preview.paragraphs, preview.references) == (
        "Demo article 5",
        2,
        2,
        2,
    )
    confirm(client, series, response)

    page = ArticlePage.objects.child_of(series).get()
    expected = importer.parse_article(demo_export(5))
    assert (page.title, page.subtitle, page.summary) == (
        expected.title,
        expected.subtitle,
        expected.summary,
    )
    assert draft_body(page) == as_stored(expected.body)
    assert not page.live


def test_word_headings_lists_and_unreadable_references_in_the_dry_run(signed_in_editor, series):
    data = docx_bytes(
        ("Heading1", "Demo article 6"),
        ("Normal", "Demo subtitle 6"),
        # A Word heading is a heading even with a question mark.
        ("Heading2", "What is a demo section?"),
        ("Normal", "Demo introduction, for testing only."),
        ("bullet", "Demo point one"),
        ("bullet", "Demo point <two> & more"),
        table("Demo cell"),
        ("Heading2", "References"),
        ("number", "Demo, A. (2021). Demo study title. Demo Journal, 4(2), 10-20."),
        ("number", UNREAD_ENTRY),
    )
    response = dry_run(signed_in_editor, series, "demo-6.docx", data)

    preview = response.context["preview"]
    assert preview.headings == ["What is a demo section?"]
    assert (preview.paragraphs, preview.lists, preview.references) == (1, 1, 2)
    assert preview.unread == [
        "the Word document's 1 table(s) were left out: add their content in the editor",
        "reference 2 could not be read and was kept whole as its title (check it in the "
        f'admin): "{UNREAD_ENTRY}"',
    ]
    assert preview.problems == [
        "Reference 2 could not be read when the article was imported: its authors show as "
        f"'{importer.UNREAD_REFERENCE_AUTHORS}' to readers. Check it against the source and "
        "fill in the authors, year, title and source."
    ]
    html = response.content.decode()
    assert "Reference 2 could not be read when the article was imported" in html
    confirm(signed_in_editor, series, response)
    body = draft_body(ArticlePage.objects.child_of(series).get())
    assert body[2] == {
        "type": "paragraph",
        "value": "<ul><li>Demo point one</li><li>Demo point &lt;two&gt; &amp; more</li></ul>",
    }


def broken_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Demo notes, not a Word document.")
    return buffer.getvalue()


NOT_A_DOCX = (
    "This file is not a Word document that can be read ({}); open it in Word, save it as a "
    "Word document (.docx) and import it again."
)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("demo.txt", b"", "This file is empty."),
        (
            "demo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "This file is not a text file (it contains binary data).",
        ),
        (
            "demo.txt",
            "Démo article\n\nDémo text.\n".encode("latin-1"),
            "This file is not UTF-8 text (byte 0xe9 at position 1); save it as UTF-8 and "
            "import it again.",
        ),
        (
            "demo.pdf",
            b"%PDF-1.4 demo",
            "This file is a .pdf file; import a text export (.txt) or a Word document (.docx).",
        ),
        (
            "demo.doc",
            b"\xd0\xcf\x11\xe0 demo",
            "This file is an older Word document (.doc); open it in Word, save it as a Word "
            "document (.docx) and import that.",
        ),
        ("demo.docx", b"", "This file is empty."),
        (
            "demo.docx",
            b"Demo article 1\n\nDemo text.\n",
            NOT_A_DOCX.format("it is not in Word's .docx format"),
        ),
        ("demo.docx", broken_zip(), NOT_A_DOCX.format("it has no document body")),
        ("demo.docx", docx_bytes(body=False), NOT_A_DOCX.format("it has no document body")),
        ("demo.docx", demo_docx(1)[:200], NOT_A_DOCX.format("it is not in Word's .docx format")),
        ("demo.docx", docx_bytes(), "This file is empty: the Word document has no text."),
        (
            "demo.docx",
            docx_bytes(paragraph("Normal", "Demo article 1")),
            "This file has a title but no article text after it.",
        ),
    ],
    ids=[
        "empty",
        "binary",
        "latin-1",
        "pdf",
        "doc",
        "empty-docx",
        "text-as-docx",
        "zip-not-docx",
        "docx-without-body",
        "truncated-docx",
        "docx-without-text",
        "docx-title-only",
    ],
)
def test_a_bad_file_gets_a_message_next_to_the_field_and_creates_nothing(
    signed_in_editor, series, name, data, message
):
    response = dry_run(signed_in_editor, series, name, data)

    assert response.status_code == 200
    assert file_error(response) == [message]
    assert "preview" not in response.context
    html = response.content.decode()
    assert 'id="id_file"' in html and message.replace("'", "&#x27;") in html
    assert not ArticlePage.objects.exists()
    assert SESSION_KEY not in signed_in_editor.session


def test_a_file_over_the_size_limit_is_refused(signed_in_editor, series, settings):
    settings.ARTICLE_IMPORT_MAX_BYTES = 1024
    response = dry_run(signed_in_editor, series, "demo.txt", (demo_export(1) * 9).encode()[:2048])
    assert file_error(response) == [
        "This file is 2.0\xa0KB; an article to import can be at most 1.0\xa0KB. Remove "
        "large images from the Word document, or split the article, and upload it again."
    ]
    assert not ArticlePage.objects.exists()


def test_an_article_already_in_the_series_is_refused_not_changed(signed_in_editor, series):
    client = signed_in_editor
    confirm(client, series, dry_run(client, series, "demo.txt", demo_export(5).encode()))
    page = ArticlePage.objects.child_of(series).get()
    revisions = page.revisions.count()

    response = dry_run(client, series, "again.docx", demo_docx(5))

    assert file_error(response) == [
        'This file is the article "Demo article 5", which is already in this series (its web '
        'address is "demo-article-5"); open that article in the editor to change it, or give '
        "the article in the file another title."
    ]
    assert page.revisions.count() == revisions


def test_an_import_fills_the_placeholder_a_next_link_left(signed_in_editor, series):
    client = signed_in_editor
    first = dry_run(client, series, "one.txt", demo_export(1, next_title="Demo article 2").encode())
    assert first.context["preview"].outcome == [
        'would create "Demo article 1" (draft, not published)',
        'would create the draft placeholder "Demo article 2" for the next article, after this one',
    ]
    confirm(client, series, first)
    second = dry_run(client, series, "two.txt", demo_export(2).encode())
    assert second.context["preview"].outcome == [
        'would fill the placeholder "Demo article 2" (draft, not published)'
    ]
    confirm(client, series, second)
    pages = ArticlePage.objects.child_of(series).order_by("path")
    assert [page.title for page in pages] == ["Demo article 1", "Demo article 2"]
    assert draft_body(pages[1]) == as_stored(importer.parse_article(demo_export(2)).body)
    assert not any(page.live for page in pages)


@pytest.mark.parametrize(
    "token",
    ["", "0" * 64, "tampered"],
    ids=["missing", "another-file", "tampered"],
)
def test_a_confirm_without_the_dry_runs_file_creates_nothing(signed_in_editor, series, token):
    client = signed_in_editor
    dry_run(client, series, "demo.txt", demo_export(5).encode())
    response = client.post(import_url(series), {"upload": token})
    assert response.status_code == 200
    message = (
        "That file is no longer waiting to be imported (it was replaced by another dry run, "
        "or your session ended). Choose the file again."
    )
    assert response.context["confirm_error"] == message
    assert message in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_dry_run_for_one_series_cannot_be_confirmed_in_another(
    signed_in_editor, series, home_page
):
    other = ArticleSeriesPageFactory(parent=home_page, title="Demo other series")
    response = dry_run(signed_in_editor, series, "demo.txt", demo_export(5).encode())
    signed_in_editor.post(import_url(other), {"upload": response.context["upload_token"]})
    assert not ArticlePage.objects.exists()


def test_editors_and_publishers_see_the_action_on_a_series(client, editor, publisher, series):
    for user in (editor, publisher):
        client.force_login(user)
        listing = client.get(reverse("wagtailadmin_explore", args=[series.pk])).content.decode()
        assert f'href="{import_url(series)}"' in listing
        assert client.get(import_url(series)).status_code == 200
    # Not on the home page: articles go in a series.
    home_page = series.get_parent()
    home = client.get(reverse("wagtailadmin_explore", args=[home_page.pk])).content.decode()
    assert import_url(home_page) not in home


def test_a_reviewer_or_a_visitor_cannot_reach_the_import(client, reviewer, series):
    response = client.get(import_url(series))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(
        import_url(series), {"file": SimpleUploadedFile("demo.txt", demo_export(5).encode())}
    )
    assert response.status_code == 302
    client.force_login(reviewer)
    # Wagtail's admin answers a refused permission with its dashboard and a message.
    response = client.get(import_url(series), follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    response = client.post(
        import_url(series), {"file": SimpleUploadedFile("demo.txt", demo_export(5).encode())}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ArticlePage.objects.exists()
    listing = client.get(reverse("wagtailadmin_explore", args=[series.pk]))
    assert import_url(series) not in listing.content.decode()


def test_an_editor_without_rights_on_this_series_cannot_import(client, series):
    # Admin access, but no page permissions anywhere.
    user = make_user("demo-no-pages")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(import_url(series))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_import_of_a_page_that_is_not_a_series_is_not_found(signed_in_editor, home_page):
    response = signed_in_editor.get(reverse("article_import", args=[home_page.pk]))
    assert response.status_code == 404


def test_checking_without_a_file_asks_for_one(signed_in_editor, series):
    response = signed_in_editor.post(import_url(series), {})
    assert file_error(response) == [
        "Choose a file to import: a text export (.txt) or a Word document (.docx)."
    ]
    assert not ArticlePage.objects.exists()
