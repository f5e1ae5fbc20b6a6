"""Fixtures shared by every app's tests."""

import pytest
from wagtail.models import Page, Site

from articles.factories import ArticleSeriesPageFactory
from home.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """A home page at the site root, as setup_site makes it (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
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
