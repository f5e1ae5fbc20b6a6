"""The topic pages visitors browse: /topics/<slug>/ lists a topic's live articles."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Site

from articles.models import ArticlePage
from articles.topics.models import Topic


def topic_page(request, slug):
    """Live, public articles of this site tagged with the topic; 404 if there are none."""
    topic = get_object_or_404(Topic, slug=slug)
    articles = (
        ArticlePage.objects.published()
        .filter(tagged_topics__tag=topic)
        .defer("body")
        .order_by("path")
        .distinct()
    )
    site = Site.find_for_request(request)
    if site is not None:
        articles = articles.in_site(site)
    articles = list(articles)
    if not articles:
        raise Http404("No published articles on this topic.")
    return TemplateResponse(
        request, "articles/topic_page.html", {"topic": topic, "articles": articles}
    )
