"""Template tags about series, used in the site footer on every page."""

from django import template
from wagtail.models import Site

from articles.models import ArticleSeriesPage
from articles.series_chain import LINK_FIELDS

register = template.Library()


@register.simple_tag(takes_context=True)
def series_list(context):
    """The live, public series of the current site, in page tree order (one query: the
    view-restriction test is inside it, and only the columns a link needs are read)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return ArticleSeriesPage.objects.none()
    return (
        ArticleSeriesPage.objects.descendant_of(site.root_page)
        .published_in_one_query()
        .only(*LINK_FIELDS)
        .order_by("path")
    )
