"""Fixtures for the search tests: published, visibly synthetic articles."""

import pytest

from articles.factories import ArticlePageFactory, demo_body


@pytest.fixture
def publish_article(series):
    """Create and publish an article (so it has a revision and a published date)."""

    def make(title, parent=None, **fields):
        fields.setdefault("body", demo_body())
        page = ArticlePageFactory(parent=parent or series, title=title, **fields)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
