"""Where each page type may live, and that every page type can be built by a factory."""

from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticlePage, ArticleSeriesPage
from home.models import HomePage


class PageRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)

    def test_home_page_holds_series(self):
        self.assertCanCreateAt(HomePage, ArticleSeriesPage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_series_lives_under_home_and_holds_articles_only(self):
        self.assertAllowedParentPageTypes(ArticleSeriesPage, {HomePage})
        self.assertAllowedSubpageTypes(ArticleSeriesPage, {ArticlePage})

    def test_article_lives_in_a_series_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleSeriesPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(Page, ArticlePage)

    def test_there_is_one_home_page(self):
        self.assertEqual(HomePage.max_count, 1)


def test_every_page_model_has_a_factory():
    """A new page type without a factory fails here, so tests can always build it."""
    import articles.factories
    import home.factories

    factory_models = set()
    for module in (articles.factories, home.factories):
        for value in vars(module).values():
            meta = getattr(value, "_meta", None)
            model = getattr(meta, "model", None)
            if isinstance(model, type) and issubclass(model, Page):
                factory_models.add(model)
    ours = {
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and model._meta.app_label in {"home", "articles"}
    }
    assert ours - factory_models == set()


def test_series_lists_articles_in_tree_order_in_the_admin():
    assert ArticleSeriesPage.admin_default_ordering == "ord"


def test_every_editor_facing_field_has_help_text():
    from core.models import SiteSettings

    base_fields = {field.name for field in Page._meta.get_fields()}
    for model in (HomePage, ArticleSeriesPage, ArticlePage, SiteSettings):
        for field in model._meta.get_fields():
            if field.name in base_fields or not getattr(field, "editable", False):
                continue
            if field.auto_created or field.name in {"id", "site"}:
                continue
            assert field.help_text, f"{model.__name__}.{field.name} needs help_text"
