"""The importer's awkward inputs give the same outcome through the admin's "Import article"
screen as through ``manage.py import_articles``: the same draft, or the same reason.

Each input goes through both paths, into a series of its own, on the real database.
"""

import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.factories import ArticleSeriesPageFactory
from articles.models import ArticlePage

from .test_admin_import import draft_body
from .test_importer import demo_export, shipped_bytes


def shipped_with_bullet(bullet):
    """The shipped export with its "•" references written with another bullet or number."""
    counter = iter(range(1, 100))

    def numbered(_match):
        return bullet.replace("1", str(next(counter))) + " "

    return re.sub(r"  • ", numbered, shipped_bytes().decode()).encode()


INPUTS = {
    "crlf": shipped_bytes().replace(b"\n", b"\r\n"),
    "bom": b"\xef\xbb\xbf" + shipped_bytes(),
    "bom-crlf": b"\xef\xbb\xbf" + shipped_bytes().replace(b"\n", b"\r\n"),
    "cr": shipped_bytes().replace(b"\n", b"\r"),
    "hyphen-bullets": shipped_with_bullet("-"),
    "asterisk-bullets": shipped_with_bullet("*"),
    "numbered": shipped_with_bullet("1."),
    "bracket-numbers": shipped_with_bullet("[1]"),
    "demo-hyphen-bullets": demo_export(5, bullet="-").encode(),
    "empty": b"",
    "blank": b" \r\n\t\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "utf-16": "Demo article\n".encode("utf-16"),
    "latin-1": "Démo article\n\nDémo text.\n".encode("latin-1"),
    "control-characters": b"Demo\x1b[31m article\nDemo text.\n",
    "title-only": b"Demo article 5\n\n",
    "html-injection": (
        b"Demo <b>article</b> 5\n\nDemo subtitle\n\nDemo <em>section</em>\n\n"
        b'Demo <script>alert("x")</script> & more.\n\n'
        b'- Demo <i>item</i>\n- Second & <img src=x onerror="alert(1)">\n'
    ),
}


def through_the_command(series, tmp_path, data):
    """("created", content) or ("failed", reason) from import_articles."""
    path = tmp_path / "demo.txt"
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", str(path), series=series.title, stdout=out, stderr=err)
    except CommandError:
        return "failed", err.getvalue().strip().removeprefix(f"{path}: ")
    return "created", content_of(series)


def through_the_admin(client, series, data):
    """("created", content) or ("failed", reason) from the upload, dry run and confirm."""
    url = reverse("article_import", args=[series.pk])
    response = client.post(url, {"file": SimpleUploadedFile("demo.txt", data)})
    assert response.status_code == 200
    if "preview" not in response.context:
        (message,) = response.context["form"].errors["file"]
        return "failed", message.removeprefix("This file ").removesuffix(".")
    response = client.post(url, {"upload": response.context["upload_token"]})
    assert response.status_code == 302
    return "created", content_of(series)


def content_of(series):
    """Every article in the series, in order (a "Next" link adds a placeholder), as drafts."""
    pages = ArticlePage.objects.child_of(series).order_by("path")
    assert not any(page.live for page in pages)
    return [
        {
            "title": page.title,
            "slug": page.slug,
            "subtitle": page.subtitle,
            "summary": page.summary,
            "body": draft_body(page),
        }
        for page in pages
    ]


# The inputs no path may import; every other one is imported, the same way by both.
UNREADABLE = {"empty", "blank", "binary", "utf-16", "latin-1", "control-characters", "title-only"}


@pytest.mark.parametrize("name", INPUTS)
def test_the_admin_screen_and_the_command_agree(client, editor, home_page, tmp_path, name):
    data = INPUTS[name]
    by_command = ArticleSeriesPageFactory(parent=home_page, title="Demo command series")
    by_admin = ArticleSeriesPageFactory(parent=home_page, title="Demo admin series")
    client.force_login(editor)

    command_outcome = through_the_command(by_command, tmp_path, data)
    admin_outcome = through_the_admin(client, by_admin, data)

    assert admin_outcome == command_outcome
    assert command_outcome[0] == ("failed" if name in UNREADABLE else "created")
    if command_outcome[0] == "failed":
        assert not ArticlePage.objects.exists()


def test_html_in_an_upload_is_text_on_the_screen_and_in_the_draft(client, editor, series):
    client.force_login(editor)
    response = client.post(
        reverse("article_import", args=[series.pk]),
        {"file": SimpleUploadedFile("demo.txt", INPUTS["html-injection"])},
    )
    html = response.content.decode()
    assert "Demo &lt;b&gt;article&lt;/b&gt; 5" in html
    assert "<script>alert" not in html and "<img src=x" not in html
