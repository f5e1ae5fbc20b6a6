"""Counting searches for Wagtail's popular-searches report, without a write per search.

Wagtail's ``Query.add_hit()`` reads and updates a row on every search (three queries and a
commit: a few milliseconds, and on SQLite the database's single write lock). Here each
process keeps a tally of today's searches in memory and hands it to the
``record_search_hits`` task at most every ``FLUSH_SECONDS``: on the first search after that,
and when the process exits. With TASKS_BACKEND=database that is one queued task a minute
per app server; with the immediate backend the one search that flushes writes them all.

A process killed without exiting cleanly loses at most the last ``FLUSH_SECONDS`` of
counts: the report ranks searches by popularity, so that is within its precision.
"""

import atexit
import threading
import time

from django.utils import timezone

from search.tasks import record_search_hits

FLUSH_SECONDS = 60

_lock = threading.Lock()
_tally = {}  # {(query string, ISO date): hits}
_oldest = None  # time.monotonic() of the oldest hit not yet handed over


def count_search(query_string):
    """Count one search for ``query_string`` (as Wagtail's Query stores it) today."""
    global _oldest
    key = (query_string, timezone.localdate().isoformat())
    with _lock:
        _tally[key] = _tally.get(key, 0) + 1
        if _oldest is None:
            _oldest = time.monotonic()
        due = time.monotonic() - _oldest >= FLUSH_SECONDS
    if due:
        flush_search_hits()


def take_pending():
    """The tally not yet handed over, as [[query string, date, hits]], emptied."""
    global _oldest
    with _lock:
        pending = [[query, day, hits] for (query, day), hits in _tally.items()]
        _tally.clear()
        _oldest = None
    return pending


def flush_search_hits():
    """Hand the pending counts to the ``record_search_hits`` task (nothing if none)."""
    pending = take_pending()
    if pending:
        record_search_hits.enqueue(pending)


atexit.register(flush_search_hits)
