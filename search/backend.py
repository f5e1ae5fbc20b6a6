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
its title in the body too (``search_title``), so no word is missed. It ranks every match by
title first and computes the costly body rank for the first FULL_RANK_LIMIT only
(PostgresRankedMixin.rank). SQLite's index does not stem, so SQLite searches each loose
word in its other forms (fts5_expression).
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import BigIntegerField, Expression, F, TextField
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.conf import get_app_config
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.query import word_variants

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
        parts = []
        for term in query.query_string.split():
            forms = [fts5_string(form) for form in word_variants(term)]
            parts.append(forms[0] if len(forms) == 1 else f"({' OR '.join(forms)})")
        connector = " OR " if query.operator.lower() == "or" else " AND "
        return f"({connector.join(parts)})" if parts else None
    if isinstance(query, Phrase):
        return fts5_string(query.query_string) if query.query_string.strip() else None
    if isinstance(query, (And, Or)):
        parts = [fts5_expression(subquery) for subquery in query.subqueries]
        if not parts or None in parts:
            return None
        connector = " AND " if isinstance(query, And) else " OR "
        return f"({connector.join(parts)})"
    return None


class FTS5Query(Expression):
    """A ready-made FTS5 query string, for modelsearch's MatchExpression to wrap."""

    def __init__(self, text):
        super().__init__(output_field=TextField())
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


@cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite as stock_sqlite

    class SQLiteRankedMixin(RankedIdsCompilerMixin):
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

        def rank(self, backend):
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

    class SQLiteSearchBackend(stock_sqlite.SQLiteSearchBackend):
        query_compiler_class = SQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
        results_class = SQLiteSearchResults

    return stock_sqlite.SQLiteSearchBackend, SQLiteSearchBackend


# --- PostgreSQL ---------------------------------------------------------------------------


def run_with_gin_index(sql, params, using):
    """Run a ranking statement, making PostgreSQL find the matches through its GIN index.

    The planner prices testing a vector as cheap, so for a word in more than a few percent
    of articles it reads every entry and tests each vector instead. Each vector is stored
    compressed out of line, so that costs 2-3 times what the index lookup does (measured:
    88 ms against 34 ms for a word in 3,500 of 10,000 articles). Sequential scans are
    turned off for this one statement (SET LOCAL, inside its own transaction).

    Nested loops are turned off too. The planner cannot estimate how many entries match
    (it guesses a handful), so it would check each match is live and public with two
    index lookups per match; a hash of the allowed ids costs 4 ms at 10,000 articles and
    saves 15 ms for a word in all of them. The previous settings are restored afterwards
    in case this ran inside a longer transaction.
    """
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_nestloop'), "
            "set_config('enable_seqscan', 'off', true), "
            "set_config('enable_nestloop', 'off', true)"
        )
        seqscan, nestloop = cursor.fetchone()[:2]
        cursor.execute(sql, params)
        # Thousands of rows for a common word: read them without the ORM's per-row work.
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT set_config('enable_seqscan', %s, true), "
            "set_config('enable_nestloop', %s, true)",
            [seqscan, nestloop],
        )
    return rows


# Matches ranked on every indexed word. Beyond this many, the rest are ordered by their
# title score alone (see PostgresRankedMixin.rank).
FULL_RANK_LIMIT = 1000


@cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchQueryField, SearchRank
    from django.db.models import ExpressionWrapper, Window
    from django.db.models.functions import RowNumber
    from modelsearch.backends.database.postgres import postgres as stock_postgres

    class PostgresRankedMixin(RankedIdsCompilerMixin):
        # The index column every word is in (matched with its GIN index).
        FILTER_COLUMN = "body"
        # Ranks that are cheap to compute for every match (small vectors stored in the
        # row), and ranks that are not (the body vector is stored compressed, out of line),
        # each (column, multiplier). Their sum is the score.
        CHEAP_RANK_COLUMNS = (("title", F("title_norm")),)
        FULL_RANK_COLUMNS = (("body", 1.0),)

        def rank(self, backend):
            """Every match, best first, as [(pk, score)], in one statement.

            Ranking on the body means decompressing each match's body vector (about 3
            microseconds each): 30 ms for a word in all of 10,000 articles. So the matches
            are first ordered by the cheap title score (then newest first), and only the
            first FULL_RANK_LIMIT of them get the full score and are re-ordered by it; the
            rest follow in title-score order. Up to FULL_RANK_LIMIT matches, which is every
            search on a site of that many articles, this is the same as ranking them all.
            Only a word common to more than FULL_RANK_LIMIT articles gets the coarser order
            past the first FULL_RANK_LIMIT results, where no visitor reads.
            """
            entries = get_app_config().get_model("IndexEntry")
            search_query = self.build_tsquery(self.query, config=self.get_config(backend))
            matches = (
                entries._default_manager.using(self.queryset.db)
                # "+ 0" keeps PostgreSQL from reaching for the content type index, which
                # would make it test every entry's vector (see run_with_gin_index).
                .annotate(content_type_plus_0=F("content_type_id") + 0)
                .filter(content_type_plus_0__in=self.content_type_ids())
                .filter(**{self.FILTER_COLUMN: search_query})
                .annotate(object_pk=Cast("object_id", BigIntegerField()))
                .filter(object_pk__in=self.allowed_ids())
            )
            if not self.order_by_relevance:
                return self.order_by_queryset(matches.values("object_pk"))

            cheap = None
            for column, multiplier in self.CHEAP_RANK_COLUMNS:
                term = SearchRank(F(column), search_query, weights=self.sql_weights) * multiplier
                cheap = term if cheap is None else cheap + term
            full_columns = [column for column, _multiplier in self.FULL_RANK_COLUMNS]
            inner = matches.annotate(
                tsquery=ExpressionWrapper(search_query, output_field=SearchQueryField()),
                cheap_score=cheap,
                cheap_place=Window(
                    RowNumber(), order_by=[F("cheap_score").desc(), F("object_pk").desc()]
                ),
            ).values_list("object_pk", "cheap_score", "cheap_place", "tsquery", *full_columns)
            inner_sql, inner_params = inner.query.sql_with_params()

            quote = connections[self.queryset.db].ops.quote_name
            full_terms, full_params = [], []
            for column, multiplier in self.FULL_RANK_COLUMNS:
                full_terms.append(f"ts_rank(%s::float4[], m.{quote(column)}, m.tsquery) * %s")
                full_params.extend([self.sql_weights, multiplier])
            if full_terms:
                score_sql = (
                    f"CASE WHEN m.cheap_place <= %s THEN m.cheap_score + {' + '.join(full_terms)} "
                    "ELSE m.cheap_score END"
                )
                score_params = [FULL_RANK_LIMIT, *full_params]
            else:
                score_sql, score_params = "m.cheap_score", []
            sql = (
                f"SELECT m.object_pk, {score_sql} AS score FROM ({inner_sql}) AS m "  # noqa: S608 -- names from the models, values are parameters
                "ORDER BY m.cheap_place > %s, score DESC, m.object_pk DESC"
            )
            params = [*score_params, *inner_params, FULL_RANK_LIMIT]
            return run_with_gin_index(sql, params, self.queryset.db)

    class PostgresSearchQueryCompiler(
        PostgresRankedMixin, stock_postgres.PostgresSearchQueryCompiler
    ):
        pass

    class PostgresAutocompleteQueryCompiler(
        PostgresRankedMixin, stock_postgres.PostgresAutocompleteQueryCompiler
    ):
        FILTER_COLUMN = "autocomplete"
        # Autocomplete vectors hold the title's words alone: cheap to rank for every match.
        CHEAP_RANK_COLUMNS = (("autocomplete", 1.0),)
        FULL_RANK_COLUMNS = ()

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
