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
                "value": {
                    "heading": "Peer-Reviewed References",
                    "references": [inline_entry(reference) for reference in references],
                },
            }
        )
    return body


def inline_entry(reference):
    """An entry of a references list typed in the article (not chosen from the library);
    an entry already in list form (inline or from the library) is kept."""
    return reference if "type" in reference else {"type": "reference", "value": reference}


def demo_reference(n, **overrides):
    """A visibly synthetic ReferenceBlock value ("Demo, A. (2020). Demo reference 1 ...")."""
    reference = {
        "kind": "article-journal",
        "authors": "Demo, A. & Sample, B.",
        "year": 2020,
        "title": f"Demo reference {n}",
        "source": "Demo Journal of Examples",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": f"10.5555/demo.{n}",
        "url": "",
        "peer_reviewed": True,
    }
    reference.update(overrides)
    return reference


def seed_like_body(call_to_action=None):
    """A synthetic body shaped like the seed article: five headed sections of about 70
    words each, a call to action (empty by default, so it uses the site default) and
    four references."""
    words = " ".join(["Demo sentence for a synthetic article section."] * 10)
    body = []
    for n in range(1, 6):
        body.append({"type": "heading", "value": f"Demo section {n}"})
        body.append({"type": "paragraph", "value": f"<p>{words}</p>"})
    body.append(
        {
            "type": "call_to_action",
            "value": call_to_action
            or {"heading": "", "text": "", "button_label": "", "page": None, "url": ""},
        }
    )
    body.append(
        {
            "type": "references",
            "value": {
                "heading": "Peer-Reviewed References",
                "references": [inline_entry(demo_reference(n)) for n in range(1, 5)],
            },
        }
    )
    return body
