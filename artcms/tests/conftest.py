"""A real deployment for the tests that need one: production settings, a file SQLite
database, collected static files, and gunicorn started with the project's gunicorn.conf.py.

It lives apart from the test database (in a temporary folder), so it is the same on
SQLite and PostgreSQL runs; everything in it is visibly synthetic.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Variables of the test run that must not leak into the deployment's processes.
_TEST_ONLY_VARIABLES = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}


def free_port():
    """A port nothing listens on now (the OS picks it: bind to port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Deployment:
    folder: Path
    env: dict
    port: int

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self):
        return self.folder / "db.sqlite3"

    def manage(self, *args, check=True, timeout=180):
        result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result


@pytest.fixture(scope="session")
def deployment(tmp_path_factory):
    """A migrated production-settings site (setup_site run) in a temporary folder."""
    folder = tmp_path_factory.mktemp("deployment")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in _TEST_ONLY_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="artcms.settings.production",
        SECRET_KEY="demo-production-secret-for-tests-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",  # The test server speaks plain HTTP.
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        TRUSTED_PROXY_COUNT="1",  # The tests act as the proxy, naming each client.
        # Production refuses backends that do not send; nothing listens on port 9, so a
        # send fails fast, and the site must cope with that anyway.
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT="9",
        ARTCMS_ADMIN_PASSWORD="demo-admin-password-for-tests",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="4",
        GUNICORN_ACCESS_LOG="",
    )
    site = Deployment(folder=folder, env=env, port=port)
    site.manage("migrate", "--noinput")
    site.manage("setup_site")  # With the shipped articles, as `make run` does.
    site.manage("collectstatic", "--noinput")
    return site


def get(url_or_port, path, headers=None, timeout=10):
    """One plain HTTP GET: (status, headers, body bytes)."""
    port = url_or_port if isinstance(url_or_port, int) else int(url_or_port.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="session")
def gunicorn_server(deployment):
    """gunicorn serving the deployment, configured only by gunicorn.conf.py and the env."""
    log = (deployment.folder / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [sys.executable, "-m", "gunicorn", "artcms.wsgi"],
        cwd=BASE_DIR,
        env=deployment.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if get(deployment.port, "/", timeout=5)[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log_text = (deployment.folder / "gunicorn.log").read_text()
            pytest.fail(f"gunicorn did not start:\n{log_text}")
        time.sleep(0.3)
    yield deployment
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
