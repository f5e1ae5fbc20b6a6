"""Hostile requests to every public URL pattern: never a server error.

A fixed, reproducible list of odd paths, methods, query strings, headers and form bodies,
as an attacker's scanner sends them, against a site with real content: articles in a
series, a topic, a booking page, a document and a password-protected article. Run on
both databases (PostgreSQL refuses NUL characters that SQLite stores, so each finds
different bugs). Every answer must be below 500.
"""

import itertools
import random

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory
from booking.factories import BookingRequestPageFactory

ODD_SEGMENTS = [
    "%00",
    "a%00b",
    "%0d%0aSet-Cookie:x=1",
    "%E2%80%AE",
    "%C0%AF",
    "%ff%fe",
    "..",
    "%2e%2e%2f",
    "<script>alert(1)</script>",
    "'%20OR%201=1--",
    "%25%32%65",
    "a" * 600,
    "\u00e4rzte",
    "%F0%9F%98%80",
    "-",
    "_",
    "0",
    "-1",
    "99999999999999999999999",
    "index.php",
    ".env",
    "wp-login.php",
]
ODD_VALUES = [
    "%00",
    "demo%00",
    "%0d%0a",
    "%E2%80%AE%E2%80%AD",
    "%ff",
    "%C0%80",
    "<script>",
    "'\"",
    "*",
    "-1",
    "0",
    "1e309",
    "99999999999999999999999",
    "NaN",
    "%20",
    "demo+" * 100,
    "x" * 3000,
    "%",
    "AND%20OR%20NOT%20(",
    '"unclosed',
]
HEADERS = [
    {},
    {"HTTP_X_FORWARDED_FOR": "not-an-ip, ::::, 999.1.1.1"},
    {"HTTP_X_FORWARDED_PROTO": "https, http"},
    {"HTTP_ACCEPT_LANGUAGE": "x" * 300 + ";q=abc"},
    {"HTTP_COOKIE": "sessionid=%00; csrftoken=<script>; =;;"},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday"},
    {"HTTP_IF_NONE_MATCH": '"\x00"'},
    {"HTTP_RANGE": "bytes=999999-0"},
    {"HTTP_REFERER": "javascript:alert(1)"},
    {"HTTP_USER_AGENT": "\u202e" * 50},
    {"HTTP_HOST": "evil.example.com"},
    {"HTTP_HOST": "127.0.0.1:99999"},
    {"CONTENT_TYPE": "application/json; charset=nope"},
]
METHODS = ["get", "head", "post", "put", "patch", "delete", "options", "trace"]


@pytest.fixture
def hostile_site(three_articles, home_page, series):
    BookingRequestPageFactory(parent=home_page)
    three_articles[0].topics.add("Demo topic")
    three_articles[0].save_revision().publish()
    document = get_document_model().objects.create(
        title="Demo document", file=ContentFile(b"Demo.", name="demo-document.txt")
    )
    private = ArticlePageFactory(parent=series, title="Demo private", slug="demo-private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="demo"
    )
    restriction = PageViewRestriction.objects.get(page=private)
    return {
        "pages": ["/", series.url, three_articles[0].url, private.url, "/book/"],
        "fixed": [
            "/book/thank-you/",
            "/search/",
            "/search/suggest/",
            "/sitemap.xml",
            "/robots.txt",
            "/feeds/rss.xml",
            "/feeds/atom.xml",
            f"/feeds/series/{series.slug}/rss.xml",
            f"/feeds/series/{series.slug}/atom.xml",
            "/topics/demo-topic/",
            document.url,
            f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
            "/admin/login/",
            "/admin/password_reset/",
        ],
        "templates": [
            "/topics/{}/",
            "/feeds/series/{}/rss.xml",
            "/documents/{}/demo-document.txt",
            f"/documents/{document.pk}/{{}}",
            "/media/images/{}",
            "/media/original_images/{}.png",
            "/{}/",
            f"{series.url}{{}}/",
            "/book/{}/",
            f"/_util/authenticate_with_password/{{}}/{private.pk}/",
        ],
    }


def hostile_requests(site):
    """About 700 (method, path, data, headers) tuples, the same on every run."""
    rng = random.Random(13)  # noqa: S311 - reproducible test data, not security
    targets = site["pages"] + site["fixed"]
    requests = []
    for template, segment in itertools.product(site["templates"], ODD_SEGMENTS):
        requests.append(("get", template.format(segment), None, {}))
    for target, value in itertools.product(targets, ODD_VALUES[:8]):
        key = rng.choice(["q", "page", "q", "format", "utm_source", "next", "q[]"])
        requests.append(("get", f"{target}?{key}={value}&{key}={value[:5]}", None, {}))
    for target, method in itertools.product(targets, METHODS):
        requests.append((method, target, None, rng.choice(HEADERS)))
    for target, headers in itertools.product(site["pages"] + ["/search/"], HEADERS):
        requests.append(("get", target, None, headers))
    for value in ODD_VALUES[::2]:
        form = {
            "name": value,
            "email": rng.choice([value, "demo@example.com", "a@b@c"]),
            "phone": value,
            "preferred_contact": rng.choice([value, "email", "phone"]),
            "role": rng.choice([value, "nurse"]),
            "message": value * 3,
            "consent": rng.choice(["on", value, ""]),
            "website": rng.choice(["", value]),
            "password": value,
            "return_url": rng.choice([value, "//evil.example.com/", "/"]),
            "username": value,
            "email_address": value,
        }
        for target in site["pages"] + site["fixed"][-4:]:
            requests.append(("post", target, form, {}))
    return requests


def test_no_hostile_request_gets_a_server_error(hostile_site):
    clients = [Client(raise_request_exception=False), Client(enforce_csrf_checks=True)]
    clients[1].raise_request_exception = False
    requests = hostile_requests(hostile_site)
    assert len(requests) > 500
    failures = []
    for number, (method, path, data, headers) in enumerate(requests):
        client = clients[number % 2] if method == "post" else clients[0]
        response = getattr(client, method)(path, data=data, **headers)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {path[:120]} {headers} -> {response.status_code}")
    assert failures == []
