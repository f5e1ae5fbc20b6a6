"""Varnish (deploy/varnish/default.vcl) in front of a live app server, for real.

Needs varnishd (apt-get install -y varnish): skipped without it, failed without it when
ARTCMS_REQUIRE_SERVERS=1 (CI). Fixtures: core/testing/servers.py.
"""

import re
import time
from urllib.parse import urlencode

import pytest
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from articles.tests.conftest import article_form_data
from booking.factories import BookingRequestPageFactory
from booking.models import BookingRequest

ARTICLE = "/demo-series/demo-article-2/"
SHOWING_ARTICLE_2 = [
    ARTICLE,
    "/demo-series/demo-article-1/",
    "/demo-series/demo-article-3/",
    "/demo-series/",
    "/feeds/series/demo-series/rss.xml",
]


@pytest.fixture
def site(settings, three_articles):
    settings.PAGE_CACHE_ENABLED = True  # Both caches, as on a production box.
    return three_articles


def get_hit(varnish, path):
    """Fetch twice; return the second response, asserting the first filled the cache."""
    status, headers, _body = varnish.request(path)
    assert status == 200, path
    status, headers, body = varnish.request(path)
    assert (status, headers["X-Cache"]) == (200, "HIT"), path
    return body


def test_the_second_anonymous_request_is_a_hit(varnish, site):
    status, headers, first = varnish.request(ARTICLE)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert "public" in headers["Cache-Control"]
    status, headers, second = varnish.request(ARTICLE)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert second == first
    # Cookies that do not change a page (analytics) do not bypass the cache.
    _status, headers, _body = varnish.request(ARTICLE, headers={"Cookie": "_ga=demo"})
    assert headers["X-Cache"] == "HIT"


def test_a_publish_in_the_admin_shows_everywhere_within_a_second(varnish, site, admin_client):
    for path in SHOWING_ARTICLE_2:
        assert "Demo article 2, revised" not in get_hit(varnish, path)
    article = site[1]
    data = article_form_data("Demo article 2, revised", "demo-article-2")
    data["action-publish"] = "action-publish"
    response = admin_client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content[:2000]
    published = time.monotonic()
    for path in SHOWING_ARTICLE_2:
        status, headers, body = varnish.request(path)
        assert status == 200
        assert headers["X-Cache"] == "MISS", path
        assert "Demo article 2, revised" in body, path
    assert time.monotonic() - published < 1.0


def test_drafts_and_private_pages_never_appear(varnish, site):
    ArticlePageFactory(
        parent=site[0].get_parent(), title="Demo draft", slug="demo-draft", live=False
    )
    for _ in range(2):
        status, _headers, _body = varnish.request("/demo-series/demo-draft/")
        assert status == 404
    article = ArticlePage.objects.get(pk=site[1].pk)
    get_hit(varnish, ARTICLE)
    article.title = "Demo unpublished change"
    article.save_revision()  # A draft: the public page keeps the published title.
    _status, _headers, body = varnish.request(ARTICLE)
    assert "Demo unpublished change" not in body
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    for _ in range(2):
        status, headers, body = varnish.request(ARTICLE)
        assert (status, headers["X-Cache"]) == (200, "MISS")
        assert "Demo summary 2." not in body  # The password form, not the article.
    assert "Demo article 2" not in varnish.request("/demo-series/")[2]


def test_the_booking_post_and_editors_pass_straight_through(varnish, site, admin_user, client):
    page = BookingRequestPageFactory(parent=site[0].get_parent().get_parent())
    status, headers, form = varnish.request(page.url)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert varnish.request(page.url)[1]["X-Cache"] == "MISS"
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "name": "Demo Visitor",
        "email": "demo.visitor@example.com",
        "phone": "",
        "preferred_contact": "email",
        "role": "nurse",
        "message": "Demo message.",
        "consent": "on",
        "website": "",
    }
    status, headers, body = varnish.request(
        page.url,
        method="POST",
        data=urlencode(data).encode(),
        headers={"Cookie": f"csrftoken={cookie}", "Referer": varnish.url + page.url},
    )
    assert status == 200  # The thank-you page, after the 303.
    assert BookingRequest.objects.count() == 1

    client.force_login(admin_user)
    editor = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    for _ in range(2):
        status, headers, body = varnish.request(ARTICLE, headers=editor)
        assert (status, headers["X-Cache"]) == (200, "MISS")
        assert "wagtail-userbar" in body
    _status, _headers, visitor = varnish.request(ARTICLE)
    assert "wagtail-userbar" not in visitor


def test_a_cached_article_is_served_while_the_app_is_down(varnish, site, app_server, settings):
    settings.CACHE_S_MAXAGE = 1  # So the copy is stale by the time we ask again.
    body = get_hit(varnish, ARTICLE)
    app_server.stop()
    time.sleep(1.5)
    status, _headers, stale = varnish.request(ARTICLE)
    assert status == 200
    assert stale == body
