"""Keep secrets out of the server's logs.

A password-reset link is a key to the account until it is used; its address
(/admin/password_reset/confirm/<user>/<token>/) shows up in request logs, for example a
"Not Found" warning or runserver's request line. The filter blanks the token before any
handler writes the record.
"""

import logging
import re

RESET_TOKEN = re.compile(r"(/password_reset/confirm/)[^/\s\"']+/[^/\s\"']+/")
REDACTED = r"\1[redacted]/"


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record's message with password-reset tokens blanked; drops nothing."""

    def filter(self, record):
        message = record.getMessage()
        redacted = RESET_TOKEN.sub(REDACTED, message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
