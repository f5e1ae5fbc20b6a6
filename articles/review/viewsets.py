"""The admin views Wagtail uses for ArticlePage (and for a series' listing of articles)."""

from wagtail.admin.viewsets.pages import PageViewSet

from articles.admin_search import EditorExplorerView
from articles.models import ArticlePage
from articles.review.filters import ArticleFilterSet
from articles.review.views import (
    ArticleEditView,
    ArticleRevisionsCompareView,
    ArticleWorkflowActionView,
)


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    filterset_class = ArticleFilterSet
    index_view_class = EditorExplorerView  # its search reads the text, not just titles
    edit_view_class = ArticleEditView
    workflow_action_view_class = ArticleWorkflowActionView
    revisions_compare_view_class = ArticleRevisionsCompareView
