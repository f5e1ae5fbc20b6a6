"""The caching policy: which responses a shared cache may keep, by kind of URL and visitor."""

import pytest
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from booking.factories import BookingRequestPageFactory

PUBLIC_DIRECTIVES = {"public", "max-age=60", "s-maxage=3600", "stale-while-revalidate=60"}


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def assert_public(response, status=200):
    assert response.status_code == status
    assert directives(response) == PUBLIC_DIRECTIVES
    assert response["ETag"].startswith('"')


def assert_private(response):
    found = directives(response)
    assert {"private", "no-store", "no-cache", "max-age=0"} <= found
    assert "public" not in found
    assert not any(part.startswith("s-maxage") for part in found)


@pytest.fixture
def lifetimes(settings):
    settings.CACHE_MAX_AGE = 60
    settings.CACHE_S_MAXAGE = 3600
    settings.CACHE_STALE_WHILE_REVALIDATE = 60


@pytest.fixture
def tagged(three_articles):
    article = three_articles[0]
    article.topics.add("Demo topic")
    article.save_revision().publish()
    return article


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/demo-series/",
        "/demo-series/demo-article-1/",
        "/topics/demo-topic/",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/series/demo-series/rss.xml",
        "/feeds/series/demo-series/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_anonymous_public_pages_are_cacheable_by_shared_caches(client, lifetimes, tagged, url):
    response = client.get(url)
    assert_public(response)
    assert "Set-Cookie" not in response


def test_head_is_cacheable_like_get(client, lifetimes, three_articles):
    assert_public(client.head("/demo-series/demo-article-1/"))


def test_conditional_get_with_the_etag_answers_304(client, lifetimes, three_articles):
    first = client.get("/demo-series/demo-article-1/")
    again = client.get("/demo-series/demo-article-1/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert directives(again) == PUBLIC_DIRECTIVES
    other = client.get("/demo-series/demo-article-2/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200


def test_etag_changes_when_the_page_changes(client, three_articles):
    article = three_articles[0]
    before = client.get(article.url)["ETag"]
    article.title = "Demo article 1, revised"
    article.save_revision().publish()
    assert client.get(article.url)["ETag"] != before


def test_404_is_cacheable_briefly_by_shared_caches_only(client, lifetimes, home_page):
    # Browsers must ask again: the page may be published any moment, and a purge cannot
    # reach a reader's browser.
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert directives(response) == {
        "public",
        "max-age=0",
        "s-maxage=60",
        "stale-while-revalidate=60",
    }


def test_logged_in_editor_never_gets_a_shareable_page(admin_client, three_articles):
    response = admin_client.get("/demo-series/demo-article-1/")
    assert response.status_code == 200
    # The editor sees Wagtail's userbar: it must never be stored for visitors.
    assert b"wagtail-userbar" in response.content
    assert_private(response)


def test_admin_pages_and_previews_are_private(admin_client, three_articles):
    assert_private(admin_client.get("/admin/"))
    article = three_articles[0]
    assert_private(admin_client.get(f"/admin/pages/{article.pk}/edit/"))
    preview = admin_client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert_private(preview)


def test_admin_login_page_is_private(client, home_page):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_private(response)


@pytest.mark.parametrize("kind", ["password", "login"])
def test_restricted_pages_are_private(client, three_articles, kind):
    article = three_articles[1]
    PageViewRestriction.objects.create(page=article, restriction_type=kind, password="demo")
    response = client.get(article.url)
    assert response.status_code == (200 if kind == "password" else 302)
    assert_private(response)


def test_password_restricted_page_is_private_after_the_password(client, three_articles):
    article = three_articles[1]
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type="password", password="demo"
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/",
        {"password": "demo", "return_url": article.url},
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert b"Demo article 2" in response.content
    assert_private(response)


def test_booking_page_and_its_post_are_private(client, home_page):
    page = BookingRequestPageFactory(parent=home_page)
    form = client.get(page.url)
    assert form.status_code == 200
    assert_private(form)
    posted = client.post(page.url, {"name": ""})
    assert posted.status_code == 200
    assert_private(posted)


def test_search_results_are_private(client, three_articles):
    assert_private(client.get("/search/?q=demo"))
    assert_private(client.get("/search/suggest/?q=demo"))


def test_a_response_that_sets_a_cookie_is_private(client, three_articles):
    # The admin login form sets the CSRF cookie; so would any form on a public page.
    response = client.get("/admin/login/")
    assert "csrftoken" in response.cookies
    assert_private(response)


def test_post_to_a_public_page_is_private(client, three_articles):
    response = client.post("/demo-series/demo-article-1/")
    assert_private(response)


def test_server_errors_are_private(client, three_articles, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("Demo failure")

    monkeypatch.setattr(ArticlePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/demo-series/demo-article-1/")
    assert response.status_code == 500
    assert_private(response)


def test_an_anonymous_request_with_a_session_cookie_is_private(client, three_articles):
    client.cookies["sessionid"] = "demo-stale-session"
    assert_private(client.get("/demo-series/demo-article-1/"))
