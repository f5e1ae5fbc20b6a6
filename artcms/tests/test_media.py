"""Uploaded media under the production settings (DEBUG off) behind gunicorn.

Before, /media/ was routed only with DEBUG on, so a published article's hero image, its
renditions and og:image were 404 in production. Now artcms/media.py serves images and
renditions, and documents only through Wagtail's document view.
"""

import io
import os
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from artcms.tests.conftest import get

MAKE_ARTICLE = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from articles.factories import ArticlePageFactory
from articles.models import ArticleSeriesPage

buffer = io.BytesIO()
PILImage.new("RGB", (1600, 900), (40, 90, 100)).save(buffer, "PNG")
image = get_image_model().objects.create(
    title="Demo hero image", file=ImageFile(buffer, name="demo-hero.png")
)
document = get_document_model().objects.create(
    title="Demo document", file=ContentFile(b"Demo document text.", name="demo-document.txt")
)
page = ArticlePageFactory(
    parent=ArticleSeriesPage.objects.first(),
    title="Demo article with a hero image",
    slug="demo-article-with-a-hero-image",
    hero_image=image,
)
page.save_revision().publish()
print("made", page.url, image.file.name, document.file.name, document.url)
"""


@pytest.fixture(scope="module")
def article_with_hero(gunicorn_server):
    result = gunicorn_server.manage("shell", "-c", MAKE_ARTICLE)
    line = next(line for line in result.stdout.splitlines() if line.startswith("made "))
    _made, url, original, document_file, document_url = line.split()
    return gunicorn_server, url, original, document_file, document_url


def test_hero_image_renditions_and_og_image_answer_200(article_with_hero):
    site, url, original, _document_file, _document_url = article_with_hero
    status, _headers, body = get(site.port, url)
    assert status == 200
    soup = BeautifulSoup(body, "html.parser")
    hero = soup.select_one(".article-hero img")
    sources = [hero["src"]] + [item.split()[0] for item in hero["srcset"].split(",")]
    og_image = soup.find("meta", property="og:image")["content"]
    sources.append(re.sub(r"^https?://[^/]+", "", og_image))
    sources.append(f"/media/{original}")
    assert len(set(sources)) >= 4

    for source in set(sources):
        assert source.startswith("/media/"), source
        status, headers, body = get(site.port, source)
        assert status == 200, source
        assert headers["Content-Type"].startswith("image/"), source
        assert "public" in headers["Cache-Control"] and "max-age=" in headers["Cache-Control"]
        assert headers["Last-Modified"]
        assert len(body) == int(headers["Content-Length"]) > 0


def test_documents_only_through_wagtails_view(article_with_hero):
    site, _url, _original, document_file, document_url = article_with_hero
    assert get(site.port, f"/media/{document_file}")[0] == 404
    status, headers, body = get(site.port, document_url)
    assert status == 200
    assert body == b"Demo document text."


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/demo.txt",
        "/media/images/../documents/demo.txt",
        "/media/images/%2e%2e/documents/demo.txt",
        "/media/original_images/no-such-file.png",
        "/media/original_images/demo.svg",
        "/media/original_images/demo.html",
        "/media/images/",
        "/media/",
        "/media/%00.png",
    ],
)
def test_other_media_paths_are_not_found(client, db, path):
    assert client.get(path).status_code == 404


def noise_png(side):
    """A PNG of random pixels (which PNG cannot compress): about 3 * side**2 bytes."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, "PNG")
    return SimpleUploadedFile("demo.png", buffer.getvalue(), content_type="image/png")


def test_image_upload_over_the_cap_is_refused_with_a_message(admin_client):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    upload = noise_png(1900)
    assert upload.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = admin_client.post(
        "/admin/images/add/", {"title": "Demo image", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_documents_are_capped_by_default():
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=10)
def test_document_upload_over_the_cap_is_refused_with_a_message(admin_client):
    upload = SimpleUploadedFile("demo.txt", b"Demo text longer than ten bytes.")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Demo document", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_document_upload_within_the_cap_is_stored(admin_client):
    upload = SimpleUploadedFile("demo.txt", b"Demo text.")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Demo document", "file": upload, "collection": 1}
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Demo document"
