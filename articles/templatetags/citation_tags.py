"""{% cite_this_article page as cite %}: the article's own citation for its page."""

from django import template
from django.urls import reverse

from articles.references import cite
from core.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def cite_this_article(context, page):
    """The article's citation in each offered style, its dates and download links."""
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request else None
    if site_settings is None:
        return None
    item = cite.article_item(page, site_settings, page.get_full_url(request))
    # A draft in preview has no downloads yet: they serve live pages only.
    downloadable = bool(page.pk and page.live)
    return {
        "citations": cite.article_citations(item),
        "dates": cite.article_dates(page),
        "ris_url": reverse("cite:article_ris", args=[page.pk]) if downloadable else "",
        "bibtex_url": reverse("cite:article_bibtex", args=[page.pk]) if downloadable else "",
    }
