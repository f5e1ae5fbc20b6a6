"""Template tags about series, used in the site footer on every page."""

from django import template
from wagtail.models import Site

from articles.models import ArticleSeriesPage

register = template.Library()


@register.simple_tag(takes_context=True)
def series_list(context):
    """The live, public series of the current site, in page tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return ArticleSeriesPage.objects.none()
    return ArticleSeriesPage.objects.descendant_of(site.root_page).published().order_by("path")
