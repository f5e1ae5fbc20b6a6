"""Home and series pages, error pages, sitemap and robots.txt, as a visitor or crawler sees them."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def get_soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


@pytest.fixture
def published_site(home_page, series, three_articles):
    """The home page featuring the series, plus a draft and a private article."""
    home_page.intro = "<p>Demo home introduction.</p>"
    home_page.featured_series = series
    home_page.save()
    series.intro = "<p>Demo series introduction for <b>clinicians</b>.</p>"
    series.save()
    ArticlePageFactory(parent=series, title="Demo draft article", slug="draft", live=False)
    private = ArticlePageFactory(parent=series, title="Demo private article", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return home_page


@pytest.mark.django_db
def test_home_page_shows_intro_featured_series_latest_articles_and_booking(
    client, published_site, site_settings
):
    soup = get_soup(client, "/")
    assert text_of(soup.h1) == "Demo home"
    assert "Demo home introduction." in text_of(soup.select_one(".lede"))

    featured = soup.select_one(".featured-series")
    assert text_of(featured.h2) == "Demo series"
    assert [text_of(li) for li in featured.select(".part-list li")] == [
        "Part 1 Demo article 1 Demo subtitle 1",
        "Part 2 Demo article 2 Demo subtitle 2",
        "Part 3 Demo article 3 Demo subtitle 3",
    ]

    latest = [text_of(h3) for h3 in soup.select(".latest h3")]
    assert latest == ["Demo article 3", "Demo article 2", "Demo article 1"]

    cta = soup.select_one("section.cta")
    assert text_of(cta.h2) == site_settings.cta_heading
    assert cta.select_one("a.button")["href"] == "https://example.com/demo-booking"
    assert "Demo draft article" not in text_of(soup)
    assert "Demo private article" not in text_of(soup)


@pytest.mark.django_db
def test_series_page_lists_live_articles_in_order_with_part_subtitle_and_summary(
    client, published_site, series
):
    soup = get_soup(client, series.url)
    assert text_of(soup.h1) == "Demo series"
    assert soup.select_one(".lede").get_text().strip() == "Demo series introduction for clinicians."
    cards = soup.select("ol.article-list > li")
    assert [text_of(card.h2) for card in cards] == [
        "Demo article 1",
        "Demo article 2",
        "Demo article 3",
    ]
    first = cards[0]
    assert text_of(first.select_one(".article-card__kicker")) == "Part 1 · 2 min read"
    assert text_of(first.select_one(".article-card__subtitle")) == "Demo subtitle 1"
    assert text_of(first.select_one(".article-card__summary")) == "Demo summary 1."
    assert [text_of(li) for li in soup.select("nav.breadcrumb li")] == ["Home", "Demo series"]
    description = soup.head.find("meta", attrs={"name": "description"})["content"]
    assert description == "Demo series introduction for clinicians."


@pytest.mark.django_db
def test_sitemap_lists_only_live_public_pages(client, published_site, home_page):
    ArticleSeriesPageFactory(parent=home_page, title="Demo draft series", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    urls = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert urls == [
        "http://localhost/",
        "http://localhost/demo-series/",
        "http://localhost/demo-series/demo-article-1/",
        "http://localhost/demo-series/demo-article-2/",
        "http://localhost/demo-series/demo-article-3/",
    ]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert {"Disallow: /admin/", "Disallow: /django-admin/", "Disallow: /search/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_unknown_address_gets_a_helpful_404(client, published_site):
    soup = get_soup(client, "/no-such-page/", status=404)
    assert text_of(soup.h1) == "Page not found"
    form = soup.select_one("main form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get"
    assert form.find("input", attrs={"name": "q"}) is not None
    assert [text_of(a) for a in soup.select("main section a")] == ["Demo series"]
    assert soup.head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert text_of(soup.title) == "Page not found | Demo Organisation"


def test_500_page_needs_no_database_or_context():
    # No django_db mark: any database query here would fail the test.
    html = render_to_string("500.html")
    assert "Sorry, something went wrong" in html
    assert "{%" not in html and "<link" not in html and "<script" not in html
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content


@pytest.mark.django_db
def test_home_page_without_articles_or_featured_series_still_renders(client, home_page):
    soup = get_soup(client, "/")
    assert "No articles have been published yet." in text_of(soup)
    assert soup.select(".featured-series") == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/demo-series/"])
def test_listing_queries_do_not_grow_with_the_number_of_articles(
    client, published_site, series, url, django_assert_max_num_queries
):
    client.get(url)  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(12):
        client.get(url)
    for n in range(4, 12):
        ArticlePageFactory(parent=series, title=f"Demo article {n}")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "Demo article 11" in response.content.decode()
