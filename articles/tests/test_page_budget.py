"""The article page's weight budget: HTML + CSS + JS under 60 KB, nothing from elsewhere.

Measured on the shipped article when the import_articles command exists (it imports
content/articles/), otherwise on a synthetic article of the same shape and length.
"""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 60 * 1024
CONTENT_DIR = Path(settings.BASE_DIR) / "content" / "articles"
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "manifest",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
}
# Elements and attributes that make the browser fetch something.
FETCHING_ATTRIBUTES = [
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
]


@pytest.fixture
def shipped_article(series, site_settings):
    call_command(
        "import_articles",
        str(CONTENT_DIR),
        series=series.title,
        publish=True,
        skip_clinical_review=True,
        stdout=StringIO(),
    )
    return ArticlePage.objects.child_of(series).live().order_by("path").first()


def fetched_urls(soup):
    urls = []
    for tag_name, attribute in FETCHING_ATTRIBUTES:
        for tag in soup.find_all(tag_name):
            value = tag.get(attribute)
            if not value:
                continue
            if tag_name == "link" and not FETCHING_LINK_RELS & set(tag.get("rel", [])):
                continue  # canonical and feed links name addresses; nothing fetches them
            if attribute == "srcset":
                urls += [candidate.split()[0] for candidate in value.split(",")]
            else:
                urls.append(value)
    for tag in soup.find_all(style=True):
        urls += re.findall(r"url\(([^)]*)\)", tag["style"])
    return urls


def test_article_html_css_and_js_stay_under_60_kb(client, shipped_article):
    response = client.get(shipped_article.url)
    html = response.content
    soup = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in soup.find_all("script", src=True)]
    assert assets, "the page should load its stylesheet"
    total = len(html)
    for url in assets:
        asset = client.get(url)
        assert asset.status_code == 200, url
        total += len(b"".join(asset.streaming_content) if asset.streaming else asset.content)
    assert total < BUDGET_BYTES, f"article page weighs {total} bytes"


def test_article_requests_nothing_from_another_origin(client, shipped_article):
    soup = BeautifulSoup(client.get(shipped_article.url).content, "html.parser")
    urls = fetched_urls(soup)
    assert urls
    other_origin = [url for url in urls if urlsplit(url).netloc not in ("", "testserver")]
    assert other_origin == []
    css = b"".join(client.get(soup.find("link", rel="stylesheet")["href"]).streaming_content)
    assert b"@import" not in css
    assert re.findall(rb"url\(\s*['\"]?(?:https?:)?//", css) == []


def test_article_has_no_render_blocking_script(client, shipped_article):
    soup = BeautifulSoup(client.get(shipped_article.url).content, "html.parser")
    for script in soup.find_all("script"):
        if script.get("src"):
            assert (
                script.has_attr("defer")
                or script.has_attr("async")
                or (script.get("type") == "module")
            ), f"{script['src']} blocks rendering"
        else:
            # Inline scripts are data only (JSON-LD), never code the parser must run.
            assert script.get("type") == "application/ld+json", script
