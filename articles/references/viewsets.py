"""The "References" library in the admin: the shared references editors choose in articles.

Editors choose a reference from here in an article's References block instead of typing
it again; a correction made here shows on every article citing it. The listing shows each
reference as readers see it, its DOI and year, and how many
articles use it (Wagtail's reference index), linking to the usage view that names them.
"""

from django.urls import reverse
from wagtail.admin.admin_url_finder import quote
from wagtail.admin.ui.tables import Column
from wagtail.models import ReferenceIndex
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import Reference


class UsedInColumn(Column):
    """How many articles cite the reference, linking to the list of them."""

    cell_template_name = "articles/references/used_in_cell.html"

    def __init__(self, viewset, **kwargs):
        super().__init__("usage_count", label="Used in", **kwargs)
        self.viewset = viewset

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["usage_url"] = reverse(
            self.viewset.get_url_name("usage"), args=[quote(instance.pk)]
        )
        return context


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "doc-full"
    menu_label = "References"
    menu_name = "references"
    menu_order = 260  # Beside People (250): both are records articles choose.
    add_to_admin_menu = True
    search_fields = ["authors", "title", "doi", "year"]
    list_filter = ["kind", "peer_reviewed"]
    ordering = ["authors", "year"]

    @property
    def list_display(self):
        return [
            # The first column links to the edit form: the reference as readers read it.
            Column("__str__", label="Reference"),
            Column("doi", label="DOI"),
            Column("year"),
            UsedInColumn(self),
        ]

    def get_queryset(self, request):
        return Reference.objects.annotate(
            usage_count=ReferenceIndex.usage_count_subquery(Reference)
        )
