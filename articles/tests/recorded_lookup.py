"""A local stand-in for Crossref and NCBI E-utilities, answering recorded JSON.

The records follow the shape of the public APIs' documentation (Crossref's
``/works/{doi}`` "message" and esummary's ``result`` keyed by uid); every value is
visibly synthetic. The server runs in a thread on a free port; ``recorded_lookup`` points
the settings at it, so the lookup tests never touch the network.
"""

import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

DEMO_DOI = "10.5555/demo.2020.001"
DEMO_PMID = "90000001"
EDITED_BOOK_DOI = "10.5555/demo-book"
MALFORMED_DOI = "10.5555/malformed"
SERVER_ERROR_DOI = "10.5555/server-error"
MALFORMED_PMID = "90000009"
MISSING_PMID = "90000404"

CROSSREF_WORKS = {
    DEMO_DOI: {
        "status": "ok",
        "message-type": "work",
        "message-version": "1.0.0",
        "message": {
            "DOI": DEMO_DOI,
            "type": "journal-article",
            "title": ["Demo article title"],
            "subtitle": [],
            "author": [
                {"given": "Alice", "family": "Demo", "sequence": "first", "affiliation": []},
                {"given": "B. C.", "family": "Sample", "sequence": "additional", "affiliation": []},
            ],
            "container-title": ["Demo Journal of Examples"],
            "publisher": "Demo Publisher",
            "volume": "3",
            "issue": "2",
            "page": "12-20",
            "issued": {"date-parts": [[2020, 5, 1]]},
            "published-print": {"date-parts": [[2020, 5]]},
            "URL": f"https://doi.org/{DEMO_DOI}",
        },
    },
    EDITED_BOOK_DOI: {
        "status": "ok",
        "message-type": "work",
        "message": {
            "DOI": EDITED_BOOK_DOI,
            "type": "edited-book",
            "title": ["Demo book of examples"],
            "editor": [{"given": "Carol", "family": "Example", "sequence": "first"}],
            "publisher": "Demo Press",
            "issued": {"date-parts": [[2019]]},
        },
    },
}

RETRACTED_DOI = "10.5555/demo.retracted"
CROSSREF_WORKS[RETRACTED_DOI] = {
    "status": "ok",
    "message-type": "work",
    "message": {
        **CROSSREF_WORKS[DEMO_DOI]["message"],
        "DOI": RETRACTED_DOI,
        "title": ["Demo retracted article"],
        # Crossref's relation to the notices about this work (here: a retraction).
        "updated-by": [
            {
                "updated": {"date-parts": [[2022, 1, 10]], "timestamp": 1641772800000},
                "DOI": "10.5555/demo.retraction-notice",
                "type": "retraction",
                "source": "retraction-watch",
                "label": "Retraction",
            }
        ],
    },
}


def _work_with(doi, title, **fields):
    """A demo journal article's record under another DOI, with extra fields (notices)."""
    message = {**CROSSREF_WORKS[DEMO_DOI]["message"], "DOI": doi, "title": [title], **fields}
    return {"status": "ok", "message-type": "work", "message": message}


def _update(doi, kind, date_parts, source, label):
    """One entry of Crossref's "updated-by" (or "update-to") list, as its API shows it."""
    return {
        "updated": {"date-parts": [date_parts], "timestamp": 1641772800000},
        "DOI": doi,
        "type": kind,
        "source": source,
        "label": label,
    }


# Retraction checks (articles/references/retraction_check.py): one record per case.
RETRACTION_NOTICE_DOI = "10.5555/demo.retraction-notice"
RETRACTED_BOTH_DOI = "10.5555/demo.retracted-both"
CORRECTED_DOI = "10.5555/demo.corrected"
CONCERN_DOI = "10.5555/demo.concern"
RELATION_RETRACTED_DOI = "10.5555/demo.relation-retracted"
NOT_A_WORK_DOI = "10.5555/not-a-work"
CROSSREF_WORKS[RETRACTED_BOTH_DOI] = _work_with(
    RETRACTED_BOTH_DOI,
    "Demo article retracted, reported twice",
    **{
        # The publisher's Crossmark deposit and Retraction Watch report the same notice.
        "updated-by": [
            _update(
                "10.5555/demo.notice-both", "retraction", [2023, 6, 2], "publisher", "Retraction"
            ),
            _update(
                "10.5555/demo.notice-both",
                "retraction",
                [2023, 6, 1],
                "retraction-watch",
                "Retraction",
            ),
            _update("10.5555/demo.erratum", "erratum", [2021, 2], "publisher", "Erratum"),
        ],
        "record-id": "99001",
    },
)
CROSSREF_WORKS[CORRECTED_DOI] = _work_with(
    CORRECTED_DOI,
    "Demo corrected article",
    **{
        "updated-by": [
            _update(
                "10.5555/demo.correction", "correction", [2021, 3, 4], "publisher", "Correction"
            )
        ]
    },
)
CROSSREF_WORKS[CONCERN_DOI] = _work_with(
    CONCERN_DOI,
    "Demo article under concern",
    **{
        # Retraction Watch's spelling with hyphens; Crossref's own is expression_of_concern.
        "updated-by": [
            _update(
                "10.5555/demo.concern-notice",
                "expression-of-concern",
                [2024, 9, 30],
                "retraction-watch",
                "Expression of concern",
            )
        ],
    },
)
CROSSREF_WORKS[RELATION_RETRACTED_DOI] = _work_with(
    RELATION_RETRACTED_DOI,
    "Demo article retracted by relation",
    relation={
        "is-retracted-by": [
            {"id-type": "doi", "id": "10.5555/demo.relation-notice", "asserted-by": "subject"}
        ]
    },
)
# The notice itself: its "update-to" points at the work it retracts; it is not retracted.
CROSSREF_WORKS[RETRACTION_NOTICE_DOI] = _work_with(
    RETRACTION_NOTICE_DOI,
    "Retraction notice: Demo retracted article",
    type="journal-article",
    **{
        "update-to": [
            _update(RETRACTED_DOI, "retraction", [2022, 1, 10], "publisher", "Retraction")
        ]
    },
)
CROSSREF_WORKS[NOT_A_WORK_DOI] = {"status": "ok", "message-type": "work", "message": "oops"}

ESUMMARY = {
    DEMO_PMID: {
        "header": {"type": "esummary", "version": "0.3"},
        "result": {
            "uids": [DEMO_PMID],
            DEMO_PMID: {
                "uid": DEMO_PMID,
                "pubdate": "2021 Mar",
                "epubdate": "2021 Feb 1",
                "source": "Demo J Ex",
                "authors": [
                    {"name": "Demo A", "authtype": "Author", "clusterid": ""},
                    {"name": "Sample BC", "authtype": "Author", "clusterid": ""},
                ],
                "lastauthor": "Sample BC",
                "title": "Demo record from PubMed.",
                "volume": "4",
                "issue": "1",
                "pages": "1-9",
                "articleids": [
                    {"idtype": "pubmed", "idtypen": 1, "value": DEMO_PMID},
                    {"idtype": "doi", "idtypen": 3, "value": "10.5555/demo.pubmed"},
                ],
                "fulljournalname": "Demo Journal of Examples",
                "sortpubdate": "2021/03/01 00:00",
            },
        },
    },
    # What esummary answers (HTTP 200) for a uid it does not know.
    MISSING_PMID: {
        "header": {"type": "esummary", "version": "0.3"},
        "result": {
            "uids": [MISSING_PMID],
            MISSING_PMID: {"uid": MISSING_PMID, "error": "cannot get document summary"},
        },
    },
}


class RecordedApiHandler(BaseHTTPRequestHandler):
    """Answers /crossref/works/{doi} and /eutils/esummary.fcgi?id=… from the records."""

    requests = []  # the paths asked for, so tests can check the query (mailto, retmode)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        type(self).requests.append(self.path)
        if url.path.startswith("/crossref/works/"):
            doi = urllib.parse.unquote(url.path.removeprefix("/crossref/works/"))
            if doi == MALFORMED_DOI:
                return self._send(200, b'{"status": "ok", "message": {"title": [')
            if doi == SERVER_ERROR_DOI:
                return self._send(503, b"Service Unavailable", "text/plain")
            if doi in CROSSREF_WORKS:
                return self._send(200, json.dumps(CROSSREF_WORKS[doi]).encode())
            # Crossref answers an unknown DOI with a plain-text 404.
            return self._send(404, b"Resource not found.", "text/plain")
        if url.path == "/eutils/esummary.fcgi":
            pmid = urllib.parse.parse_qs(url.query).get("id", [""])[0]
            if pmid == MALFORMED_PMID:
                return self._send(200, b"<html>not json</html>", "text/html")
            if pmid in ESUMMARY:
                return self._send(200, json.dumps(ESUMMARY[pmid]).encode())
            return self._send(400, b'{"error": "Invalid uid"}')
        return self._send(404, b"Not found", "text/plain")

    def _send(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="session")
def recorded_api_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordedApiHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def recorded_lookup(settings, recorded_api_server):
    """Settings pointed at the recorded server, with a demo contact address."""
    settings.CROSSREF_API_URL = f"{recorded_api_server}/crossref"
    settings.NCBI_EUTILS_URL = f"{recorded_api_server}/eutils"
    settings.CROSSREF_MAILTO = "demo@example.com"
    settings.REFERENCE_LOOKUP_TIMEOUT = 2
    RecordedApiHandler.requests.clear()
    return recorded_api_server


def closed_port():
    """A local port nothing listens on (bound, then released): connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
