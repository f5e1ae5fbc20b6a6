"""The admin's page search, as editors expect it: titles as they type, and the words inside.

Wagtail's admin search matches page titles only (its ``autocomplete``), so "Kip", an author
cited in three articles, found nothing in the admin while the public search found them. Here
the admin search (the search box at the top of the admin, and the search inside a series'
listing) also matches what the site search indexes: subtitle, summary, body text and the
cited references (authors, titles, sources). Title matches come first. The public search and
its suggestions are untouched: they go through the site's own search views.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, Value, When
from wagtail import hooks
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

# Enough for any listing an editor pages through; a larger match set is cut, not slow.
MAX_MATCHES = 1000


def matching_ids(results):
    return [page.pk for page in results[:MAX_MATCHES]]


def search_pages(queryset, query, *, order_by_relevance=True):
    """``queryset`` narrowed to pages whose title starts with the words of ``query`` or whose
    indexed text (subtitle, summary, body, references) contains them; title matches first."""
    if not query.strip():
        return queryset
    by_title = matching_ids(queryset.autocomplete(query, order_by_relevance=False))
    by_text = matching_ids(queryset.search(query, operator="and", order_by_relevance=False))
    matches = queryset.filter(pk__in={*by_title, *by_text})
    if not order_by_relevance and matches.ordered:
        return matches
    title_first = Case(
        When(pk__in=by_title, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return matches.order_by(title_first, "-latest_revision_created_at", "pk")


class EditorExplorerView(ExplorableIndexView):
    """A page listing (e.g. a series' articles) whose search box also reads the text."""

    def search_queryset(self, queryset):
        for hook in hooks.get_hooks("construct_explorer_page_queryset"):
            queryset = hook(self.parent_page, queryset, self.request)
        if not self.is_searching:
            return queryset
        return search_pages(
            queryset, self.search_query, order_by_relevance=not self.is_explicitly_ordered
        )


class EditorSearchView(SearchView):
    """The admin's "Search" (the box at the top of every admin page)."""

    def get_queryset(self):
        # Wagtail's view: the pages this user may explore, ordered and filtered as asked;
        # only its title-only search is replaced.
        self.all_pages = Page.objects.filter(
            pk__in=self.permission_policy.explorable_instances(self.request.user).values_list(
                "pk", flat=True
            )
        )
        filters, query = parse_query_string(self.search_query or "", operator="and")
        live = (filters.get("live") or filters.get("published") or "").lower()
        if live in {"yes", "true"}:
            self.all_pages = self.all_pages.filter(live=True)
        elif live in {"no", "false"}:
            self.all_pages = self.all_pages.filter(live=False)
        pages = self.all_pages
        if self.ordering:
            pages = pages.order_by(self.ordering)
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        pages = self.annotate_queryset(pages)
        query_text = query.query_string if hasattr(query, "query_string") else ""
        pages = search_pages(pages, query_text, order_by_relevance=not self.ordering)
        self.all_pages = search_pages(self.all_pages, query_text)
        # The "Page types" filter beside the results, counted as Wagtail's facets would be.
        counts = (
            self.all_pages.order_by()
            .values_list("content_type")
            .annotate(count=Count("pk"))
            .order_by("content_type")
        )
        self.content_types = [
            (ContentType.objects.get_for_id(content_type_id), count)
            for content_type_id, count in counts
        ]
        return pages


class EditorPageViewSet(PageViewSet):
    """Wagtail's base page views (for every page type without views of its own), with the
    admin search above in the top search box and in every page listing."""

    index_view_class = EditorExplorerView
    search_view_class = EditorSearchView
