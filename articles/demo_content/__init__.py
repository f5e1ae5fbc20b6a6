"""Visibly synthetic articles for load tests, in their own "Demo content" series.

Titles start with "Demo article", every paragraph starts with "Demo text", authors are
"Demo..." names, and the words are shuffled vocabulary, so nothing can be mistaken for
clinical content. ``writer`` makes the text; ``bulk`` writes and removes the pages in bulk.
"""

from articles.demo_content.bulk import (
    SERIES_TITLE,
    DemoContentError,
    create_demo_articles,
    delete_demo_articles,
)
from articles.demo_content.writer import DemoArticleWriter

__all__ = [
    "SERIES_TITLE",
    "DemoArticleWriter",
    "DemoContentError",
    "create_demo_articles",
    "delete_demo_articles",
]
