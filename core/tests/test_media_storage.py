"""Media on S3-compatible object storage (a real moto server): images, renditions, documents.

Each test points this process's default storage at a fresh bucket (the ``s3_media``
fixture), exactly as AWS_STORAGE_BUCKET_NAME does in the settings, and goes through the
admin and the public pages as an editor and a reader would.
"""

import io
import socket

import pytest
import requests
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from articles.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def png_upload(name="demo-photo.png", size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 110, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload_image(client, title="Demo photo", file=None):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": file or png_upload(),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket_and_served_from_it(
    admin_client, client, s3_media, series
):
    response = upload_image(admin_client)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Demo photo")
    assert s3_media.keys("original_images/") == [image.file.name]

    article = ArticlePageFactory(parent=series, title="Demo article 1", hero_image=image)
    page = client.get(article.url)
    assert page.status_code == 200
    hero = BeautifulSoup(page.content, "html.parser").select_one("main img[srcset]")
    bucket_url = f"{s3_media.endpoint_url}/{s3_media.bucket}/"
    sources = [item.split()[0] for item in hero["srcset"].split(",")]
    assert len(sources) == 3
    assert all(source.startswith(bucket_url + "images/") for source in sources)

    # The renditions the page shows are objects in the bucket, and readers can fetch them.
    rendition_keys = s3_media.keys("images/")
    assert sorted(source.removeprefix(bucket_url) for source in sources) == [
        key for key in rendition_keys if "width-" in key
    ]
    fetched = requests.get(hero["src"], timeout=10)
    assert fetched.status_code == 200
    assert fetched.headers["Content-Type"] == "image/webp"
    assert PILImage.open(io.BytesIO(fetched.content)).format == "WEBP"


def test_two_images_with_the_same_file_name_keep_their_own_originals(admin_client, s3_media):
    for title, size in (("Demo photo A", (800, 600)), ("Demo photo B", (640, 480))):
        assert upload_image(admin_client, title, png_upload(size=size)).status_code == 302
    first, second = get_image_model().objects.order_by("pk")
    assert first.file.name != second.file.name
    assert s3_media.keys("original_images/") == sorted([first.file.name, second.file.name])
    assert (first.width, second.width) == (800, 640)


def test_an_upload_that_is_not_an_image_is_refused_next_to_the_field_and_nothing_is_stored(
    admin_client, s3_media
):
    fake = SimpleUploadedFile("demo.png", b"not an image at all", content_type="image/png")
    response = upload_image(admin_client, "Demo broken upload", fake)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_image_model().objects.filter(title="Demo broken upload").exists()
    assert s3_media.keys() == []


def test_a_document_is_stored_in_the_bucket_and_served_through_wagtail_never_from_the_bucket(
    admin_client, client, s3_media
):
    content = b"Demo handout: synthetic text for a storage test.\n"
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Demo handout",
            "file": SimpleUploadedFile("demo-handout.txt", content, content_type="text/plain"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Demo handout")
    assert s3_media.keys("documents/") == [document.file.name]

    # The link editors and readers get is the site's own serve view, not the bucket.
    assert document.url.startswith("/documents/")
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content
    # The bucket itself refuses anyone without credentials.
    assert requests.get(document.file.url, timeout=10).status_code == 403


def test_a_document_in_a_private_collection_needs_a_login_even_though_it_is_in_the_bucket(
    admin_client, client, s3_media
):
    private = Collection.get_first_root_node().add_child(name="Demo private handouts")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Demo private handout",
        collection=private,
        file=SimpleUploadedFile("demo-private.txt", b"Demo private text.\n"),
    )
    assert s3_media.keys("documents/") == [document.file.name]

    refused = client.get(document.url)
    assert refused.status_code == 302
    assert "login" in refused["Location"]
    allowed = admin_client.get(document.url)
    assert allowed.status_code == 200
    assert b"".join(allowed.streaming_content) == b"Demo private text.\n"


def test_an_article_whose_renditions_exist_still_renders_while_the_object_store_is_down(
    client, s3_media, series, settings
):
    image = get_image_model().objects.create(title="Demo photo", file=png_upload())
    article = ArticlePageFactory(parent=series, title="Demo article 1", hero_image=image)
    assert client.get(article.url).status_code == 200  # makes the renditions

    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{placeholder.getsockname()[1]}"
        settings.STORAGES = {**settings.STORAGES}
        page = client.get(article.url)
    assert page.status_code == 200
    hero = BeautifulSoup(page.content, "html.parser").select_one("main img[srcset]")
    assert hero is not None


def test_an_article_needing_a_new_rendition_renders_without_it_while_the_object_store_is_down(
    client, s3_media, series, settings
):
    image = get_image_model().objects.create(title="Demo photo", file=png_upload())
    article = ArticlePageFactory(parent=series, title="Demo article 1", hero_image=image)

    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{placeholder.getsockname()[1]}"
        settings.STORAGES = {**settings.STORAGES}
        page = client.get(article.url)
    assert page.status_code == 200
    assert "Demo article 1" in page.content.decode()
    assert not image.renditions.exists()
