"""The header search box on every page: a plain GET form to /search/, marked up for suggestions."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def header_form(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup, soup.select_one("header form.site-search")


@pytest.fixture
def pages(publish_article, home_page):
    article = publish_article("Demo article about nightmares")
    return {"home": "/", "article": article.url, "search": "/search/?q=nightmares"}


@pytest.mark.parametrize("page", ["home", "article", "search"])
def test_header_form_submits_q_to_the_results_page_and_offers_suggestions(client, pages, page):
    response = client.get(pages[page])
    assert response.status_code == 200
    soup, form = header_form(response.content)
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    # Without JavaScript the input is an ordinary named field of that form.
    box = form.select_one("#site-search-q")
    assert box["name"] == "q" and box["type"] == "search"
    assert [field["name"] for field in form.find_all(["input", "select", "textarea"])] == ["q"]
    assert form.find("button")["type"] == "submit"
    assert box.find_parent(attrs={"data-suggest-url": True})["data-suggest-url"] == (
        "/search/suggest/"
    )
    assert not box.has_attr("role")  # The script, not the markup, makes it a combobox.
    # The suggestion script is loaded once, deferred, from this site.
    scripts = [tag for tag in soup.find_all("script") if tag.get("src")]
    assert [tag["src"] for tag in scripts] == ["/static/js/search.js"]
    assert scripts[0].has_attr("defer")


def test_results_page_has_two_search_boxes_with_different_ids(client, pages):
    soup = BeautifulSoup(client.get(pages["search"]).content, "html.parser")
    boxes = [container.find("input") for container in soup.select("[data-suggest-url]")]
    assert [box["id"] for box in boxes] == ["site-search-q", "search-q"]
