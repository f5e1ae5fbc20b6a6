"""Site search: the results page (/search/?q=) and suggestions as you type (/search/suggest/).

Only live, public articles are ever returned. Editors' promotions for a query come first and
are not repeated in the results below them. Result pages are never cached and never
indexed by search engines.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from articles.models import ArticlePage, ArticleSeriesPage
from search.query import clean_query, parse_query
from search.results import ArticleResult, describe_articles

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
# Suggestions start once the visitor has typed this many letters or digits.
MIN_SUGGEST_CHARACTERS = 2
RECENT_ARTICLES = 5
# Page links shown either side of the current page.
PAGE_LINK_RADIUS = 2


@dataclass
class Promotion:
    """An editor's pick for a query: a page on this site or a link elsewhere."""

    title: str
    url: str
    description: str
    page_id: int | None = None
    article: ArticleResult | None = None
    external: bool = False


def query_log_key(query):
    """The query as Wagtail's Query model stores it (lower case, within the column length)."""
    return normalise_query_string(query)[:MAX_QUERY_STRING_LENGTH]


def _promotions(query, terms, request):
    """Editors' picks for this query whose page is live and public, in the editors' order."""
    picks = list(SearchPromotion.objects.filter(query__query_string=query_log_key(query)))
    if not picks:
        return []
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    pages = {}
    if page_ids:
        pages = {
            page.pk: page
            for page in Page.objects.filter(pk__in=page_ids).live().public().specific()
        }
    articles = {
        result.page.pk: result
        for result in describe_articles(
            [page for page in pages.values() if isinstance(page, ArticlePage)], terms, request
        )
    }
    promotions = []
    for pick in picks:
        if pick.page_id:
            page = pages.get(pick.page_id)
            if page is None:
                continue  # A draft, private or deleted page is never shown.
            article = articles.get(page.pk)
            promotions.append(
                Promotion(
                    title=page.title,
                    url=article.url if article else page.get_url(request=request),
                    description=pick.description,
                    page_id=page.pk,
                    article=article,
                )
            )
        elif pick.external_link_url:
            promotions.append(
                Promotion(
                    title=pick.external_link_text or pick.external_link_url,
                    url=pick.external_link_url,
                    description=pick.description,
                    external=True,
                )
            )
    return promotions


def _requested_page(raw):
    """The page number asked for; anything that is not a positive whole number means 1."""
    try:
        return max(int(raw), 1)
    except (TypeError, ValueError):
        return 1


def _page_number(requested, num_pages):
    """The page to show and, if the request asked for a page past the end, a note saying so."""
    if requested <= num_pages:
        return requested, ""
    if num_pages == 1:
        return 1, "There is only one page of results."
    return num_pages, f"There are only {num_pages} pages of results; this is the last."


def _page_links(query, page):
    """Numbered links around the current page; None marks a gap."""
    base = reverse("search")
    last = page.paginator.num_pages

    def url(number):
        return f"{base}?{urlencode({'q': query, 'page': number})}"

    numbers = sorted(
        {1, last, *range(page.number - PAGE_LINK_RADIUS, page.number + PAGE_LINK_RADIUS + 1)}
    )
    links, previous = [], 0
    for number in numbers:
        if not 1 <= number <= last:
            continue
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "url": url(number), "current": number == page.number})
        previous = number
    return {
        "links": links,
        "previous_url": url(page.number - 1) if page.has_previous() else "",
        "next_url": url(page.number + 1) if page.has_next() else "",
    }


def _no_results_context():
    return {
        "all_series": ArticleSeriesPage.objects.live().public().order_by("path"),
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
    promotions = _promotions(query, terms, request)
    promoted_ids = [item.page_id for item in promotions if item.page_id]
    if search_query is None:
        matches = []
    else:
        matches = (
            ArticlePage.objects.live().public().exclude(id__in=promoted_ids).search(search_query)
        )
    paginator = Paginator(matches, RESULTS_PER_PAGE)
    requested = _requested_page(request.GET.get("page"))
    number, page_note = _page_number(requested, paginator.num_pages)
    page = paginator.page(number)
    if requested == 1:
        # One hit per search, not per page of results, so paging does not inflate the report.
        Query.get(query_log_key(query)).add_hit()
    results = describe_articles(page.object_list, terms, request)
    total = paginator.count + len(promotions)
    context = {
        "searchable": bool(parsed),
        "promotions": promotions if number == 1 else [],
        "results": results,
        "result_count": total,
        "page_obj": page,
        "pagination": _page_links(query, page) if paginator.num_pages > 1 else None,
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
        pages = ArticlePage.objects.live().public().defer("body").autocomplete(text)
        suggestions = [
            {"title": page.title, "url": page.get_url(request=request)}
            for page in pages[:SUGGESTIONS]
        ]
    response = JsonResponse({"query": query, "results": suggestions})
    response["X-Robots-Tag"] = "noindex"
    return response
