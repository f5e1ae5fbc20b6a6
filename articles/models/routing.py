"""Serving a page in few queries: routing, view restrictions and an article's topics.

Wagtail's own routing takes two queries per level of the URL (the page, then its specific
type), and its view-restriction check two more (the ancestors, then their restrictions).
``RoutedPageMixin`` routes through a page without loading its own fields when the page
only passes the request on (``routes_through_without_own_fields``), and checks view
restrictions by tree path in one query, or none when the page was loaded with
``has_view_restriction`` (``view_restricted()``). Aliases take their source page's
restrictions, which a path test cannot see: for them Wagtail decides, as before.
"""

from django.db.models import Aggregate, Exists, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject, Length, Substr
from wagtail.models import Page, PageViewRestriction

from core.prepared import PreparedQuery

# Placeholders for the prepared routing queries: no tree path, slug or depth is like them.
PATH_PLACEHOLDER = "ARTCMSPREPAREDPATHPLACEHOLDER"
SLUG_PLACEHOLDER = "ARTCMS-PREPARED-SLUG-PLACEHOLDER"
DEPTH_PLACEHOLDER = 424242  # no tree is that deep (a negative one is refused by the field)


def prepared_child_query(build):
    """A prepared query for the child with a given slug of a given page, from ``build(queryset
    filtered to that child)``: ``query.fetch(path=parent.path, depth=parent.depth + 1,
    slug=slug)`` is a list of at most one page. The filter is Wagtail's ``child_of``."""
    return PreparedQuery(
        lambda path, depth, slug: build(path, depth, slug),
        path=PATH_PLACEHOLDER,
        depth=DEPTH_PLACEHOLDER,
        slug=SLUG_PLACEHOLDER,
    )


def child_filter(path, depth, slug):
    return {"path__startswith": path, "depth": depth, "slug": slug}


_child_page = prepared_child_query(
    lambda path, depth, slug: Page.objects.filter(**child_filter(path, depth, slug))[:1]
)


def view_restricted():
    """True for a page with a view restriction on itself or an ancestor, as SQL.

    A restriction covers the pages whose tree path starts with its page's path.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def routed_ancestors(page):
    """The page and the ancestors its request was routed through, or None if not known.

    Wagtail's routing remembers each page's parent (``_cached_parent_obj``) on the way
    down from the site's home page (depth 2).
    """
    chain = [page]
    while chain[-1].depth > 2:
        parent = getattr(chain[-1], "_cached_parent_obj", None)
        if parent is None:
            return None
        chain.append(parent)
    return chain


class RoutedPageMixin:
    """Routing and view-restriction checks in fewer queries, with Wagtail's results."""

    # True on a page type whose route() to its children reads none of its own fields.
    routes_through_without_own_fields = False

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        found = _child_page.fetch(Page, path=self.path, depth=self.depth + 1, slug=slug)
        subpage = found[0] if found else None
        if subpage is None:
            return super().route(request, path_components)  # Wagtail's 404
        subpage._cached_parent_obj = self
        if remaining and getattr(
            subpage.specific_class, "routes_through_without_own_fields", False
        ):
            subpage = subpage.specific_deferred  # its own fields load only if read
        else:
            subpage = subpage.specific
        return subpage.route(request, remaining)

    def get_view_restrictions(self):
        """The view restrictions on this page and its ancestors, in at most one query."""
        chain = routed_ancestors(self)
        if chain is None or any(page.alias_of_id for page in chain) or self.alias_of_id:
            return super().get_view_restrictions()
        if getattr(self, "has_view_restriction", None) is False:
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        prefixes = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(page__path__in=prefixes)


class JSONList(Aggregate):
    """The rows' values as one JSON array (json_group_array; jsonb_agg on PostgreSQL)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def topics_json(through_model):
    """An article's topics as a JSON list of {id, name, slug, order}, as a subquery column,
    so the article's own query brings them (``ArticlePage.topic_list``)."""
    return Subquery(
        through_model.objects.filter(content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(
            items=JSONList(JSONObject(id="tag_id", name="tag__name", slug="tag__slug", order="id"))
        )
        .values("items")
    )
