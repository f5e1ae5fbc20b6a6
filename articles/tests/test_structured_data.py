"""The article's JSON-LD: parses, carries what rich results need, and is embedded safely."""

import json

import pytest
from bs4 import BeautifulSoup

from articles.factories import ArticlePageFactory, demo_reference, seed_like_body
from articles.structured_data import build_article_data
from core.structured_data import compact, json_ld_script

pytestmark = pytest.mark.django_db


def json_ld_of(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_article_json_ld_is_a_medical_web_page_about_the_article(client, three_articles):
    data = json_ld_of(client, three_articles[1])
    url = "http://localhost/demo-series/demo-article-2/"

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == url
    assert data["datePublished"] == "2025-03-02T09:00:00Z"
    assert data["dateModified"] == "2025-03-12T09:00:00Z"
    assert [item["name"] for item in data["breadcrumb"]["itemListElement"]] == [
        "Demo home",
        "Demo series",
        "Demo article 2",
    ]

    article = data["mainEntity"]
    assert article["@type"] == "Article"
    assert article["headline"] == "Demo article 2"
    assert article["alternativeHeadline"] == "Demo subtitle 2"
    assert article["description"] == "Demo summary 2."
    assert article["datePublished"] == "2025-03-02T09:00:00Z"
    assert article["dateModified"] == "2025-03-12T09:00:00Z"
    assert article["mainEntityOfPage"] == {"@id": f"{url}#webpage"}
    organisation = {
        "@type": "Organization",
        "name": "Demo Organisation",
        "url": "http://localhost/",
    }
    assert article["author"] == organisation
    assert article["publisher"] == organisation
    assert article["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Demo series",
        "url": "http://localhost/demo-series/",
    }
    assert article["position"] == 2


def test_citations_are_scholarly_articles_with_their_dois(client, three_articles):
    citations = json_ld_of(client, three_articles[0])["mainEntity"]["citation"]
    assert len(citations) == 4
    first = citations[0]
    assert first["@type"] == "ScholarlyArticle"
    assert first["name"] == "Demo reference 1"
    assert first["datePublished"] == "2020"
    assert first["isPartOf"] == {"@type": "Periodical", "name": "Demo Journal of Examples"}
    assert first["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.5555/demo.1",
    }
    assert first["sameAs"] == "https://doi.org/10.5555/demo.1"
    assert [person["familyName"] for person in first["author"]] == ["Demo", "Sample"]


def test_other_kinds_of_reference_map_to_their_schema_types(series, site_settings):
    references = [
        demo_reference(1, kind="book", doi="", source="Demo Press"),
        demo_reference(2, kind="webpage", doi="", url="https://example.com/demo", source=""),
        demo_reference(3, peer_reviewed=False, doi=""),
    ]
    body = seed_like_body()
    body[-1]["value"]["references"] = references
    article = ArticlePageFactory(parent=series, body=body)
    citations = build_article_data(article)["mainEntity"]["citation"]
    assert [c["@type"] for c in citations] == ["Book", "WebPage", "Article"]
    assert citations[0]["publisher"] == {"@type": "Organization", "name": "Demo Press"}
    assert citations[1]["url"] == "https://example.com/demo"
    assert "identifier" not in citations[1]


def test_text_that_could_close_the_script_is_escaped(client, series, site_settings):
    article = ArticlePageFactory(
        parent=series,
        title="Demo </script><script>alert(1)</script> article",
        summary="Demo & <!-- summary -->",
        body=seed_like_body(),
    )
    html = client.get(article.url).content.decode()
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script
    data = json.loads(script)
    assert data["mainEntity"]["headline"] == "Demo </script><script>alert(1)</script> article"
    assert data["mainEntity"]["description"] == "Demo & <!-- summary -->"


def test_json_ld_script_escapes_markup_characters():
    html = str(json_ld_script({"name": "</script>&"}))
    assert html == (
        '<script type="application/ld+json">{"name":"\\u003C/script\\u003E\\u0026"}</script>'
    )


def test_empty_values_are_left_out():
    assert compact({"a": "", "b": None, "c": [], "d": {"e": ""}, "f": 0, "g": ["x"]}) == {
        "f": 0,
        "g": ["x"],
    }


def test_json_ld_names_the_authors_and_the_clinical_review(client, series, site_settings):
    import datetime

    from articles.models import ArticlePageAuthor
    from people.factories import PersonFactory

    reviewer = PersonFactory(name="Demo Reviewer", credentials="DemoMD", role="Demo role")
    author = PersonFactory(name="Demo Author", credentials="PhD, LMHC", role="")
    article = ArticlePageFactory(
        parent=series,
        title="Demo reviewed article",
        body=seed_like_body(),
        clinically_reviewed_by=reviewer,
        last_reviewed=datetime.date(2026, 3, 3),
    )
    article.article_authors = [ArticlePageAuthor(person=author, sort_order=0)]
    article.save_revision().publish()

    data = json_ld_of(client, article)
    assert data["mainEntity"]["author"] == [
        {"@type": "Person", "name": "Demo Author", "honorificSuffix": "PhD, LMHC"}
    ]
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Demo Reviewer",
        "honorificSuffix": "DemoMD",
        "jobTitle": "Demo role",
    }
    assert data["lastReviewed"] == "2026-03-03"


def test_json_ld_falls_back_to_the_organisation_without_authors(client, three_articles):
    data = json_ld_of(client, three_articles[0])
    assert data["mainEntity"]["author"]["@type"] == "Organization"
    assert "reviewedBy" not in data
