"""The site's search backend: modelsearch's database backend with queries that scale.

WAGTAILSEARCH_BACKENDS names this package. modelsearch's database backends index
correctly, but their queries grow badly with the number of articles (docs/PERFORMANCE.md).
The backends here keep modelsearch's indexing and replace its queries with one statement
that lists every match's id in relevance order:

- ``ranked_ids``: what both databases share; the count and every page read that one list.
- ``sqlite``: the statement for SQLite's FTS5 index, each loose word in its other forms.
- ``postgres``: the statement for PostgreSQL, served by the GIN index on the body vector.

On MySQL, or SQLite without FTS5, modelsearch's own backend is used unchanged.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from modelsearch.backends.database import SearchBackend as stock_database_backend

from search.backends.postgres import PostgresSearchBackend


def SearchBackend(params):  # noqa: N802 -- the name modelsearch looks for in a backend module
    """modelsearch's database backend for this database, with the faster queries."""
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor == "postgresql":
        return PostgresSearchBackend(params)
    backend = stock_database_backend(params)
    if vendor == "sqlite":
        # Imported here: modelsearch's SQLite module cannot be imported on PostgreSQL.
        from search.backends import sqlite

        if isinstance(backend, sqlite.StockSQLiteSearchBackend):
            return sqlite.SQLiteSearchBackend(params)
    return backend  # MySQL, or SQLite without FTS5: modelsearch's own backend.
