"""SQLite: one statement, driven by the FTS5 index, ranks every match with bm25.

modelsearch's SQLite backend filters with ``pk IN (SELECT ... MATCH ...)`` and orders by a
correlated score subquery per row, which SQLite plans by walking every index entry for
every row (how long that takes at 10,000 articles: docs/PERFORMANCE.md). Here the statement
starts from the full-text match and looks each entry up by its key.

SQLite's index does not stem, so each loose word is searched in its other forms too
(``fts5_expression``). This module imports modelsearch's SQLite backend, which defines a
model that exists on SQLite only: import it only when connected to SQLite.
"""

from django.db import connections
from django.db.models import Expression, TextField
from modelsearch.backends.database.sqlite import sqlite as stock_sqlite
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, Phrase, PlainText

from search.backends.ranked_ids import RankedIdsCompilerMixin, RankedIdsResultsMixin
from search.query import word_variants

# modelsearch's own backend, which search.backends.SearchBackend replaces.
StockSQLiteSearchBackend = stock_sqlite.SQLiteSearchBackend


def fts5_string(text):
    """An FTS5 string literal: double quotes around it, inner double quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def fts5_expression(query):
    """An FTS5 query for ``query``, each loose word also matching its other forms, or None.

    SQLite's full-text index does not stem, so "nightmare" would not find "nightmares".
    Each word of a PlainText query is searched as any of its forms (search.query.
    word_variants: "nightmare" OR "nightmares" ...). A Phrase is matched exactly, as
    typed in quotes. Query shapes other than words, phrases, And and Or give None (the
    caller then builds modelsearch's own query).
    """
    if isinstance(query, PlainText):
        words = []
        for term in query.query_string.split():
            forms = [fts5_string(form) for form in word_variants(term)]
            words.append(forms[0] if len(forms) == 1 else f"({' OR '.join(forms)})")
        connector = " OR " if query.operator.lower() == "or" else " AND "
        return f"({connector.join(words)})" if words else None
    if isinstance(query, Phrase):
        return fts5_string(query.query_string) if query.query_string.strip() else None
    if isinstance(query, (And, Or)):
        subexpressions = [fts5_expression(subquery) for subquery in query.subqueries]
        if not subexpressions or None in subexpressions:
            return None
        connector = " AND " if isinstance(query, And) else " OR "
        return f"({connector.join(subexpressions)})"
    return None


class FTS5Query(Expression):
    """A ready-made FTS5 query string, for modelsearch's MatchExpression to wrap."""

    def __init__(self, text):
        super().__init__(output_field=TextField())
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


class SQLiteRankedMixin(RankedIdsCompilerMixin):
    """The ranked id list from SQLite's FTS5 table, scored with bm25."""

    # bm25 weights for the FTS5 columns, in table order: autocomplete, body, title.
    BM25_WEIGHTS = (0.0, 1.0, 10.0)
    # Search each loose word in all its forms (autocomplete matches prefixes instead).
    MATCH_WORD_FORMS = True

    def fts_query(self, backend):
        if self.MATCH_WORD_FORMS:
            text = fts5_expression(self.query)
            if text is not None:
                return FTS5Query(text)
        return self.build_search_query(self.query, config=self.get_config(backend))

    def query_ranked_ids(self, backend):
        """Every match, best first, as [(pk, score)], in one statement."""
        app_config = get_app_config()
        entries = app_config.get_model("IndexEntry")
        fts = app_config.get_model("SQLiteFTSIndexEntry")
        connection = connections[self.queryset.db]
        quote = connection.ops.quote_name
        fts_table = quote(fts._meta.db_table)

        match = stock_sqlite.MatchExpression(self.FTS_TABLE_FIELDS, self.fts_query(backend))
        compiler = fts._default_manager.all().query.get_compiler(using=self.queryset.db)
        match_sql, match_params = match.as_sql(compiler, connection)
        allowed_sql, allowed_params = self.allowed_ids().query.sql_with_params()
        content_types = self.content_type_ids()
        weights = ", ".join(str(weight) for weight in self.BM25_WEIGHTS)
        # CROSS JOIN makes SQLite start from the full-text match (it keeps the order of
        # a CROSS JOIN), then look each entry up by its primary key.
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) AS pk, bm25({fts_table}, {weights}) "  # noqa: S608 -- names from the models, values are parameters
            f"AS score FROM {fts_table} CROSS JOIN {quote(entries._meta.db_table)} AS e "
            f"ON e.id = {fts_table}.rowid "
            f"WHERE {match_sql} "
            f"AND e.content_type_id IN ({', '.join(['%s'] * len(content_types))}) "
            f"AND CAST(e.object_id AS INTEGER) IN ({allowed_sql})"
        )
        params = [*match_params, *content_types, *allowed_params]
        with connection.cursor() as cursor:
            if not self.order_by_relevance:
                cursor.execute(sql, params)
                return self.order_by_queryset([pk for pk, _score in cursor.fetchall()])
            # bm25 is lower for better matches.
            cursor.execute(f"{sql} ORDER BY score, pk DESC", params)
            return cursor.fetchall()


class SQLiteSearchQueryCompiler(SQLiteRankedMixin, stock_sqlite.SQLiteSearchQueryCompiler):
    pass


class SQLiteAutocompleteQueryCompiler(
    SQLiteRankedMixin, stock_sqlite.SQLiteAutocompleteQueryCompiler
):
    BM25_WEIGHTS = (1.0, 0.0, 0.0)
    MATCH_WORD_FORMS = False


class SQLiteSearchResults(RankedIdsResultsMixin, stock_sqlite.SQLiteSearchResults):
    pass


class SQLiteSearchBackend(StockSQLiteSearchBackend):
    """modelsearch's SQLite FTS5 backend, with every match ranked in one statement."""

    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    results_class = SQLiteSearchResults
