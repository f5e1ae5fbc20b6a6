"""The file an editor uploaded for a dry run, kept in their session until they confirm it.

Only a token (the SHA-256 of the series and the file) goes to the browser, in the confirm
form; the file itself stays on the server, in the session, and is parsed again on
confirm. A confirm whose token is not the session's (another dry run since, another series,
or a session that has expired) finds nothing, and the editor uploads the file again.
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass

SESSION_KEY = "artcms_article_import"


@dataclass(frozen=True)
class PendingUpload:
    name: str
    data: bytes


def _token(series_id, name, data):
    digest = hashlib.sha256(f"{series_id}\n{name}\n".encode())
    digest.update(data)
    return digest.hexdigest()


def remember(session, series, name, data):
    """Keep the upload for this series (replacing any other); return its token."""
    token = _token(series.pk, name, data)
    session[SESSION_KEY] = {
        "token": token,
        "series": series.pk,
        "name": name,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def recall(session, series, token):
    """The PendingUpload the token names for this series, or None."""
    stored = session.get(SESSION_KEY)
    if not stored or stored.get("series") != series.pk or not token:
        return None
    if not hmac.compare_digest(str(stored.get("token")), str(token)):
        return None
    data = base64.b64decode(stored["data"])
    if _token(series.pk, stored["name"], data) != token:  # a tampered session row
        return None
    return PendingUpload(stored["name"], data)


def forget(session):
    session.pop(SESSION_KEY, None)
