"""The site's search backend: modelsearch's database backend with queries that scale.

modelsearch's database backends index correctly, but their queries grow badly with the
number of articles. Measured on 10,000 articles (docs/PERFORMANCE.md):

- SQLite: ``pk IN (SELECT ... MATCH ...)`` plus a correlated score subquery per row.
  SQLite plans both by walking every index entry for every row: about 150 s a query.
- PostgreSQL: the filter ``(title || body) @@ query`` cannot use the GIN indexes (they are
  on each column), so every search reads and merges every document's vectors; the count
  and the page of results each do it again: 1 to 3 s a query.

Here one query, driven by the full-text index, lists the ids of all matches in relevance
order. The count and every page of results are read from that list, and a page's objects
are then loaded by id. Query shapes this does not cover (no query words, "not" queries,
searches limited to some fields, non-integer keys) go through modelsearch unchanged.

PostgreSQL filters on the body vector alone, which its GIN index serves; ArticlePage puts
its title in the body too (``search_title``), so no word is missed.
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.conf import get_app_config
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def _has_integer_key(model):
    key = model._meta.pk
    while key.is_relation:
        key = key.target_field
    return key.get_internal_type() in INTEGER_KEYS


class RankedIdsCompilerMixin:
    """A query compiler that can list every matching id, best first, in one query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranked_cache = None

    def can_rank_ids(self):
        return (
            self.fields is None
            and not isinstance(self.query, (MatchAll, Not, Fuzzy))
            and _has_integer_key(self.queryset.model)
        )

    def content_type_ids(self):
        return get_descendants_content_types_pks(self.queryset.model)

    def allowed_ids(self):
        """The ids the caller's queryset allows (live, public, ...), as a subquery."""
        return self.queryset.order_by().values("pk")

    def ranked(self, backend):
        """[(pk, score)] for every match, cached for the count and each page."""
        if self.ranked_cache is None:
            self.ranked_cache = self.rank(backend)
        return self.ranked_cache

    def order_by_queryset(self, matching_ids):
        """[(pk, None)] for the matches, in the queryset's own order (order_by_relevance off)."""
        queryset = self.queryset.filter(pk__in=matching_ids)
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return [(pk, None) for pk in queryset.values_list("pk", flat=True)]


class RankedIdsResultsMixin:
    """Search results read from the compiler's ranked id list."""

    def _do_count(self):
        if not self.query_compiler.can_rank_ids():
            return super()._do_count()
        return len(self.query_compiler.ranked(self.backend))

    def _do_search(self):
        if not self.query_compiler.can_rank_ids():
            return super()._do_search()
        ranked = self.query_compiler.ranked(self.backend)[self.start : self.stop]
        objects = self.query_compiler.queryset.in_bulk([pk for pk, _score in ranked])
        results = []
        for pk, score in ranked:
            obj = objects.get(pk)
            if obj is None:
                continue  # Deleted between the two queries.
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results


# --- SQLite -----------------------------------------------------------------------------
# Each vendor's classes are built on first use: modelsearch's modules for one database
# cannot be imported while connected to the other.


@cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite as stock_sqlite

    class SQLiteRankedMixin(RankedIdsCompilerMixin):
        # bm25 weights for the FTS5 columns, in table order: autocomplete, body, title.
        BM25_WEIGHTS = (0.0, 1.0, 10.0)

        def rank(self, backend):
            app_config = get_app_config()
            entries = app_config.get_model("IndexEntry")
            fts = app_config.get_model("SQLiteFTSIndexEntry")
            connection = connections[self.queryset.db]
            quote = connection.ops.quote_name
            fts_table = quote(fts._meta.db_table)

            match = stock_sqlite.MatchExpression(
                self.FTS_TABLE_FIELDS,
                self.build_search_query(self.query, config=self.get_config(backend)),
            )
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

    class SQLiteSearchResults(RankedIdsResultsMixin, stock_sqlite.SQLiteSearchResults):
        pass

    class SQLiteSearchBackend(stock_sqlite.SQLiteSearchBackend):
        query_compiler_class = SQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
        results_class = SQLiteSearchResults

    return stock_sqlite.SQLiteSearchBackend, SQLiteSearchBackend


# --- PostgreSQL ---------------------------------------------------------------------------


def rank_with_gin_index(ranked, using):
    """Run the ranking query, making PostgreSQL find the matches through its GIN index.

    The planner prices testing a vector as cheap, so for a word in more than a few percent
    of articles it reads every entry and tests each vector instead. Each vector is stored
    compressed out of line, so that costs 2-3 times what the index lookup does (measured:
    88 ms against 34 ms for a word in 3,500 of 10,000 articles). Sequential scans are
    turned off for this one statement (SET LOCAL, inside its own transaction), then the
    previous setting is restored in case this ran inside a longer transaction.
    """
    sql, params = ranked.query.sql_with_params()
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        previous = cursor.fetchone()[0]
        cursor.execute(sql, params)
        # Thousands of rows for a common word: read them without the ORM's per-row work.
        rows = cursor.fetchall()
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
    return rows


@cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres import postgres as stock_postgres

    class PostgresRankedMixin(RankedIdsCompilerMixin):
        # The index column every word is in (matched with its GIN index), and the columns
        # whose ranks add up to the score, each with a multiplier.
        FILTER_COLUMN = "body"
        RANK_COLUMNS = (("title", F("title_norm")), ("body", 1.0))

        def rank(self, backend):
            entries = get_app_config().get_model("IndexEntry")
            search_query = self.build_tsquery(self.query, config=self.get_config(backend))
            score = None
            for column, multiplier in self.RANK_COLUMNS:
                term = SearchRank(F(column), search_query, weights=self.sql_weights) * multiplier
                score = term if score is None else score + term
            matches = (
                entries._default_manager.using(self.queryset.db)
                # "+ 0" keeps PostgreSQL from reaching for the content type index, which
                # would make it test every entry's vector (see rank_with_gin_index).
                .annotate(content_type_plus_0=F("content_type_id") + 0)
                .filter(content_type_plus_0__in=self.content_type_ids())
                .filter(**{self.FILTER_COLUMN: search_query})
                .annotate(object_pk=Cast("object_id", BigIntegerField()))
                .filter(object_pk__in=self.allowed_ids())
            )
            if not self.order_by_relevance:
                return self.order_by_queryset(matches.values("object_pk"))
            ranked = (
                matches.annotate(score=score)
                .order_by("-score", "-object_pk")
                .values_list("object_pk", "score")
            )
            return rank_with_gin_index(ranked, self.queryset.db)

    class PostgresSearchQueryCompiler(
        PostgresRankedMixin, stock_postgres.PostgresSearchQueryCompiler
    ):
        pass

    class PostgresAutocompleteQueryCompiler(
        PostgresRankedMixin, stock_postgres.PostgresAutocompleteQueryCompiler
    ):
        FILTER_COLUMN = "autocomplete"
        RANK_COLUMNS = (("autocomplete", 1.0),)

    class PostgresSearchResults(RankedIdsResultsMixin, stock_postgres.PostgresSearchResults):
        pass

    class PostgresSearchBackend(stock_postgres.PostgresSearchBackend):
        query_compiler_class = PostgresSearchQueryCompiler
        autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
        results_class = PostgresSearchResults

    return PostgresSearchBackend


def SearchBackend(params):  # noqa: N802 -- the name modelsearch looks for in a backend module
    """modelsearch's database backend for this database, with the faster queries above."""
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor == "postgresql":
        return _postgres_backend_class()(params)
    backend = vendor_search_backend(params)
    if vendor == "sqlite":
        stock_class, faster_class = _sqlite_backend_class()
        if isinstance(backend, stock_class):
            return faster_class(params)
    return backend  # MySQL, or SQLite without FTS5: modelsearch's own backend.
