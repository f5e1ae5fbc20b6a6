"""Settings shared by every environment.

This module is safe for production: nothing insecure is switched on here, and every
secret or host-specific value is read from the environment. ``dev``, ``test`` and
``production`` adjust it.
"""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "booking",
    "home",
    "articles",
    "search",
    "wagtail.contrib.routable_page",
    "people",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    # Scale-out (issue 16), item 2: background tasks (see the block near the end).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (public or admin policy by path) and Permissions-Policy.
    "artcms.middleware.ContentSecurityPolicyMiddleware",
    "artcms.middleware.PermissionsPolicyMiddleware",
    # Whitenoise serves static files straight after the security headers are set.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Caching (core/caching): the page cache answers before anything renders; the policy
    # sits above the session and CSRF middleware so it sees every cookie they set.
    "core.caching.middleware.PageCacheMiddleware",
    "core.caching.middleware.CachePolicyMiddleware",
    # Before routing reads the page: the generation of its rendered fragments.
    "core.caching.middleware.FragmentGenerationMiddleware",
    # The request's Wagtail site, by a query compiled once (Wagtail reads it from there).
    "core.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A message instead of a server error when the editor's autosave and a submit race.
    "artcms.middleware.PageCreateRaceMiddleware",
]

ROOT_URLCONF = "artcms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "artcms.wsgi.application"

# SQLite file under var/ unless DATABASE_URL points somewhere else (e.g. PostgreSQL).
# The var/ folder is made by `make install`, not here: settings never write to disk.
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# === SQLite for a web server (issue 13, item 6) ========================================
# With SQLite's defaults, a transaction that reads and then writes (every publish) fails at
# once with "database is locked" when another connection is writing (a booking arriving).
# WAL lets readers and one writer work together; IMMEDIATE takes the write lock when a
# transaction starts, so a second writer waits (up to the timeout) instead of failing.
# docs/DEPLOYMENT.md ("SQLite or PostgreSQL") says when to move to PostgreSQL.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),  # seconds to wait for a lock
        }
    )
# === End of SQLite for a web server ====================================================

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# === Media in production (issue 13, item 4) ============================================
# artcms/media.py serves images and renditions from MEDIA_ROOT under MEDIA_URL (documents
# only through Wagtail's /documents/ view). Upload caps, in megabytes from the environment;
# the proxy in front must accept bodies this large (nginx: client_max_body_size).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # A 40-megapixel photo; bigger ones are refused.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# === End of media in production ========================================================

WAGTAIL_SITE_NAME = "ARTcms"
# === The site's own address (issue 13, item 10) ========================================
# SITE_URL (scheme, host and port, no path) is where visitors reach the site. setup_site
# gives the default Site record that host and port (so the sitemap, canonical, feed and
# JSON-LD URLs are right), and admin emails link to it. Unset here: dev.py defaults it to
# http://127.0.0.1:8000 (`make run`), and production warns (core.checks) until it is set.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
# === End of the site's own address ======================================================
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Approving the "Clinical review" workflow records the review on the article, then publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.review.workflow_actions.publish_with_clinical_review"

# Site search: the database (SQLite FTS5, or PostgreSQL full-text search) through
# search/backends/, unless an OpenSearch or Elasticsearch URL is set; see "Search" in
# docs/DEPLOYMENT.md.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"}}
if os.environ.get("OPENSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": (
            "modelsearch.backends.opensearch3"
            if os.environ.get("OPENSEARCH_URL")
            else "modelsearch.backends.elasticsearch9"
        ),
        "URLS": env_list("OPENSEARCH_URL") or env_list("ELASTICSEARCH_URL"),
        "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "artcms_"),
        "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
    }

# Email: the console backend unless the environment names another (see docs/DEPLOYMENT.md).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a slow server must not hang a page
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Proxies in front of the site that append to X-Forwarded-For (for the booking rate limit).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# --- Booking rate limit (booking/rate_limit.py, docs/DEPLOYMENT.md) -------------------------
# Accepted booking requests per window: per client address (generous: a hospital's staff
# may share one NAT address) and per email address (strict). The window is in seconds.
BOOKING_RATE_LIMIT_PER_CLIENT = int(os.environ.get("BOOKING_RATE_LIMIT_PER_CLIENT", "30"))
BOOKING_RATE_LIMIT_PER_EMAIL = int(os.environ.get("BOOKING_RATE_LIMIT_PER_EMAIL", "5"))
BOOKING_RATE_LIMIT_WINDOW = int(os.environ.get("BOOKING_RATE_LIMIT_WINDOW", "3600"))
# --- end booking rate limit ----------------------------------------------------------------
# === Content-Security-Policy and Permissions-Policy (issue 13, item 3) =================
# Public pages load only this site's own files: no inline script or style (so the policy is
# the same for every visitor, and pages can be cached by a shared cache: no nonces), and
# nothing from another origin. JSON-LD (<script type="application/ld+json">) is a data
# block the browser never runs, which script-src does not govern.
# The Wagtail admin (and the previews it frames) needs inline styles and scripts, so
# /admin/ gets its own, looser policy; artcms.middleware picks one by path.
# CSP_REPORT_ONLY=1 sends the same policies as Content-Security-Policy-Report-Only (the
# browser reports, nothing is blocked), to try a change on a live site first;
# CSP_REPORT_URI names where browsers send reports (none by default).


def _inline_style_hash(template):
    """The CSP source ('sha256-...') allowing the one <style> element of ``template``.

    The server-error page is self-contained on purpose (it must show even when static
    files are what failed), so its styles stay inline and are allowed by their hash.
    """
    source = (BASE_DIR / "templates" / template).read_text()
    style = source.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return f"'sha256-{digest}'"


CSP_PUBLIC_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", _inline_style_hash("500.html")],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'none'"],
    "worker-src": ["'none'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_ADMIN_DIRECTIVES = {
    **CSP_PUBLIC_DIRECTIVES,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],  # The live preview panel and block previews.
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": ["'self'"],  # Previews are framed by the editor.
}
CSP_ADMIN_PATH_PREFIX = "/admin/"
if os.environ.get("CSP_REPORT_URI"):
    for _directives in (CSP_PUBLIC_DIRECTIVES, CSP_ADMIN_DIRECTIVES):
        _directives["report-uri"] = [os.environ["CSP_REPORT_URI"]]
_CSP_SETTING = {"DIRECTIVES": CSP_PUBLIC_DIRECTIVES}
# (Read into no setting named CSP_*: django-csp's checks take those for 3.x settings.)
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_SETTING
    CONTENT_SECURITY_POLICY = None
else:
    CONTENT_SECURITY_POLICY = _CSP_SETTING
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Browser features the site never uses are denied to every page and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# The admin would otherwise load avatars from gravatar.com and check wagtail.org for
# releases: both other origins, and both tell them who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# === End of Content-Security-Policy and Permissions-Policy ============================

# --- Caching (core/caching; docs/DEPLOYMENT.md, "Caching") -------------------------------
# Lifetimes in seconds of public pages: browsers keep them CACHE_MAX_AGE, shared caches
# (Varnish, the embedded page cache) CACHE_S_MAXAGE, since a publish purges them at once.
CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", "60"))
CACHE_S_MAXAGE = int(os.environ.get("CACHE_S_MAXAGE", str(60 * 60)))
CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("CACHE_STALE_WHILE_REVALIDATE", "60"))

# Django's caches, both shared by every worker process and, with REDIS_URL, by every app
# server, so that what one process changes every other one sees. "pages" holds the embedded
# page cache; "default" what Wagtail keeps between requests (the site root paths behind every
# page URL, image renditions). Redis when REDIS_URL is set; otherwise files under var/cache/,
# shared by every worker on the box with nothing to install. Short socket timeouts, and a
# Redis that is down makes pages render uncached, never hang or fail (core/caching/).
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "artcms")
_CACHE_DIR = Path(os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")))


def shared_cache(name):
    """The settings of one shared cache: Redis with REDIS_URL, else files under _CACHE_DIR."""
    if os.environ.get("REDIS_URL"):
        return {
            "BACKEND": "core.caching.resilient.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:{name}",
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(_CACHE_DIR / name),
        "OPTIONS": {"MAX_ENTRIES": 10000},
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }


CACHES = {"default": shared_cache("default"), "pages": shared_cache("pages")}
# What Wagtail keeps in "default" (site root paths, renditions) names rows of one database:
# its keys carry that database's identity, so two sites (or a test deployment) on other
# databases sharing the folder or the Redis never read each other's.
_DATABASE_IDENTITY = "|".join(
    str(DATABASES["default"].get(key, "")) for key in ("ENGINE", "NAME", "HOST", "PORT")
)
CACHES["default"]["KEY_PREFIX"] += (
    ":" + hashlib.blake2b(_DATABASE_IDENTITY.encode(), digest_size=6).hexdigest()
)
if os.environ.get("PAGE_CACHE_DIR"):  # where the page cache's files go, if not var/cache/
    CACHES["pages"]["LOCATION"] = os.environ["PAGE_CACHE_DIR"]
# The embedded page cache on or off (PAGE_CACHE=0, e.g. to measure uncached rendering).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
# Rendered fragments of live pages (core/caching/fragments.py) on or off (FRAGMENT_CACHE=0,
# e.g. to measure a render from nothing), and what their code fingerprint covers.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", True)
FRAGMENT_CACHE_SOURCES = ["templates", "core", "people", "articles", "home", "search", "booking"]

# Purges on publish (articles/cache_purge.py) go through wagtail.contrib.frontend_cache to
# the page cache and to each Varnish in FRONTEND_CACHE_URLS (comma-separated, e.g.
# "http://10.0.0.5:80"), which must accept PURGE from this server (deploy/varnish/).
WAGTAILFRONTENDCACHE = {"page_cache": {"BACKEND": "core.caching.backends.PageCacheBackend"}}
for _index, _url in enumerate(env_list("FRONTEND_CACHE_URLS")):
    WAGTAILFRONTENDCACHE[f"varnish_{_index}"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _url,
    }
# --- End of caching ------------------------------------------------------------------------
# === Scale-out (issue 16) ================================================================
# Every block below is off or embedded by default, so `make run` needs nothing but Python;
# docs/DEPLOYMENT.md ("Several app servers") lists the variables and what each service does.

# --- 1. Media (images, renditions, documents) on S3-compatible object storage -------------
# Set AWS_STORAGE_BUCKET_NAME to keep media in a bucket that every app server shares;
# without it media stays on the local disk (MEDIA_ROOT). The names are django-storages'
# own. Credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are read from the
# environment by boto3, never written here. The bucket stays private except for a
# public-read policy on the image prefixes (deploy/s3/bucket-policy.json): pages link to
# plain image URLs, so a page kept in Varnish never holds a signed URL that expires.
# Documents stay private and are always streamed through Wagtail's serve view, which
# applies the privacy of their collection (and of the pages that link them).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "core.storage.MediaStorage"}  # S3Storage, see there
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None  # the bucket policy decides who may read, not per-object ACLs
    # Two uploads named "photo.jpg" must not overwrite each other's original.
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- 2. Background tasks (django-tasks) ----------------------------------------------------
# "immediate" (the default) runs a task inside the request that enqueues it; "database"
# stores it in the shared database for `manage.py db_worker` to run (django-tasks-db).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower()
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
# Make the renditions readers are served in the worker as soon as an image is uploaded
# (articles/renditions.py); on by default only where a worker runs.
PREGENERATE_RENDITIONS = env_bool("PREGENERATE_RENDITIONS", TASKS_BACKEND == "database")

# --- 3. Health endpoints: nothing to set (core/health.py; /health/live/, /health/ready/) --

# --- 4. Sessions ---------------------------------------------------------------------------
# In the shared database by default, so a visitor or editor stays logged in whichever app
# server answers. "django.contrib.sessions.backends.cached_db" also keeps them in the cache
# (only with a shared cache such as Redis: a system check refuses a per-process one).
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")

# === End of scale-out (issue 16) ==========================================================

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Sign-in security (core.accounts; see docs/SECURITY.md) ------------------------------
# Login lockout with django-axes: failures are counted per account AND client together, so
# a clinic sharing one NAT address cannot be locked out by one person, and guessing one
# account's password stops after AXES_FAILURE_LIMIT tries for AXES_COOLOFF_MINUTES.
INSTALLED_APPS += ["core.accounts", "axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it turns a lockout into a page
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"  # as the booking rate limit
AXES_LOCKOUT_CALLABLE = "core.accounts.lockout.locked_out_response"
AXES_ENABLE_ADMIN = False  # no Django admin on this site (Wagtail's admin only)
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]

# Two-factor sign-in (TOTP, django-otp): compulsory for superusers and for holders of these
# permissions, optional for other admin users. Only an operator may switch it off.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "core.accounts.two_factor.TwoFactorMiddleware",
)
TWO_FACTOR_ENFORCED = env_bool("TWO_FACTOR_ENFORCED", True)
TWO_FACTOR_REQUIRED_PERMISSIONS = ["booking.view_bookingrequest"]  # who sees health data
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", WAGTAIL_SITE_NAME)  # the app's label

# Password resets: at most so many emails per address and per client in the window.
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "3"))
PASSWORD_RESET_LIMIT_PER_CLIENT = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_CLIENT", "10"))
PASSWORD_RESET_WINDOW = timedelta(hours=1)

# Logs: password-reset tokens are blanked out of every record (core/accounts/log_filters.py),
# including runserver's request lines, which get Django's usual format back here.
LOGGING["filters"] = {"redact_secrets": {"()": "core.accounts.log_filters.RedactSecretsFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["redact_secrets"]
LOGGING["formatters"] = {
    "django.server": {
        "()": "django.utils.log.ServerFormatter",
        "format": "[{server_time}] {message}",
        "style": "{",
    }
}
LOGGING["handlers"]["django.server"] = {
    "class": "logging.StreamHandler",
    "formatter": "django.server",
    "filters": ["redact_secrets"],
}
LOGGING["loggers"] = {
    "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}
}
# --- End of sign-in security ---------------------------------------------------------------
# --- References: DOI and PubMed lookup (articles/references/lookup.py) ---------------------
# Public APIs by default; tests and self-hosted mirrors point these elsewhere. Crossref asks
# for a contact address ("polite pool"); NCBI asks for one too. Short timeout: an editor waits.
CROSSREF_API_URL = os.environ.get("CROSSREF_API_URL", "https://api.crossref.org").rstrip("/")
CROSSREF_MAILTO = os.environ.get("CROSSREF_MAILTO", "")
NCBI_EUTILS_URL = os.environ.get(
    "NCBI_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
).rstrip("/")
REFERENCE_LOOKUP_TIMEOUT = float(os.environ.get("REFERENCE_LOOKUP_TIMEOUT", "5"))
# The retraction check (articles/references/retraction_check.py): DOIs are re-checked after
# RETRACTION_CHECK_STALE_DAYS, at most RETRACTION_CHECK_BATCH per run of the scheduled job,
# with RETRACTION_CHECK_PAUSE seconds between requests (Crossref's etiquette).
RETRACTION_CHECK_STALE_DAYS = int(os.environ.get("RETRACTION_CHECK_STALE_DAYS", "7"))
RETRACTION_CHECK_BATCH = int(os.environ.get("RETRACTION_CHECK_BATCH", "50"))
RETRACTION_CHECK_PAUSE = float(os.environ.get("RETRACTION_CHECK_PAUSE", "1"))
# --- end of references lookup ---------------------------------------------------------------

# --- Article import in the admin (articles/importer/admin_views.py) ------------------------
# The largest text export or Word document an editor may upload; an article's text is far
# smaller, and the upload waits in the editor's session between the dry run and the import.
ARTICLE_IMPORT_MAX_BYTES = int(os.environ.get("ARTICLE_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
