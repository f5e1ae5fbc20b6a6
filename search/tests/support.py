"""Test content and request helpers shared by the search tests."""

from bs4 import BeautifulSoup
from django.utils.html import escape

from articles.factories import demo_body

# The seed article cites Figley; the other references here are visibly synthetic.
FIGLEY = {
    "kind": "book",
    "authors": "Figley, C.",
    "year": 1995,
    "title": "Compassion Fatigue: Coping With Secondary Traumatic Stress Disorder",
    "source": "",
}
DEMO_REFERENCE = {
    "kind": "article-journal",
    "authors": "Demo, A. & Sample, B.",
    "year": 2020,
    "title": "Demo reference title",
    "source": "Demo Journal of Examples",
}


def paragraph_body(*paragraphs, references=None):
    """A demo body with the given plain-text paragraphs added after the first heading."""
    body = demo_body(references=references)
    body[1:1] = [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in paragraphs]
    return body


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params})


def result_titles(response):
    """Titles of the results listed on the page, in order (promotions not included)."""
    return [result.page.title for result in response.context["results"]]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")
