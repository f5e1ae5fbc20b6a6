"""Factories for series and article pages. Their content is visibly synthetic."""

import factory
import wagtail_factories

from articles.models import ArticlePage, ArticleSeriesPage


class ArticleSeriesPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Demo series {n}")
    intro = "<p>Demo series introduction.</p>"

    class Meta:
        model = ArticleSeriesPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Demo article {n}")
    subtitle = factory.Sequence(lambda n: f"Demo subtitle {n}")
    summary = "A synthetic article used by the tests."

    class Meta:
        model = ArticlePage


def demo_body(references=None):
    """A small, visibly synthetic article body in StreamField's raw form."""
    body = [
        {"type": "heading", "value": "Demo section one"},
        {"type": "paragraph", "value": "<p>Demo paragraph text for testing.</p>"},
        {"type": "heading", "value": "Demo section two"},
        {"type": "paragraph", "value": "<p>More demo text.</p>"},
        {"type": "heading", "value": "Demo section three"},
        {"type": "paragraph", "value": "<p>Still more demo text.</p>"},
        {
            "type": "call_to_action",
            "value": {
                "heading": "Demo call to action",
                "text": "Demo invitation text.",
                "button_label": "Demo button",
                "page": None,
                "url": "https://example.com/book",
            },
        },
    ]
    if references:
        body.append(
            {
                "type": "references",
                "value": {"heading": "Peer-Reviewed References", "references": references},
            }
        )
    return body
