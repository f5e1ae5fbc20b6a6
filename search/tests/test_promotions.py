"""Editors' tools: promotions come first and once; searches fill the popular-searches report."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from articles.factories import ArticleSeriesPageFactory
from search.hits import flush_search_hits
from search.tests.support import result_titles, search, soup

pytestmark = pytest.mark.django_db


def test_a_promoted_article_comes_first_and_is_not_repeated(client, publish_article):
    publish_article("Demo nightmares first")
    promoted = publish_article("Demo nightmares promoted")
    publish_article("Demo unrelated article")  # Promoted pages need not match the words.
    SearchPromotion.objects.create(
        query=Query.get("Nightmares"),
        page=promoted,
        description="Start here: the editors' pick.",
        sort_order=0,
    )

    response = search(client, "nightmares")
    page = soup(response)
    promotions = page.select(".search-promotions .search-result")
    assert [item.select_one("h3 a").get_text() for item in promotions] == [
        "Demo nightmares promoted"
    ]
    assert "Start here: the editors' pick." in promotions[0].get_text()
    # Shown before the other results, and not again among them.
    assert page.select_one(".search-result").get_text() == promotions[0].get_text()
    assert result_titles(response) == ["Demo nightmares first"]
    assert response.context["result_count"] == 2


def test_promotions_keep_the_editors_order_and_allow_other_pages(
    client, home_page, publish_article
):
    first = publish_article("Demo pick one")
    other_series = ArticleSeriesPageFactory(parent=home_page, title="Demo series pick")
    query = Query.get("demo picks")
    SearchPromotion.objects.create(query=query, page=other_series, sort_order=1)
    SearchPromotion.objects.create(query=query, page=first, sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.com/demo",
        external_link_text="Demo external pick",
        sort_order=2,
    )
    page = soup(search(client, "Demo picks"))
    links = page.select(".search-promotions .search-result__title a")
    assert [(link.get_text(), link["href"]) for link in links] == [
        ("Demo pick one", first.url),
        ("Demo series pick", other_series.url),
        ("Demo external pick", "https://example.com/demo"),
    ]


def test_promotions_show_on_the_first_page_only(client, publish_article):
    for number in range(12):
        publish_article(f"Demo paging article {number}")
    promoted = publish_article("Demo promoted elsewhere")
    SearchPromotion.objects.create(query=Query.get("paging"), page=promoted, sort_order=0)
    assert len(search(client, "paging").context["promotions"]) == 1
    second = search(client, "paging", page="2")
    assert second.context["promotions"] == []
    assert "Demo promoted elsewhere" not in result_titles(second)


def test_each_search_is_logged_once_for_the_popular_searches_report(
    client, admin_client, publish_article
):
    publish_article("Demo nightmares article")
    for _ in range(3):
        search(client, "Nightmares")
    search(client, "nightmares", page="2")  # Paging is the same search, not a new one.
    search(client, "burnout")
    search(client, "   ")  # Empty: not logged.
    flush_search_hits()  # What the next search after FLUSH_SECONDS, or the exit, does.

    assert Query.get("nightmares").hits == 3
    assert Query.get("burnout").hits == 1
    assert list(Query.objects.values_list("query_string", flat=True).order_by("pk")) == [
        "nightmares",
        "burnout",
    ]
    report = admin_client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert report.status_code == 200
    rows = [row.get_text(" ", strip=True) for row in soup(report).select("tbody tr")]
    assert rows[0].startswith("nightmares") and rows[0].endswith("3")
    assert rows[1].startswith("burnout") and rows[1].endswith("1")


def test_suggestions_are_not_logged(client, publish_article):
    publish_article("Demo nightmares article")
    client.get("/search/suggest/", {"q": "nightm"})
    assert not Query.objects.exists()
