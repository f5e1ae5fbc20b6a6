"""An editor panel listing the article's editorial checks (see articles.review.editorial_checks)."""

from wagtail.admin.panels import Panel

from articles.review.editorial_checks import article_problems


class ArticleChecksPanel(Panel):
    """Warnings about the saved article (no references, undated references, headings)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Editorial checks")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/article_checks_panel.html"

        def is_shown(self):
            # A new article has nothing to check yet; the checks appear once it is saved.
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["problems"] = article_problems(self.instance)
            return context
