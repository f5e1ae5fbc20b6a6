"""Citation downloads (included under /cite/ by artcms/urls.py).

Plain URLs outside the page tree, keyed by page id, so they are cacheable on their own and
never shadow a page's children.
"""

from django.urls import path

from articles.references import views

app_name = "cite"

urlpatterns = [
    path("<int:page_id>.ris", views.article_ris, name="article_ris"),
    path("<int:page_id>.bib", views.article_bibtex, name="article_bibtex"),
    path(
        "<int:page_id>/references/<slug:key>.ris",
        views.reference_ris,
        name="reference_ris",
    ),
]
