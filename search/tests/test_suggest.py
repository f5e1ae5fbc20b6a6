"""/search/suggest/: up to eight article titles and URLs for what has been typed so far."""

import pytest

from search.tests.support import paragraph_body

pytestmark = pytest.mark.django_db


def suggest(client, query):
    response = client.get("/search/suggest/", {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response


def test_partial_words_suggest_matching_titles_with_urls(client, publish_article):
    wanted = publish_article("Demo compassion fatigue basics")
    publish_article("Demo workplace violence", body=paragraph_body("Demo compassion in text."))
    data = suggest(client, "compas").json()
    assert data == {
        "query": "compas",
        "results": [{"title": "Demo compassion fatigue basics", "url": wanted.url}],
    }
    # Every word counts; the last one may be unfinished.
    assert [r["title"] for r in suggest(client, "fatigue comp").json()["results"]] == [
        "Demo compassion fatigue basics"
    ]
    assert suggest(client, "violence comp").json()["results"] == []


def test_at_most_eight_suggestions(client, publish_article):
    for number in range(11):
        publish_article(f"Demo nightmares part {number}")
    assert len(suggest(client, "nightm").json()["results"]) == 8


@pytest.mark.parametrize("query", ["", " ", "n", "&", '"', "*", "!!", "\x00"])
def test_too_little_to_go_on_gives_no_suggestions(client, publish_article, query):
    publish_article("Demo nightmares")
    assert suggest(client, query).json()["results"] == []


def test_suggestions_are_not_indexed_or_cached(client, publish_article):
    publish_article("Demo nightmares")
    response = suggest(client, "nightm")
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_only_get_is_allowed(client):
    assert client.post("/search/suggest/", {"q": "nightm"}).status_code == 405
    assert client.post("/search/", {"q": "nightm"}).status_code == 405
