"""Two app servers sharing one PostgreSQL, Redis and S3 server behave as one site.

Each node is a real gunicorn process (core/testing/app_servers.py) with its own local
temporary directory, like a separate machine; what one node does through HTTP, the other
must show. PostgreSQL only: the SQLite test database lives in this process's memory, where
another process cannot reach it.
"""

import io
import re
import uuid
from pathlib import Path

import pytest
import redis
import requests
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from articles.factories import ArticlePageFactory
from booking.factories import BookingRequestPageFactory
from core.testing.app_servers import database_url, start_app_server
from core.testing.object_storage import ObjectStorage

# Serialized rollback: the emptied database is put back as the migrations left it, which
# the browser tests that run later rely on.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_URL = "redis://127.0.0.1:6379/6"
PASSWORD = "demo-editor-password"  # noqa: S105


@pytest.fixture(scope="module")
def shared_bucket(moto_server):
    storage = ObjectStorage(endpoint_url=moto_server, bucket=f"artcms-{uuid.uuid4().hex[:16]}")
    storage.client().create_bucket(Bucket=storage.bucket)
    storage.apply_bucket_policy()
    return storage


@pytest.fixture(scope="module")
def nodes(django_db_setup, django_db_blocker, shared_bucket, tmp_path_factory):
    """Node A and node B: same database, Redis and bucket; nothing else in common."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("two app servers need a database both can reach: run on PostgreSQL")
        environ = {"DATABASE_URL": database_url(), "REDIS_URL": REDIS_URL}
    environ.update(shared_bucket.environ())
    base = tmp_path_factory.mktemp("nodes")
    servers = [start_app_server(base / name, environ) for name in ("node-a", "node-b")]
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def empty_shared_cache():
    """Both nodes keep Wagtail's caches (site root paths, renditions) in the shared Redis:
    empty it, since each test builds its own site, which this process's saves cannot purge
    there (this process's own cache is local memory)."""
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def editor(django_user_model, home_page):
    # home_page: the admin needs the page tree, which a transactional test empties.
    user = django_user_model.objects.create_superuser(
        "demo-editor", "demo.editor@example.com", PASSWORD
    )
    # A superuser signs in with a second factor: a real authenticator, whose current code
    # log_in() computes as the app on a phone would.
    TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
    return user


def csrf_token(session, url):
    """GET a page with a form and return its CSRF token (the cookie is kept in session)."""
    response = session.get(url, timeout=30)
    assert response.status_code == 200, response.text[:500]
    return BeautifulSoup(response.text, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]


def log_in(session, node, user):
    token = csrf_token(session, f"{node.url}/admin/login/")
    response = session.post(
        f"{node.url}/admin/login/",
        {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    device = TOTPDevice.objects.get(user=user)
    code = str(TOTP(device.bin_key, device.step, device.t0, device.digits).token())
    verify_url = f"{node.url}/admin/two-factor/verify/"
    response = session.post(
        verify_url,
        {"code": code.zfill(device.digits), "csrfmiddlewaretoken": csrf_token(session, verify_url)},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def png_bytes(size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (120, 60, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def local_media_files(node):
    """Files under the node's own temporary directory's media folders (there should be none)."""
    return [
        path
        for media_root in Path(node.directory, "tmp").glob("artcms-test-media-*")
        for path in media_root.rglob("*")
        if path.is_file()
    ]


def unique_slug(stem):
    # A page cache shared through Redis must never answer for an earlier run's page.
    return f"{stem}-{uuid.uuid4().hex[:8]}"


def test_an_image_uploaded_on_node_a_is_served_in_an_article_rendered_by_node_b(
    nodes, shared_bucket, series, editor
):
    node_a, node_b = nodes
    session = requests.Session()
    log_in(session, node_a, editor)
    token = csrf_token(session, f"{node_a.url}/admin/images/add/")
    response = session.post(
        f"{node_a.url}/admin/images/add/",
        data={
            "title": "Demo photo from node A",
            "collection": Collection.get_first_root_node().pk,
            "csrfmiddlewaretoken": token,
        },
        files={"file": ("demo-node-a.png", png_bytes(), "image/png")},
        timeout=60,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:1000]
    image = get_image_model().objects.get(title="Demo photo from node A")
    assert image.file.name in shared_bucket.keys("original_images/")

    article = ArticlePageFactory(
        parent=series, title="Demo article 1", slug=unique_slug("demo-article"), hero_image=image
    )
    page = requests.get(f"{node_b.url}{article.url}", timeout=60)
    assert page.status_code == 200
    hero = BeautifulSoup(page.text, "html.parser").select_one("main img[srcset]")
    assert hero["src"].startswith(f"{shared_bucket.endpoint_url}/{shared_bucket.bucket}/images/")
    fetched = requests.get(hero["src"], timeout=30)
    assert fetched.status_code == 200
    assert fetched.headers["Content-Type"] == "image/webp"
    # Neither node kept a copy on its own disk.
    assert local_media_files(node_a) == []
    assert local_media_files(node_b) == []


def test_an_editor_logged_in_on_node_a_stays_logged_in_on_node_b(nodes, editor):
    node_a, node_b = nodes
    session = requests.Session()
    log_in(session, node_a, editor)
    dashboard = session.get(f"{node_b.url}/admin/", timeout=30, allow_redirects=False)
    assert dashboard.status_code == 200
    assert "demo-editor" in dashboard.text or "Dashboard" in dashboard.text
    # A visitor without the session cookie is sent to the login page by the same node.
    stranger = requests.get(f"{node_b.url}/admin/", timeout=30, allow_redirects=False)
    assert stranger.status_code == 302
    assert "/admin/login/" in stranger.headers["Location"]


def test_a_publish_on_node_a_shows_on_node_b_at_once(nodes, series, editor):
    node_a, node_b = nodes
    article = ArticlePageFactory(parent=series, title="Demo article 2", slug=unique_slug("demo"))
    url = f"{node_b.url}{article.url}"
    assert "Demo article 2" in requests.get(url, timeout=60).text
    article.title = "Demo article 2, edited"
    article.save_revision(user=editor)  # a draft: not shown yet
    assert "Demo article 2, edited" not in requests.get(url, timeout=60).text

    session = requests.Session()
    log_in(session, node_a, editor)
    bulk_publish = f"{node_a.url}/admin/bulk/wagtailcore/page/publish/?id={article.pk}"
    token = csrf_token(session, bulk_publish)
    response = session.post(
        bulk_publish, {"csrfmiddlewaretoken": token}, timeout=60, allow_redirects=False
    )
    assert response.status_code == 302, response.text[:1000]

    shown = requests.get(url, timeout=60)
    assert shown.status_code == 200
    assert re.search(r"<h1[^>]*>\s*Demo article 2, edited\s*</h1>", shown.text)


def test_a_booking_rate_limit_counted_on_node_a_holds_on_node_b(nodes, home_page, site_settings):
    node_a, node_b = nodes
    booking_page = BookingRequestPageFactory(parent=home_page, slug=unique_slug("book"))
    visitor = {
        "name": "Demo Visitor",
        "email": "demo.visitor@example.com",
        "phone": "+1 555 010 0199",
        "preferred_contact": "email",
        "role": "nurse",
        "message": "Demo message: weekday mornings suit me.",
        "consent": "on",
        "website": "",
    }
    session = requests.Session()
    for _ in range(5):
        token = csrf_token(session, f"{node_a.url}{booking_page.url}")
        response = session.post(
            f"{node_a.url}{booking_page.url}",
            {**visitor, "csrfmiddlewaretoken": token},
            timeout=60,
            allow_redirects=False,
        )
        assert response.status_code == 303, response.text[:1000]
    token = csrf_token(session, f"{node_b.url}{booking_page.url}")
    refused = session.post(
        f"{node_b.url}{booking_page.url}",
        {**visitor, "csrfmiddlewaretoken": token},
        timeout=60,
        allow_redirects=False,
    )
    assert refused.status_code == 429
    assert "Please try again later" in refused.text


def canonical(node, path):
    page = requests.get(f"{node.url}{path}", timeout=60)
    assert page.status_code == 200
    return BeautifulSoup(page.text, "html.parser").find("link", rel="canonical")["href"]


def test_a_site_address_changed_on_node_a_is_used_by_node_b_at_once(nodes, series, editor):
    """Wagtail caches the site root paths (every page URL) for an hour: in a cache both share."""
    node_a, node_b = nodes
    article = ArticlePageFactory(parent=series, title="Demo article 3", slug=unique_slug("demo"))
    site = Site.objects.get(is_default_site=True)
    assert canonical(node_b, article.url).startswith(f"http://{site.hostname}")  # now cached

    session = requests.Session()
    log_in(session, node_a, editor)
    edit_url = f"{node_a.url}{reverse('wagtailsites:edit', args=[site.pk])}"
    response = session.post(
        edit_url,
        {
            "hostname": "art.example.org",
            "port": "443",
            "site_name": "Demo site",
            "root_page": site.root_page_id,
            "is_default_site": "on",
            "csrfmiddlewaretoken": csrf_token(session, edit_url),
        },
        timeout=60,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:1000]
    assert Site.objects.get(pk=site.pk).hostname == "art.example.org"

    assert canonical(node_b, article.url) == f"https://art.example.org{article.url}"
