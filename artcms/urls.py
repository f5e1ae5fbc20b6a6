import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from artcms import media
from core import health
from core.accounts import lockout
from core.accounts.password_reset import ThrottledPasswordResetView
from home import views as home_views

urlpatterns = [
    # Wagtail's private-page password form, with wrong passwords counted by django-axes
    # (same address as Wagtail's own, which it shadows).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        lockout.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's "Forgotten password?" form, throttled (shadows the same address).
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # Scale-out (issue 16): health endpoints for the load balancer and Varnish.
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("feeds/", include("articles.urls")),
    path("topics/", include("articles.topics.urls")),
    path("cite/", include("articles.references.urls")),  # citation downloads (RIS, BibTeX)
]

# Uploaded images and renditions from MEDIA_ROOT (issue 13, item 4), in production too;
# documents only through Wagtail's /documents/ view. Not added when files live elsewhere.
if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>[-\w./]+)$",
            media.serve_image_file,
            name="media_image",
        )
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it matches every remaining path.
    path("", include(wagtail_urls)),
]
