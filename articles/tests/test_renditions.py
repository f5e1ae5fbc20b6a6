"""An uploaded image is queued for the renditions readers are served, and only those."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from articles.factories import ArticlePageFactory, seed_like_body
from articles.models import ArticlePageAuthor
from articles.renditions import READER_RENDITIONS
from people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def made(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


def test_an_uploaded_image_gets_every_reader_rendition_once_committed(
    settings, django_capture_on_commit_callbacks
):
    settings.PREGENERATE_RENDITIONS = True
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image = wagtail_factories.ImageFactory(
            title="Demo photo", file__width=1600, file__height=900
        )
        assert made(image) == set()  # nothing before the commit: the task reads the saved image
    assert callbacks
    assert made(image) == set(READER_RENDITIONS)


def test_nothing_is_queued_when_pregeneration_is_off(settings, django_capture_on_commit_callbacks):
    settings.PREGENERATE_RENDITIONS = False
    with django_capture_on_commit_callbacks(execute=True):
        image = wagtail_factories.ImageFactory(title="Demo photo")
    assert made(image) == set()


def test_a_page_with_every_kind_of_image_needs_no_rendition_beyond_the_list(
    client, series, site_settings, settings, django_capture_on_commit_callbacks
):
    settings.PREGENERATE_RENDITIONS = True
    with django_capture_on_commit_callbacks(execute=True):
        image = wagtail_factories.ImageFactory(
            title="Demo photo", description="Demo description", file__width=1600, file__height=900
        )
    before = made(image)
    body = seed_like_body()
    body.insert(
        2,
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Demo alt", "decorative": False},
                "caption": "Demo caption",
            },
        },
    )
    author = PersonFactory(name="Demo Author R", photo=image)
    article = ArticlePageFactory(parent=series, slug="demo-images", hero_image=image, body=body)
    article.article_authors = [ArticlePageAuthor(person=author)]
    article.save_revision().publish()

    response = client.get("/demo-series/demo-images/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".article-hero img[srcset]")  # each kind was really rendered
    assert soup.select_one(".article-body figure img[srcset]")
    assert soup.select_one(".author-profile img")
    assert soup.head.find("meta", property="og:image")
    assert made(image) == before == set(READER_RENDITIONS)
