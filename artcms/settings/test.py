"""Test run: fast password hashing, plain static storage, media in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="artcms-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Tests get a cache of their own, emptied before each test (conftest.py); the page cache is
# off except in the tests that switch it on (the caching tests), so others see fresh pages.
# An app server started by a test with REDIS_URL (the two-node test) keeps the shared Redis
# caches of base.py instead, as production does.
if not os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "artcms-test-pages",
        },
    }
PAGE_CACHE_ENABLED = False
