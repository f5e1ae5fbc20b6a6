"""Real app servers for tests: gunicorn running the site in a subprocess, on a free port.

Each server gets its own temporary directory (TMPDIR, so its MEDIA_ROOT too: the test
settings make it with mkdtemp), like a separate machine, and whatever environment the test
gives it (DATABASE_URL, the object storage's variables...). The socket is bound here, on
port 0, and handed to gunicorn as ``fd://``, so no port is ever guessed.
"""

import dataclasses
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

STARTUP_SECONDS = 60


@dataclasses.dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    directory: Path
    log_path: Path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def database_url(alias="default"):
    """A DATABASE_URL for the test database this run uses (PostgreSQL only)."""
    db = settings.DATABASES[alias]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def start_app_server(directory, environ):
    """Start gunicorn with the test settings and ``environ``; wait until it answers."""
    directory = Path(directory)
    (directory / "tmp").mkdir(parents=True, exist_ok=True)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "artcms.settings.test",
        "TMPDIR": str(directory / "tmp"),
        "PYTHONUNBUFFERED": "1",
        **environ,
    }
    log_path = directory / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "artcms.wsgi:application",
        "--bind",
        f"fd://{listener.fileno()}",
        "--workers",
        "1",
        "--timeout",
        "60",
        "--access-logfile",
        "-",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            command,
            cwd=settings.BASE_DIR,
            env=env,
            pass_fds=[listener.fileno()],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    listener.close()
    server = AppServer(f"http://127.0.0.1:{port}", process, directory, log_path)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{server.log()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/health/live/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.stop()
    pytest.fail(f"gunicorn did not answer within {STARTUP_SECONDS} s:\n{server.log()[-3000:]}")


@pytest.fixture
def app_server_factory(tmp_path):
    """Start app servers with ``factory(name, environ)``; all are stopped after the test."""
    servers = []

    def factory(name, environ):
        server = start_app_server(tmp_path / name, environ)
        servers.append(server)
        return server

    yield factory
    for server in servers:
        server.stop()
