"""Local development: debug on, a throwaway secret, any local host."""

import os

from .base import *  # noqa: F403
from .base import STORAGES, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-dev-only-not-for-production-artcms")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Where `make run` serves the site (see SITE_URL in base.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")  # noqa: F405
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)  # noqa: F405

# Serve static files from the source folders without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Rendered fragments (core/caching/fragments.py) off: their code fingerprint is taken once
# per process, and runserver does not restart when a template is edited.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", False)
