"""Private pages stay private with the faster routing (RoutedPageMixin, ArticleSeriesPage.route).

A view restriction on the article, on its series or on the home page asks for the password
instead of showing the article; a public article still shows.
"""

import pytest
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(series, site_settings):
    return ArticlePageFactory(parent=series, title="Demo private article", slug="demo-private")


def asks_for_password(response):
    html = response.content.decode()
    return "authenticate_with_password" in html and "Demo private article</h1>" not in html


def test_public_article_is_shown(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Demo private article</h1>" in response.content.decode()


@pytest.mark.parametrize("restricted", ["article", "series", "home"])
def test_restricted_article_asks_for_the_password(client, article, restricted, home_page):
    page = {"article": article, "series": article.get_parent(), "home": home_page}[restricted]
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="demo"
    )
    assert asks_for_password(client.get(article.url))


def test_restricted_series_page_asks_for_the_password(client, article):
    series = article.get_parent()
    PageViewRestriction.objects.create(
        page=series, restriction_type=PageViewRestriction.PASSWORD, password="demo"
    )
    response = client.get(series.url)
    assert "authenticate_with_password" in response.content.decode()
