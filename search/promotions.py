"""Editors' promotions: the pages and links editors pin to the top of a query's results.

Editors add them in Settings > Promoted search results (Wagtail's search_promotions). Only
live, public pages are ever shown; the search view shows them first and leaves them out of
the results below.
"""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from articles.models import ArticlePage
from search.results import ArticleResult


@dataclass
class Promotion:
    """An editor's pick for a query: a page on this site or a link elsewhere."""

    title: str
    url: str
    description: str
    page_id: int | None = None
    article: ArticleResult | None = None
    external: bool = False
    article_page: ArticlePage | None = None


def describe_promoted(promotions, results):
    """Fill in each promoted article's ArticleResult from ``results`` (by page id)."""
    by_pk = {result.page.pk: result for result in results}
    for promotion in promotions:
        if promotion.article_page is not None:
            promotion.article = by_pk.get(promotion.page_id)


def query_log_key(query):
    """The query as Wagtail's Query model stores it (lower case, within the column length)."""
    return normalise_query_string(query)[:MAX_QUERY_STRING_LENGTH]


def promotions_for(query, request, published):
    """Editors' picks for this query whose page is live and public, in the editors' order.

    ``published`` is the request's search.visibility.PublishedPages. A pick of an article
    carries the page (``article_page``); the view describes it with the page of results
    (``describe_promoted``), so their series and part numbers are read together.
    """
    picks = list(SearchPromotion.objects.filter(query__query_string=query_log_key(query)))
    if not picks:
        return []
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    pages = {}
    if page_ids:
        pages = {
            page.pk: page for page in published.of(Page.objects.filter(pk__in=page_ids)).specific()
        }
    promotions = []
    for pick in picks:
        if pick.page_id:
            page = pages.get(pick.page_id)
            if page is None:
                continue  # A draft, private or deleted page is never shown.
            promotions.append(
                Promotion(
                    title=page.title,
                    url=page.get_url(request=request),
                    description=pick.description,
                    page_id=page.pk,
                    article_page=page if isinstance(page, ArticlePage) else None,
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
