"""RSS 2.0 and Atom feeds of the latest articles: one pair for the site, one per series.

Feeds list live, public articles only, newest first, and use the site settings'
organisation name. Each page links its feeds from <head> (see templates/base.html).
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from wagtail.models import Site

from articles.models import ArticlePage, ArticleSeriesPage
from core.models import SiteSettings

FEED_LENGTH = 20


@dataclass
class FeedSource:
    """What one feed request is about: the site, and the series if the feed is for one."""

    site: Site
    organisation_name: str
    series: ArticleSeriesPage | None = None


class LatestArticlesFeed(Feed):
    """The latest articles of the whole site, as RSS 2.0."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("No site is configured for this address.")
        return FeedSource(site, SiteSettings.for_request(request).organisation_name)

    def title(self, source):
        return f"{source.organisation_name}: latest articles"

    def link(self, source):
        return source.site.root_page.get_full_url()

    def description(self, source):
        return f"The latest articles published by {source.organisation_name}."

    def author_name(self, source):
        # Atom requires an author for the feed when its entries name none.
        return source.organisation_name

    def items(self, source):
        articles = ArticlePage.objects.published().defer_streamfields()
        if source.series is not None:
            articles = articles.child_of(source.series)
        else:
            articles = articles.descendant_of(source.site.root_page)
        newest_first = F("first_published_at").desc(nulls_last=True)
        return articles.order_by(newest_first, "-pk")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary or article.subtitle

    def item_link(self, article):
        return article.get_full_url()

    def item_guid(self, article):
        return article.get_full_url()

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The latest articles of the whole site, as Atom."""

    feed_type = Atom1Feed

    def subtitle(self, source):
        return self.description(source)


class SeriesFeed(LatestArticlesFeed):
    """The latest articles of one series, as RSS 2.0."""

    def get_object(self, request, slug):
        source = super().get_object(request)
        source.series = (
            ArticleSeriesPage.objects.descendant_of(source.site.root_page)
            .live()
            .public()
            .filter(slug=slug)
            .first()
        )
        if source.series is None:
            raise Http404("No series has this address.")
        return source

    def title(self, source):
        return f"{source.organisation_name}: {source.series.title}"

    def link(self, source):
        return source.series.get_full_url()

    def description(self, source):
        intro = " ".join(strip_tags(source.series.intro).split())
        return intro or f"The latest articles in {source.series.title}."


class SeriesAtomFeed(SeriesFeed):
    """The latest articles of one series, as Atom."""

    feed_type = Atom1Feed

    def subtitle(self, source):
        return self.description(source)
