"""X-Forwarded-Proto is believed only behind a trusted proxy, and gunicorn (as configured by
gunicorn.conf.py) keeps answering while slow clients hold connections open.

Before, any client could claim HTTPS with the header, and two half-open connections
stalled the documented gunicorn (sync workers) for about 35 seconds.
"""

import socket
import time

import pytest

from artcms.tests.conftest import get

IS_SECURE_PROBE = (
    "from django.test import RequestFactory;"
    "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https');"
    "print('secure:', request.is_secure())"
)


@pytest.mark.parametrize(
    ("env", "secure"),
    [
        ({"TRUSTED_PROXY_COUNT": "0"}, False),
        ({"TRUSTED_PROXY_COUNT": "1"}, True),
        ({"TRUSTED_PROXY_COUNT": "0", "SECURE_PROXY_SSL_HEADER_TRUSTED": "1"}, True),
    ],
)
def test_forwarded_proto_is_believed_only_behind_a_trusted_proxy(deployment, env, secure):
    original = dict(deployment.env)
    deployment.env.update(env)
    try:
        result = deployment.manage("shell", "-c", IS_SECURE_PROBE)
    finally:
        deployment.env.clear()
        deployment.env.update(original)
    assert f"secure: {secure}" in result.stdout


def test_two_slow_clients_do_not_stall_the_site(gunicorn_server):
    port = gunicorn_server.port
    assert get(port, "/")[0] == 200  # Warm both workers' caches first.
    slow = []
    for n in range(2):
        connection = socket.create_connection(("127.0.0.1", port), timeout=30)
        # Half a request: the request line and one header, never the blank line ending it.
        connection.sendall(f"GET /?slow={n} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        slow.append(connection)
    try:
        time.sleep(1)  # Let gunicorn hand the half-open connections to its workers.
        for n in range(6):
            started = time.monotonic()
            status, _headers, _body = get(port, f"/?normal={n}", timeout=10)
            elapsed = time.monotonic() - started
            assert status == 200
            assert elapsed < 3, f"request {n} took {elapsed:.1f} s"
            for connection in slow:  # Keep trickling, as a slow-loris client does.
                connection.sendall(b"X-Slow: 1\r\n")
    finally:
        for connection in slow:
            connection.close()
