"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from articles.factories import ArticleSeriesPageFactory
from home.factories import HomePageFactory


def wagtail_root():
    """Wagtail's root page, recreated if a transactional test has emptied the database.

    Transactional tests (the browser tests) end by deleting every row, including the root
    page and locale Wagtail's migrations create, so the next one has to put them back.
    """
    root = Page.get_first_root_node()
    if root is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale, _ = Locale.objects.get_or_create(language_code=language)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


@pytest.fixture
def home_page(db):
    """A home page at the site root, as setup_site makes it (Wagtail's welcome page removed)."""
    root = wagtail_root()
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
def browser():
    if not Path(CHROMIUM_PATH).exists():
        message = f"Chromium not found at {CHROMIUM_PATH} (apt-get install -y chromium)"
        if os.environ.get("ARTCMS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server):
    """A fresh browser tab (1280 px wide; tests resize it) whose base URL is the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
