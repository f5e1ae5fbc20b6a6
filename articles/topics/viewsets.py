"""The Topics snippet: Publishers rename, or merge by deleting, topics editors typed."""

from wagtail.snippets.views.snippets import SnippetViewSet

from articles.topics.models import Topic


class TopicViewSet(SnippetViewSet):
    """Lets Publishers rename or merge-by-deleting topics that editors typed."""

    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None  # Topics are not search-indexed: match names in the database.
