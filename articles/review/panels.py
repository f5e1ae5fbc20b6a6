"""The article's editorial checks (see articles.review.editorial_checks) in the editor: a panel
at the top of the Content tab and a section of Wagtail's Checks side panel, beside the
accessibility checks. Both show the same problems, computed from the form in front of the
editor (or the saved revision), each linking to the field or block at fault."""

from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.side_panels import ChecksSidePanel

from articles.review.editorial_checks import problems_for_form


class ArticleChecksPanel(Panel):
    """Warnings about the article (no references, undated references, headings)."""

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
            context["problems"] = problems_for_form(self.form)
            return context


class ArticleChecksSidePanel(ChecksSidePanel):
    """Wagtail's Checks side panel with an "Editorial checks" section above its issues."""

    template_name = "articles/admin/checks_side_panel.html"

    def __init__(self, object, request, *, problems):
        super().__init__(object, request)
        self.problems = problems

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["editorial_problems"] = self.problems
        return context


class RetractionConfirmationPanel(FieldPanel):
    """The reviewer's "may still cite the retracted work(s)" tick box, under the body; shown
    only while the article cites a retracted work (articles.review.retraction_gate)."""

    def __init__(self, field_name="confirm_retracted_citations", **kwargs):
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            form = self.form
            if form is None or not super().is_shown():
                return False
            return bool(getattr(form, "retracted", None) or form.errors.get(self.field_name))
