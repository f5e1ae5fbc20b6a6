"""What search engines and link previews read, and how pictures are served."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from articles.factories import ArticlePageFactory, seed_like_body

pytestmark = pytest.mark.django_db


def head_of(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def meta(soup, **attrs):
    tag = soup.head.find("meta", attrs=attrs)
    return tag["content"] if tag else None


@pytest.fixture
def hero_image():
    return wagtail_factories.ImageFactory(
        title="Demo hero", description="Demo hero description", file__width=1600, file__height=900
    )


def test_article_head_has_title_description_canonical_and_social_tags(client, three_articles):
    soup = head_of(client, three_articles[0])
    url = "http://localhost/demo-series/demo-article-1/"
    assert soup.title.string == "Demo article 1 | Demo Organisation"
    assert meta(soup, name="description") == "Demo summary 1."
    assert soup.head.find("link", rel="canonical")["href"] == url
    assert meta(soup, property="og:type") == "article"
    assert meta(soup, property="og:title") == "Demo article 1"
    assert meta(soup, property="og:description") == "Demo summary 1."
    assert meta(soup, property="og:url") == url
    assert meta(soup, property="og:site_name") == "Demo Organisation"
    assert meta(soup, property="article:published_time") == "2025-03-01T09:00:00+00:00"
    assert meta(soup, name="twitter:card") == "summary"
    assert meta(soup, name="twitter:title") == "Demo article 1"
    assert meta(soup, property="og:image") is None


def test_promote_tab_fields_win_over_title_and_summary(client, three_articles):
    article = three_articles[0]
    article.seo_title = "Demo search-engine title"
    article.search_description = "Demo search description."
    article.save()
    soup = head_of(client, article)
    assert soup.title.string == "Demo search-engine title | Demo Organisation"
    assert meta(soup, name="description") == "Demo search description."
    assert meta(soup, property="og:title") == "Demo search-engine title"


def test_hero_image_is_shared_as_a_1200x630_rendition(client, series, site_settings, hero_image):
    article = ArticlePageFactory(parent=series, hero_image=hero_image, body=seed_like_body())
    soup = head_of(client, article)
    image_url = meta(soup, property="og:image")
    assert image_url.startswith("http://testserver/") and image_url.endswith(".jpg")
    assert meta(soup, property="og:image:width") == "1200"
    assert meta(soup, property="og:image:height") == "630"
    assert meta(soup, property="og:image:alt") == "Demo hero description"
    assert meta(soup, name="twitter:card") == "summary_large_image"


def test_hero_image_is_responsive_webp_and_loads_first(client, series, site_settings, hero_image):
    article = ArticlePageFactory(parent=series, hero_image=hero_image, body=seed_like_body())
    img = head_of(client, article).select_one(".article-hero img")
    assert img["src"].endswith(".webp")
    assert (img["width"], img["height"]) == ("480", "270")
    widths = [candidate.split()[-1] for candidate in img["srcset"].split(", ")]
    assert widths == ["480w", "800w", "1280w"]
    assert all(".webp" in candidate for candidate in img["srcset"].split(", "))
    assert img["sizes"]
    assert img.get("loading") is None  # above the fold: never lazy
    assert img["fetchpriority"] == "high"
    assert img["alt"] == "Demo hero description"


def test_body_images_are_lazy_responsive_webp_with_their_alt_text(
    client, series, site_settings, hero_image
):
    body = seed_like_body()
    body.insert(
        2,
        {
            "type": "image",
            "value": {
                "image": {"image": hero_image.pk, "alt_text": "Demo alt", "decorative": False},
                "caption": "Demo caption",
            },
        },
    )
    article = ArticlePageFactory(parent=series, body=body)
    figure = head_of(client, article).select_one(".article-body figure")
    img = figure.img
    assert img["loading"] == "lazy"
    assert img["alt"] == "Demo alt"
    assert img["src"].endswith(".webp") and img["width"] and img["height"]
    assert len(img["srcset"].split(", ")) == 3 and img["sizes"]
    assert figure.figcaption.string == "Demo caption"
