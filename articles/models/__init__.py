from articles.models.article import ArticlePage
from articles.models.authors import ArticlePageAuthor
from articles.models.reference import Reference
from articles.models.reminders import ReviewReminder
from articles.models.series import ArticleSeriesPage
from articles.references.models import DoiCheck, RetractionConfirmation
from articles.topics.models import ArticlePageTopic, Topic

__all__ = [
    "ArticlePage",
    "ArticlePageAuthor",
    "ArticlePageTopic",
    "ArticleSeriesPage",
    "DoiCheck",
    "Reference",
    "RetractionConfirmation",
    "ReviewReminder",
    "Topic",
]
