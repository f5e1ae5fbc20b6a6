"""Site-wide views that are not Wagtail pages."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    """robots.txt: keep crawlers out of the admin and search results; point at the sitemap.

    Its caching headers come from core.caching.policy, like every public page's.
    """
    return TemplateResponse(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
