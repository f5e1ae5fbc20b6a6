"""Fixtures shared by every app's tests."""

import datetime
import os
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import caches
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory, seed_like_body
from core.models import SiteSettings
from home.factories import HomePageFactory
from search.hits import take_pending

# Fixtures for tests against real servers (Varnish, Redis, ...); other modules go beside it.
# Real servers for the tests: Varnish and Redis (servers), S3 (moto), SMTP (aiosmtpd),
# gunicorn app servers.
pytest_plugins = [
    "core.testing.servers",
    "core.testing.object_storage",
    "core.testing.mail",
    "core.testing.app_servers",
]


def restore_wagtail_tree():
    """Put back what Wagtail's migrations create, if a live-server test emptied the database.

    Tests on a live server run in a transaction-less test case that empties every table
    afterwards, so a later test would find no root page, locale or root collection.
    """
    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty Django caches (the page cache and Wagtail's)."""
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def search_hits_not_carried_over():
    """Searches counted in one test are never written in the next (search/hits.py)."""
    take_pending()
    yield
    take_pending()


@pytest.fixture
def home_page(db):
    """A home page at the site root, as setup_site makes it (Wagtail's welcome page removed)."""
    root = restore_wagtail_tree()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "ARTcms"},
    )
    return home


@pytest.fixture
def series(home_page):
    return ArticleSeriesPageFactory(parent=home_page, title="Demo series", slug="demo-series")


@pytest.fixture
def site_settings(home_page):
    """The default site's settings, with a demo organisation name and booking address."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Demo Organisation"
    site_settings.cta_url = "https://example.com/demo-booking"
    site_settings.save()
    return site_settings


@pytest.fixture
def three_articles(series, site_settings):
    """Three live articles in series order, each shaped like the seed article."""
    return [
        ArticlePageFactory(
            parent=series,
            title=f"Demo article {n}",
            slug=f"demo-article-{n}",
            subtitle=f"Demo subtitle {n}",
            summary=f"Demo summary {n}.",
            body=seed_like_body(),
            first_published_at=datetime.datetime(2025, 3, n, 9, 0, tzinfo=datetime.UTC),
            last_published_at=datetime.datetime(2025, 3, n + 10, 9, 0, tzinfo=datetime.UTC),
        )
        for n in (1, 2, 3)
    ]


# --- Two-factor sign-in -------------------------------------------------------------------
# The admin asks superusers and booking coordinators for a code from an authenticator app
# once per session (core.accounts.two_factor; TWO_FACTOR_ENFORCED stays on in tests). Tests
# about other admin features sign in with `two_factor_verified`, as if the code had been
# given; core/accounts/tests test the code itself.


def _verified_at_sign_in(sender, request, user, **kwargs):
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="Demo test authenticator", defaults={"confirmed": True}
    )
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@pytest.fixture
def two_factor_verified():
    """Every sign-in during the test (force_login, or the login form in a browser test)
    counts as verified by a second factor: the user gets a confirmed authenticator and the
    session is marked as if its code had been entered."""
    user_logged_in.connect(_verified_at_sign_in, dispatch_uid="artcms-tests-two-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="artcms-tests-two-factor")


@pytest.fixture
def admin_client(two_factor_verified, admin_user):
    """pytest-django's admin_client (a signed-in superuser), having given a two-factor code.

    A client of its own, as pytest-django's is: a test's ``client`` stays anonymous.
    """
    signed_in = Client()
    signed_in.force_login(admin_user)
    return signed_in


# --- Browser tests -----------------------------------------------------------------------
# Playwright drives Debian's Chromium (never a downloaded browser). Without Chromium the
# browser tests are skipped with a reason, unless ARTCMS_REQUIRE_BROWSER=1 (set by .ci/run),
# in which case they fail, so CI cannot pass by skipping them.

CHROMIUM_PATH = os.environ.get("ARTCMS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
# synchronous and safe, so let Django allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM_PATH).exists():
        message = f"Chromium not found at {CHROMIUM_PATH} (apt-get install -y chromium)"
        if os.environ.get("ARTCMS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        # Playwright's event loop leaves this thread in a new context, where Django makes
        # new connection objects; give them the test database's serialized contents, or
        # serialized rollback (see browser_page) silently does nothing.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server, django_db_serialized_rollback):
    """A fresh browser tab (1280 px wide; tests resize it) whose base URL is the live server.

    Browser tests are transactional, and each one ends by emptying the database; serialized
    rollback puts back what the migrations created (root page, groups) before each one.
    """
    in_flight = _count_live_server_requests(live_server)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
    # A request the page started (an autosave, a prefetch) may still be running in the live
    # server's thread, which shares the test database's connection on SQLite. Emptying the
    # database under it breaks the flush and every later test; wait for it to finish.
    if not in_flight.idle.wait(timeout=30):
        pytest.fail("the live server was still answering a request 30 s after the test")


class _InFlightRequests:
    """Counts the WSGI requests the live server is answering; `idle` is set at zero."""

    def __init__(self, app):
        self.app = app
        self.count = 0
        self.lock = threading.Lock()
        self.idle = threading.Event()
        self.idle.set()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
            self.idle.clear()
        try:
            result = self.app(environ, start_response)
            try:
                return list(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            with self.lock:
                self.count -= 1
                if self.count == 0:
                    self.idle.set()


def _count_live_server_requests(live_server):
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, _InFlightRequests):
        app = _InFlightRequests(app)
        httpd.set_app(app)
    return app


# --- Transactional tests all roll back by serialization --------------------------------
# A transactional test (live server, browser, real-server fixtures) ends by emptying the
# database. Without serialized rollback Django then re-creates content types and
# permissions with new ids, and the next test that does restore the serialized contents
# collides with them (UNIQUE constraint failed: django_content_type). So every test that
# uses the transactional database restores what the migrations made, whatever the order.


def _uses_transactional_db(item):
    marker = item.get_closest_marker("django_db")
    transactional_marker = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return transactional_marker or {"transactional_db", "live_server"} & set(item.fixturenames)


def pytest_collection_modifyitems(items):
    for item in items:
        if _uses_transactional_db(item):
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )
