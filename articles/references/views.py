"""The admin JSON view behind the reference editor's "Fill in from DOI or PMID" button."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from wagtail.permissions import page_permission_policy

from articles.references import lookup


@require_GET
def reference_lookup(request):
    """``?doi=…`` or ``?pmid=…`` -> ``{"reference": {...}}`` or ``{"error": "..."}``.

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
            reference = lookup.lookup_doi(doi)
        elif pmid:
            reference = lookup.lookup_pmid(pmid)
        else:
            return JsonResponse({"error": "Enter a DOI or a PubMed ID first."}, status=400)
    except lookup.ReferenceLookupError as error:
        return JsonResponse({"error": error.message}, status=error.status)
    return JsonResponse({"reference": reference})
