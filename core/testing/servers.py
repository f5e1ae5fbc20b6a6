"""Pytest fixtures and helpers for tests against real servers (Redis, Varnish, ...).

Loaded by the root conftest.py through ``pytest_plugins``, so every app's tests can use
them. A server that is missing makes its tests skip with the reason, unless
ARTCMS_REQUIRE_SERVERS=1 (set by .ci/run): then they fail, so CI cannot pass by skipping.
"""

import os
import socket
from urllib.parse import urlsplit

import pytest


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
