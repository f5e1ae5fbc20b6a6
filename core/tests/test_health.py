"""Health endpoints: what a load balancer or Varnish sees when a service is up or down."""

import json
import socket

import pytest
import requests

LEAKS = ("127.0.0.1", "localhost", "refused", "Error", "postgres", "Traceback")


@pytest.fixture
def closed_port():
    """A local port where nothing listens: bound without listen(), so connecting is refused."""
    placeholder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    placeholder.bind(("127.0.0.1", 0))
    yield placeholder.getsockname()[1]
    placeholder.close()


def assert_never_cached(response):
    assert "no-store" in response["Cache-Control"]


def assert_leaks_nothing(body, *secrets):
    for text in (*LEAKS, *map(str, secrets)):
        assert text not in body, f"{text!r} leaked into the health response: {body}"


def test_live_answers_without_touching_the_database(client):
    # No db fixture: any query would fail the test.
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


@pytest.mark.django_db
def test_ready_is_200_when_every_service_answers(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert_never_cached(response)


@pytest.mark.django_db
def test_ready_checks_the_object_storage_when_media_is_in_a_bucket(client, s3_media):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"
    # The probe file is written and removed again.
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_ready_is_503_naming_the_storage_when_the_bucket_is_unreachable(
    client, s3_media, settings, closed_port
):
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{closed_port}"
    settings.STORAGES = {**settings.STORAGES}  # build the storage again with the new endpoint
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "ok", "storage": "unavailable"},
    }
    assert_leaks_nothing(response.content.decode(), closed_port, s3_media.bucket)
    assert_never_cached(response)


@pytest.mark.django_db
def test_ready_checks_a_configured_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/6",
            "KEY_PREFIX": "artcms-test-health",
        }
    }
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "ok"}


@pytest.mark.django_db
def test_ready_is_503_naming_the_cache_when_redis_is_down(client, settings, closed_port):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/6",
        }
    }
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "unavailable",
        "storage": "ok",
    }
    assert_leaks_nothing(response.content.decode(), closed_port)


def test_ready_is_503_naming_the_database_when_postgresql_is_unreachable(
    app_server_factory, closed_port
):
    """A real gunicorn whose DATABASE_URL points at a port where nothing listens."""
    server = app_server_factory(
        "no-database",
        {"DATABASE_URL": f"postgres://artcms:secret-password@127.0.0.1:{closed_port}/artcms"},
    )
    # The process itself is fine: liveness says so, and the balancer must not restart it.
    live = requests.get(f"{server.url}/health/live/", timeout=10)
    assert live.status_code == 200
    response = requests.get(f"{server.url}/health/ready/", timeout=30)
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok", "storage": "ok"},
    }
    assert "no-store" in response.headers["Cache-Control"]
    assert_leaks_nothing(response.text, closed_port, "secret-password", "artcms")
    assert json.loads(response.text)  # a JSON body, never an error page
