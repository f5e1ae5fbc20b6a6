"""Only live, public articles are ever returned: by search, suggestions or promotions."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory
from search.tests.support import result_titles, search

pytestmark = pytest.mark.django_db


def found(client, query):
    """Titles from the results page, its promotions and the suggestions, for one query."""
    response = search(client, query)
    titles = result_titles(response)
    titles += [promotion.title for promotion in response.context["promotions"]]
    titles += [
        item["title"] for item in client.get("/search/suggest/", {"q": query}).json()["results"]
    ]
    return titles


def promote(query, page):
    SearchPromotion.objects.create(query=Query.get(query), page=page, sort_order=0)


def test_a_draft_is_never_returned(client, series, publish_article):
    publish_article("Demo visible hiddenword")
    draft = ArticlePageFactory(parent=series, title="Demo draft hiddenword", live=False)
    promote("hiddenword", draft)
    assert found(client, "hiddenword") == ["Demo visible hiddenword"] * 2


def test_an_unpublished_article_is_never_returned(client, publish_article):
    article = publish_article("Demo withdrawn hiddenword")
    promote("hiddenword", article)
    assert "Demo withdrawn hiddenword" in found(client, "hiddenword")
    article.unpublish()
    assert found(client, "hiddenword") == []


def test_unpublished_changes_do_not_leak(client, publish_article):
    article = publish_article("Demo live title", summary="Demo live summary")
    article.title = "Demo changed hiddenword"
    article.summary = "Demo draft summary secretdraftword"
    article.save_revision()  # Saved as a draft, not published.

    assert found(client, "hiddenword") == []
    assert found(client, "secretdraftword") == []
    response = search(client, "live")
    assert result_titles(response) == ["Demo live title"]
    snippet = str(response.context["results"][0].snippet)
    assert "secretdraftword" not in snippet


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_a_private_article_is_never_returned(client, publish_article, restriction):
    publish_article("Demo public hiddenword")
    private = publish_article("Demo private hiddenword")
    PageViewRestriction.objects.create(
        page=private, restriction_type=restriction, password="demo-password"
    )
    promote("hiddenword", private)
    assert found(client, "hiddenword") == ["Demo public hiddenword"] * 2


def test_an_article_in_a_private_series_is_never_returned(client, home_page, publish_article):
    private_series = ArticleSeriesPageFactory(parent=home_page, title="Demo private series")
    PageViewRestriction.objects.create(page=private_series, restriction_type="login")
    hidden = publish_article("Demo in private series hiddenword", parent=private_series)
    promote("hiddenword", hidden)
    assert found(client, "hiddenword") == []
