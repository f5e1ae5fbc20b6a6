"""Editors create articles in the Wagtail admin, and see validation messages, not errors."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from articles.factories import ArticleSeriesPageFactory
from articles.models import ArticlePage
from home.factories import HomePageFactory


def reference_form_data(**overrides):
    value = {
        "kind": "article-journal",
        "authors": "Demo, A. & Sample, B.",
        "year": "2016",
        "title": "Demo reference title",
        "source": "Demo Journal",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "url": "",
        "peer_reviewed": "on",
    }
    value.update(overrides)
    return value


def article_form_data(references):
    return nested_form_data(
        {
            "title": "Demo article from the admin",
            "slug": "demo-article-from-the-admin",
            "subtitle": "Demo subtitle",
            "summary": "A synthetic article created through the admin form.",
            "article_authors": inline_formset([]),
            "body": streamfield(
                [
                    ("heading", "Demo section"),
                    ("paragraph", rich_text("<p>Demo paragraph.</p>")),
                    (
                        "references",
                        {
                            "heading": "Peer-Reviewed References",
                            "references": streamfield([("reference", ref) for ref in references]),
                        },
                    ),
                ]
            ),
        }
    )


@pytest.mark.usefixtures("two_factor_verified")  # a superuser gives a two-factor code
class ArticleAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="demo-home")
        cls.series = ArticleSeriesPageFactory(parent=cls.home, title="Demo series")

    def setUp(self):
        # force_login: the login lockout needs the request, which client.login() omits.
        self.client.force_login(self.create_superuser("demo-admin"))

    def test_editor_creates_an_article_with_references(self):
        data = article_form_data(
            [reference_form_data(), reference_form_data(authors="Figley, C.", kind="book")]
        )
        self.assertCanCreate(self.series, ArticlePage, data)
        article = ArticlePage.objects.get(slug="demo-article-from-the-admin")
        assert article.live
        assert [ref["authors"] for ref in article.references] == [
            "Demo, A. & Sample, B.",
            "Figley, C.",
        ]
        assert article.headings == [("Demo section", "demo-section")]

    def _post_article(self, references):
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.series.pk])
        return self.client.post(url, article_form_data(references))

    def test_bad_reference_values_are_shown_next_to_their_fields(self):
        response = self._post_article(
            [reference_form_data(authors="Cocker, F., Joss", year="1700", doi="not-a-doi")]
        )
        assert response.status_code == 200
        assert not ArticlePage.objects.filter(slug="demo-article-from-the-admin").exists()
        content = response.content.decode()
        assert "Could not read the authors" in content
        assert "Enter a year between 1800 and" in content
        assert "Enter a DOI such as" in content

    def test_article_cannot_be_added_outside_a_series(self):
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.home.pk])
        response = self.client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        assert "Sorry, you do not have permission" in response.content.decode()


def test_explorer_lists_a_series_in_series_order(admin_client, series):
    from articles.factories import ArticlePageFactory

    for n in (1, 2, 3):
        ArticlePageFactory(parent=series, title=f"Demo article {n}")
    response = admin_client.get(reverse("wagtailadmin_explore", args=[series.pk]))
    assert response.status_code == 200
    assert response.context["ordering"] == "ord"
    html = response.content.decode()
    assert (
        html.index("Demo article 1") < html.index("Demo article 2") < html.index("Demo article 3")
    )
