"""URLs of the article feeds (included under /feeds/ by artcms/urls.py)."""

from django.urls import path

from articles import feeds

app_name = "feeds"

urlpatterns = [
    path("rss.xml", feeds.LatestArticlesFeed(), name="latest_rss"),
    path("atom.xml", feeds.LatestArticlesAtomFeed(), name="latest_atom"),
    path("series/<uslug:slug>/rss.xml", feeds.SeriesFeed(), name="series_rss"),
    path("series/<uslug:slug>/atom.xml", feeds.SeriesAtomFeed(), name="series_atom"),
]
