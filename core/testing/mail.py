"""A real SMTP server for tests (aiosmtpd) that refuses connections until told to accept.

``smtp_server`` holds a free local port bound but not listening, so a connection to it is
refused, as when the mail server is down; ``accept()`` starts aiosmtpd on that port and
every message it receives is kept in ``messages``; ``refuse()`` stops it again.
"""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


class _Collector:
    """aiosmtpd handler: keep each message received."""

    def __init__(self, messages):
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    """An SMTP server on 127.0.0.1 that starts out refusing connections."""

    host = "127.0.0.1"

    def __init__(self):
        self.messages = []
        self._controller = None
        self._reserve_port()

    def _reserve_port(self):
        # Bound without listen(): the port stays ours, and a connection is refused.
        self._placeholder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._placeholder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._placeholder.bind((self.host, getattr(self, "port", 0)))
        self.port = self._placeholder.getsockname()[1]

    @property
    def accepting(self):
        return self._controller is not None

    def accept(self):
        """Start receiving mail on the port."""
        if self.accepting:
            return
        self._placeholder.close()
        self._controller = Controller(_Collector(self.messages), hostname=self.host, port=self.port)
        self._controller.start()

    def refuse(self):
        """Stop receiving: connections are refused again."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
            self._reserve_port()

    def close(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        self._placeholder.close()

    def settings(self):
        """Django email settings that send through this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }


@pytest.fixture
def smtp_server():
    """An SMTP server that refuses connections until the test calls ``accept()``."""
    server = SMTPServer()
    yield server
    server.close()
