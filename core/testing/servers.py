"""Pytest fixtures and helpers for tests against real servers (Redis, Varnish, ...).

Loaded by the root conftest.py through ``pytest_plugins``, so every app's tests can use
them. A server that is missing makes its tests skip with the reason, unless
ARTCMS_REQUIRE_SERVERS=1 (set by .ci/run): then they fail, so CI cannot pass by skipping.
"""

import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytest_django.live_server_helper import LiveServer


def missing_server(message):
    """Skip the test for a missing server, or fail it when servers are required."""
    if os.environ.get("ARTCMS_REQUIRE_SERVERS") == "1":
        pytest.fail(f"{message} (ARTCMS_REQUIRE_SERVERS=1)")
    pytest.skip(message)


def port_is_open(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_server(name, url):
    """Skip (or fail) unless something answers at the URL's host and port."""
    parts = urlsplit(url)
    if not port_is_open(parts.hostname, parts.port):
        missing_server(f"{name} is not reachable at {parts.hostname}:{parts.port}")


def free_port():
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- An app server and Varnish in front of it ----------------------------------------------

VARNISHD = os.environ.get("ARTCMS_VARNISHD", "/usr/sbin/varnishd")
VCL_PATH = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"


def wait_for_port(host, port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_is_open(host, port, timeout=0.2):
            return True
        time.sleep(0.05)
    return False


class StoppableLiveServer(LiveServer):
    """pytest-django's live server, which a test may stop midway (the app "goes down")."""

    def stop(self):
        # Only the listening thread stops here: a request thread may still be finishing
        # (Varnish's health probe), so the shared database connection is released later.
        if self.thread.is_alive():
            self.thread.terminate()

    def close(self):
        self.stop()
        # Let request threads that are still answering (health probes) finish first: they
        # close the shared connection when done, which must happen while it is shared.
        for thread in threading.enumerate():
            if "process_request_thread" in thread.name:
                thread.join(timeout=5)
        for conn in self.thread.connections_override.values():
            conn.dec_thread_sharing()


@pytest.fixture
def app_server(transactional_db, django_db_serialized_rollback):
    """The site on a live server of its own, which a test may stop (``.stop()``).

    Unlike pytest-django's session-wide live_server, stopping this one harms no other test.
    """
    server = StoppableLiveServer("127.0.0.1:0")
    yield server
    server.close()


def vcl_for_backend(host, port):
    """deploy/varnish/default.vcl with the backend address filled in."""
    vcl = VCL_PATH.read_text()
    filled = vcl.replace('.host = "127.0.0.1";', f'.host = "{host}";', 1).replace(
        '.port = "8000";', f'.port = "{port}";', 1
    )
    if '.host = "127.0.0.1";' not in vcl or '.port = "8000";' not in vcl:
        raise ValueError(f"{VCL_PATH} no longer has the backend address this fixture fills in")
    return filled


def wait_for_varnish_backend(url, timeout=20):
    """Varnish counts a backend sick until its first health probe passes (about 2 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/", timeout=5):  # noqa: S310 -- local server
                return True
        except urllib.error.HTTPError as error:
            if error.code != 503:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@dataclass
class Varnish:
    """A running varnishd: its URL, and GET/POST helpers that return (status, headers, body)."""

    url: str
    process: subprocess.Popen

    def request(self, path, method="GET", data=None, headers=None):
        request = urllib.request.Request(  # noqa: S310 -- our own local server
            self.url + path, data=data, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture
def varnish(app_server, tmp_path, settings):
    """varnishd with deploy/varnish/default.vcl in front of ``app_server``, and the app's
    purges sent to it (FRONTEND_CACHE_URLS, as in production)."""
    if not Path(VARNISHD).exists():
        missing_server(f"varnishd not found at {VARNISHD} (apt-get install -y varnish)")
    host, port = app_server.thread.host, app_server.thread.port
    vcl = tmp_path / "default.vcl"
    vcl.write_text(vcl_for_backend(host, port))
    listen = free_port()
    log = (tmp_path / "varnishd.log").open("w")
    process = subprocess.Popen(  # noqa: S603 -- fixed arguments
        [
            VARNISHD,
            "-F",
            "-a",
            f"127.0.0.1:{listen}",
            "-f",
            str(vcl),
            "-n",
            str(tmp_path / "varnish"),
            "-s",
            "malloc,64m",
            # No privilege separation: the test's own user reads its temp files.
            "-j",
            "none",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        if not wait_for_port("127.0.0.1", listen):
            process.kill()
            pytest.fail(f"varnishd did not start: {(tmp_path / 'varnishd.log').read_text()}")
        url = f"http://127.0.0.1:{listen}"
        if not wait_for_varnish_backend(url):
            pytest.fail("Varnish never found the app server healthy")
        settings.WAGTAILFRONTENDCACHE = {
            **settings.WAGTAILFRONTENDCACHE,
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": url,
            },
        }
        yield Varnish(url=url, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
