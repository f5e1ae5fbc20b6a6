"""The admin JSON view behind "Fill in from DOI or PMID", and visitors' citation downloads."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.permissions import page_permission_policy

from articles.models import ArticlePage
from articles.references import cite, lookup
from core.models import SiteSettings

RIS = "application/x-research-info-systems"


@require_GET
def reference_lookup(request):
    """``?doi=…`` or ``?pmid=…`` -> ``{"reference": {...}, "warnings": [...]}`` (warnings
    only if Crossref records a retraction, correction or concern) or ``{"error": "..."}``.

    Only for people who can write pages; Wagtail's admin URL wrapper already sends anyone
    who is not signed in to the login page.
    """
    if not page_permission_policy.user_has_any_permission(request.user, ["add", "change"]):
        return JsonResponse(
            {"error": "Only editors who can write pages can look references up."}, status=403
        )
    doi = request.GET.get("doi", "").strip()
    pmid = request.GET.get("pmid", "").strip()
    try:
        if doi:
            reference, notices = lookup.lookup_doi(doi)
        elif pmid:
            reference, notices = lookup.lookup_pmid(pmid)
        else:
            return JsonResponse({"error": "Enter a DOI or a PubMed ID first."}, status=400)
    except lookup.ReferenceLookupError as error:
        return JsonResponse({"error": error.message}, status=error.status)
    answer = {"reference": reference}
    if notices:
        # A retracted or corrected work: the editor sees this beside the filled fields.
        answer["warnings"] = notices
    return JsonResponse(answer)


# --- Citation downloads for visitors (articles/references/urls.py) ------------------------

# Short enough that an edited article's citation is soon right, long enough for a cache.
CITATION_MAX_AGE = 10 * 60


def _live_article(page_id):
    return get_object_or_404(ArticlePage.objects.live().public(), pk=page_id)


def _download(content, content_type, filename):
    response = HttpResponse(content.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@cache_control(public=True, max_age=CITATION_MAX_AGE)
def article_ris(request, page_id):
    """The article's own citation as a RIS file (EndNote, Zotero, Mendeley)."""
    page = _live_article(page_id)
    content = cite.article_ris(page, SiteSettings.for_request(request), page.get_full_url(request))
    return _download(content, RIS, f"{page.slug}.ris")


@require_GET
@cache_control(public=True, max_age=CITATION_MAX_AGE)
def article_bibtex(request, page_id):
    """The article's own citation as a BibTeX entry."""
    page = _live_article(page_id)
    url = page.get_full_url(request)
    content = cite.article_bibtex(page, SiteSettings.for_request(request), url)
    return _download(content, "application/x-bibtex", f"{page.slug}.bib")


@require_GET
@cache_control(public=True, max_age=CITATION_MAX_AGE)
def reference_ris(request, page_id, key):
    """One reference of the article's list as a RIS file (key: cite.reference_key)."""
    page = _live_article(page_id)
    reference = cite.find_reference(page, key)
    if reference is None:
        raise Http404("No such reference in this article.")
    return _download(cite.reference_ris(reference), RIS, f"{page.slug}-reference.ris")
