"""What an article knows about itself: references, reading time, and how it renders."""

import pytest

from articles.factories import ArticlePageFactory, demo_body
from articles.tests.test_citations import SEED_REFERENCES


@pytest.fixture
def article(series):
    return ArticlePageFactory(
        parent=series,
        title="Demo article with references",
        body=demo_body(references=[value for value, _ in SEED_REFERENCES]),
    )


@pytest.mark.django_db
def test_references_lists_every_reference_in_order(article):
    assert [ref["authors"] for ref in article.references] == [
        "Cocker, F. & Joss, N.",
        "Craig, C.",
        "Kip, K. E.",
        "Figley, C.",
    ]


@pytest.mark.django_db
def test_reading_time_is_at_least_a_minute(article):
    assert article.reading_time == 1


@pytest.mark.django_db
def test_reading_time_counts_words_at_200_a_minute(series):
    words = " ".join(["demo"] * 450)
    page = ArticlePageFactory(
        parent=series, body=[{"type": "paragraph", "value": f"<p>{words}</p>"}]
    )
    assert page.word_count == 450
    assert page.reading_time == 3


@pytest.mark.django_db
def test_article_page_renders_formatted_references(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    for _value, formatted in SEED_REFERENCES:
        assert formatted in html
    assert '<h1 id="article-title">Demo article with references</h1>' in html


@pytest.mark.django_db
def test_citation_style_setting_changes_the_references(client, article, home_page):
    from wagtail.models import Site

    from core.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.citation_style = "ama"
    settings.save()
    html = client.get(article.url).content.decode()
    assert "Cocker F, Joss N. Compassion fatigue in healthcare." in html
    assert SEED_REFERENCES[0][1] not in html
