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
# A task worker that a test starts as a separate process sends through the test's own SMTP
# server (core/testing/mail.py), never anywhere else.
if os.environ.get("ARTCMS_TEST_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["ARTCMS_TEST_SMTP_PORT"])
    EMAIL_USE_TLS = False
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = "http://testserver"
RETRACTION_CHECK_PAUSE = 0  # the recorded Crossref server needs no politeness
# Never the real APIs: a test that needs Crossref or NCBI uses the recorded server
# (articles/tests/recorded_lookup.py); anything else is refused at once by a closed port.
CROSSREF_API_URL = "http://127.0.0.1:9/crossref"
NCBI_EUTILS_URL = "http://127.0.0.1:9/eutils"

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
FRAGMENT_CACHE_ENABLED = False  # on in core/tests/test_fragment_cache.py only, as above
