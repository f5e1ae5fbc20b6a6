"""Sessions and settings that must hold when several app servers answer the same visitor."""

from django.core import checks

from core.checks import check_session_store_is_shared


def test_sessions_are_kept_in_the_shared_database_by_default(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert check_session_store_is_shared() == []


def test_sessions_in_a_per_process_cache_are_refused(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [error] = check_session_store_is_shared()
    assert error.id == "core.E001"
    assert error.level == checks.ERROR
    assert "LocMemCache" in error.msg


def test_sessions_in_a_shared_cache_are_accepted(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/6",
        }
    }
    assert check_session_store_is_shared() == []


def test_the_check_is_registered_with_django():
    assert check_session_store_is_shared in checks.registry.registry.get_checks()
