"""System checks for settings that would break a site run on several app servers."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.compatibility)
def check_session_store_is_shared(app_configs=None, **kwargs):
    """Sessions kept in a per-process cache would log an editor out on every other worker."""
    engine = settings.SESSION_ENGINE
    if not engine.startswith("django.contrib.sessions.backends.cache"):
        return []
    alias = getattr(settings, "SESSION_CACHE_ALIAS", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            checks.Error(
                f"SESSION_ENGINE {engine} needs a shared cache, but the {alias!r} cache is "
                f"{backend.rsplit('.', 1)[-1]}, which each process keeps to itself.",
                hint="Set REDIS_URL, or leave SESSION_ENGINE unset (sessions in the database).",
                id="core.E001",
            )
        ]
    return []
