"""PostgreSQL: one statement, served by the GIN index on the body vector, ranks every match.

modelsearch's PostgreSQL backend filters on ``(title || body) @@ query``, which no index
serves (the GIN indexes are on each column), so every search reads and merges every
document's vectors, and the count and the page of results each do it again (what that costs
at 10,000 articles: docs/PERFORMANCE.md). Here the filter is on the body vector alone;
ArticlePage puts its title in the body too (``search_title``), so no word is missed. Every
match is ranked by title first, and the costly body rank is computed for the first
FULL_RANK_LIMIT only (PostgresRankedMixin.query_ranked_ids).
"""

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db import connections, transaction
from django.db.models import BigIntegerField, ExpressionWrapper, F, Window
from django.db.models.functions import Cast, RowNumber
from modelsearch.backends.database.postgres import postgres as stock_postgres
from modelsearch.conf import get_app_config

from search.backends.ranked_ids import RankedIdsCompilerMixin, RankedIdsResultsMixin

# Matches ranked on every indexed word. Beyond this many, the rest are ordered by their
# title score alone (see PostgresRankedMixin.query_ranked_ids).
FULL_RANK_LIMIT = 1000


def run_with_gin_index(sql, params, using):
    """Run a ranking statement, making PostgreSQL find the matches through its GIN index.

    The planner prices testing a vector as cheap, so for a word in more than a few percent
    of articles it reads every entry and tests each vector instead. Each vector is stored
    compressed out of line, so that costs several times what the index lookup does.
    Sequential scans are turned off for this one statement (SET LOCAL, inside its own
    transaction).

    Nested loops are turned off too. The planner cannot estimate how many entries match
    (it guesses a handful), so it would check each match is live and public with two
    index lookups per match; a hash of the allowed ids costs far less for a common word
    (both measured in docs/PERFORMANCE.md). Run on its own (autocommit, as a request is), the
    statement gets a transaction of its own, which ends the SET LOCALs: one round trip
    before the statement, none after. Inside a longer transaction the previous settings
    are read first and restored afterwards.
    """
    connection = connections[using]
    nested = connection.in_atomic_block
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if nested:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_nestloop'), "
                "set_config('enable_seqscan', 'off', true), "
                "set_config('enable_nestloop', 'off', true)"
            )
            seqscan, nestloop = cursor.fetchone()[:2]
        else:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_nestloop = off")
        cursor.execute(sql, params)
        # Thousands of rows for a common word: read them without the ORM's per-row work.
        rows = cursor.fetchall()
        if nested:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), "
                "set_config('enable_nestloop', %s, true)",
                [seqscan, nestloop],
            )
    return rows


class PostgresRankedMixin(RankedIdsCompilerMixin):
    """The ranked id list from PostgreSQL's index entries, scored with ts_rank."""

    # The index column every word is in (matched with its GIN index).
    FILTER_COLUMN = "body"
    # Ranks that are cheap to compute for every match (small vectors stored in the row),
    # and ranks that are not (the body vector is stored compressed, out of line), each
    # (column, multiplier). Their sum is the score.
    CHEAP_RANK_COLUMNS = (("title", F("title_norm")),)
    FULL_RANK_COLUMNS = (("body", 1.0),)

    def query_ranked_ids(self, backend):
        """Every match, best first, as [(pk, score)], in one statement.

        Ranking on the body means decompressing each match's body vector, which adds up
        for a word in thousands of articles (docs/PERFORMANCE.md). So the matches are first
        ordered by the cheap title score (then newest first), and only the first
        FULL_RANK_LIMIT of them get the full score and are re-ordered by it; the rest
        follow in title-score order. Up to FULL_RANK_LIMIT matches, which is every search
        on a site of that many articles, this is the same as ranking them all. Only a word
        common to more than FULL_RANK_LIMIT articles gets the coarser order past the first
        FULL_RANK_LIMIT results, where no visitor reads.
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

        cheap_score = None
        for column, multiplier in self.CHEAP_RANK_COLUMNS:
            term = SearchRank(F(column), search_query, weights=self.sql_weights) * multiplier
            cheap_score = term if cheap_score is None else cheap_score + term
        full_columns = [column for column, _multiplier in self.FULL_RANK_COLUMNS]
        cheaply_ranked = matches.annotate(
            tsquery=ExpressionWrapper(search_query, output_field=SearchQueryField()),
            cheap_score=cheap_score,
            cheap_place=Window(
                RowNumber(), order_by=[F("cheap_score").desc(), F("object_pk").desc()]
            ),
        ).values_list("object_pk", "cheap_score", "cheap_place", "tsquery", *full_columns)
        cheaply_ranked_sql, cheaply_ranked_params = cheaply_ranked.query.sql_with_params()

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
            f"SELECT m.object_pk, {score_sql} AS score FROM ({cheaply_ranked_sql}) AS m "  # noqa: S608 -- names from the models, values are parameters
            "ORDER BY m.cheap_place > %s, score DESC, m.object_pk DESC"
        )
        params = [*score_params, *cheaply_ranked_params, FULL_RANK_LIMIT]
        return run_with_gin_index(sql, params, self.queryset.db)


class PostgresSearchQueryCompiler(PostgresRankedMixin, stock_postgres.PostgresSearchQueryCompiler):
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
    """modelsearch's PostgreSQL backend, with every match ranked in one statement."""

    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    results_class = PostgresSearchResults
