"""Production settings refuse to start half-configured, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "EMAIL_BACKEND",
            "EMAIL_HOST",
            # `make test` exports SITE_URL for `make run`; a check of production settings
            # must see only what the test passes.
            "SITE_URL",
            "WAGTAILADMIN_BASE_URL",
        }
    }
    environment["DJANGO_SETTINGS_MODULE"] = "artcms.settings.production"
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "  "}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without(env, missing):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment for production." in result.stderr


READY = {"SECRET_KEY": "a-long-random-production-secret-" + "k" * 40, "ALLOWED_HOSTS": "a.org"}
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        # The default (console) would write password-reset links into the server's log.
        ({}, "not django.core.mail.backends.console.EmailBackend"),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"},
            "not django.core.mail.backends.filebased.EmailBackend",
        ),
        ({"EMAIL_BACKEND": SMTP}, "EMAIL_HOST must be set in the environment for production."),
        ({"EMAIL_BACKEND": SMTP, "EMAIL_HOST": " "}, "EMAIL_HOST must be set"),
    ],
)
def test_production_refuses_email_that_is_not_sent(env, message):
    result = run_manage("check", **READY, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_passes_the_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        ALLOWED_HOSTS="art.example.org",
        SITE_URL="https://art.example.org",
        EMAIL_BACKEND=SMTP,
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
