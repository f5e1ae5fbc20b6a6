"""What the SQLite and PostgreSQL backends share: every match's id, best first, in one query.

modelsearch runs a query for the count and another for each page of results. Here the
compiler lists the ids of all matches in relevance order once (each database's module says
how, in ``query_ranked_ids``); the count and every page are read from that list, and a
page's objects are then loaded by id. Query shapes this does not cover (no query words,
"not" queries, searches limited to some fields, non-integer keys) go through modelsearch
unchanged.
"""

from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def _has_integer_key(model):
    key = model._meta.pk
    while key.is_relation:
        key = key.target_field
    return key.get_internal_type() in INTEGER_KEYS


class RankedIdsCompilerMixin:
    """A query compiler that can list every matching id, best first, in one query.

    Each database's mixin defines ``query_ranked_ids(backend)``, which runs that query.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ranked_ids = None

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

    def ranked_ids(self, backend):
        """[(pk, score)] for every match, queried once for the count and every page."""
        if self._ranked_ids is None:
            self._ranked_ids = self.query_ranked_ids(backend)
        return self._ranked_ids

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
        return len(self.query_compiler.ranked_ids(self.backend))

    def _do_search(self):
        if not self.query_compiler.can_rank_ids():
            return super()._do_search()
        ids_on_page = self.query_compiler.ranked_ids(self.backend)[self.start : self.stop]
        instances = self.query_compiler.queryset.in_bulk([pk for pk, _score in ids_on_page])
        results = []
        for pk, score in ids_on_page:
            instance = instances.get(pk)
            if instance is None:
                continue  # Deleted between the two queries.
            if self._score_field:
                setattr(instance, self._score_field, score)
            results.append(instance)
        return results
