"""The "References" library in the admin: the shared references editors choose in articles.

Editors choose a reference from here in an article's References block instead of typing
it again; a correction made here shows on every article citing it. The listing shows each
reference as readers see it, its DOI and year, and how many
articles use it (Wagtail's reference index), linking to the usage view that names them,
and what the last retraction check found for its DOI (``check_retractions``).
"""

from django.db.models import JSONField, OuterRef, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.formats import date_format
from wagtail.admin.admin_url_finder import quote
from wagtail.admin.ui.tables import Column
from wagtail.models import ReferenceIndex
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import DoiCheck, Reference
from articles.references.models import CitedWorkStatus


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


class RetractionCheckColumn(Column):
    """What Crossref said about the reference's DOI at the last check, and when."""

    def __init__(self, **kwargs):
        super().__init__("doi_status", label="Retraction check", **kwargs)

    def get_value(self, instance):
        if not instance.doi:
            return "No DOI to check"
        if instance.doi_status is None:
            return "Not checked yet"
        check = DoiCheck(status=instance.doi_status, notices=instance.doi_notices or [])
        # A failed check keeps the notices found before: show the most serious of them.
        found = check.severity
        label = CitedWorkStatus(found).label if found != CitedWorkStatus.OK else None
        if label is None:
            label = check.get_status_display()
        elif check.status == CitedWorkStatus.FAILED:
            label += " (the last check failed)"
        if instance.doi_checked_at:
            label += f", checked {date_format(instance.doi_checked_at, 'j M Y')}"
        return label


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
            RetractionCheckColumn(),
        ]

    def get_queryset(self, request):
        checks = DoiCheck.objects.filter(doi=Lower(OuterRef("doi")))
        return Reference.objects.annotate(
            usage_count=ReferenceIndex.usage_count_subquery(Reference),
            doi_status=Subquery(checks.values("status")[:1]),
            doi_notices=Subquery(checks.values("notices")[:1], output_field=JSONField()),
            doi_checked_at=Subquery(checks.values("checked_at")[:1]),
        )
