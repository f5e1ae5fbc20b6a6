from django.urls import path

from search import views

# No namespace: templates across the site use {% url 'search' %}.
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="search_suggest"),
]
