from django.urls import path

from articles.topics import views

urlpatterns = [
    path("<uslug:slug>/", views.topic_page, name="topic"),
]
