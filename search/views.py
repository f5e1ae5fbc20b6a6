"""Site search: the results page (/search/?q=) and suggestions as you type (/search/suggest/).

Only live, public articles are ever returned. Editors' promotions for a query come first and
are not repeated in the results below them. Result pages are never cached and never
indexed by search engines.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import ArticlePage, ArticleSeriesPage
from search.hits import count_search
from search.pagination import page_links, page_to_show, requested_page
from search.promotions import describe_promoted, promotions_for, query_log_key
from search.query import clean_query, parse_query
from search.results import describe_articles
from search.visibility import PublishedPages

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
# Suggestions start once the visitor has typed this many letters or digits.
MIN_SUGGEST_CHARACTERS = 2
RECENT_ARTICLES = 5


def _no_results_context():
    return {
        "all_series": ArticleSeriesPage.objects.published().order_by("path"),
        # We have no page-view analytics, so "most read" would be a guess: we offer the most
        # recently published articles and say so.
        "recent_articles": (
            ArticlePage.objects.live()
            .public()
            .defer("body")
            .order_by("-first_published_at", "-pk")[:RECENT_ARTICLES]
        ),
    }


@require_safe
@never_cache
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"search_query": query}
    if query:
        context.update(_search_context(request, query))
    else:
        # Nothing typed yet: offer the series and the latest articles to browse.
        context.update(_no_results_context())
    response = TemplateResponse(request, "search/search.html", context)
    # Search result pages are thin, endless and personal: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def _search_context(request, query):
    parsed = parse_query(query)
    terms = parsed.terms
    search_query = parsed.as_search_query()
    published = PublishedPages()
    promotions = promotions_for(query, request, published)
    promoted_ids = [item.page_id for item in promotions if item.page_id]
    if search_query is None:
        matches = []
    else:
        articles = published.of(ArticlePage.objects.all()).exclude(id__in=promoted_ids)
        matches = articles.search(search_query)
    paginator = Paginator(matches, RESULTS_PER_PAGE)
    requested = requested_page(request.GET.get("page"))
    number, page_note = page_to_show(requested, paginator.num_pages)
    page = paginator.page(number)
    if requested == 1:
        # One hit per search, not per page of results, so paging does not inflate the report.
        count_search(query_log_key(query))
    total = paginator.count + len(promotions)
    if number > 1:
        promotions = []  # Shown on the first page only.
    promoted = [item.article_page for item in promotions if item.article_page is not None]
    # The promoted articles and the page of results are described together: their series
    # and part numbers in one query each.
    described = describe_articles([*promoted, *page.object_list], terms, request, published)
    describe_promoted(promotions, described[: len(promoted)])
    results = described[len(promoted) :]
    context = {
        "searchable": bool(parsed),
        "promotions": promotions,
        "results": results,
        "result_count": total,
        "page_obj": page,
        "pagination": page_links(query, page) if paginator.num_pages > 1 else None,
        "page_note": page_note,
    }
    if total == 0:
        context.update(_no_results_context())
    return context


@require_safe
@never_cache
def suggest(request):
    """JSON: up to eight live, public article titles and URLs matching what has been typed."""
    query = clean_query(request.GET.get("q", ""))
    text = parse_query(query).as_text()
    suggestions = []
    if len(text.replace(" ", "")) >= MIN_SUGGEST_CHARACTERS:
        pages = ArticlePage.objects.published().defer("body").autocomplete(text)
        suggestions = [
            {"title": page.title, "url": page.get_url(request=request)}
            for page in pages[:SUGGESTIONS]
        ]
    response = JsonResponse({"query": query, "results": suggestions})
    response["X-Robots-Tag"] = "noindex"
    return response
