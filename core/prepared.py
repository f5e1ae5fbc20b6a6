"""Querysets compiled to SQL once per process, then run again with other values.

Building and compiling a queryset is Python work that Django repeats on every request:
for the routing queries of an article (a join to the reviewer and the hero image, two
subqueries) it costs several times what the database takes to answer. ``PreparedQuery``
builds the queryset once with placeholder values, keeps the compiled SQL and the compiler
that knows how to turn rows into model instances, and on each call only puts the real
values into the parameter list.

The SQL must not depend on the values, only the parameters may: a placeholder that is not
found in the parameters (a value may be used more than once), or a value that would change the SQL
(None, or a LIKE pattern character), is refused with an error rather than run. Each
placeholder is a value no real one can be (a depth no tree reaches, a string of capitals that is
not a tree path or a slug); a string placeholder may sit inside a parameter (a LIKE
prefix), and the real value then takes its place there.
"""

import copy

from django.db import connections, router

LIKE_CHARACTERS = frozenset("%_\\")


class PreparedQuery:
    def __init__(self, build, **placeholders):
        """``build(**values)`` returns the queryset; ``placeholders`` name its values."""
        self._build = build
        self._placeholders = placeholders
        self._prepared = {}  # (alias, vendor) -> (queryset, compiler, sql, params, slots)

    def _prepare(self, alias):
        connection = connections[alias]
        queryset = self._build(**self._placeholders).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = []  # (index, name, the parameter's type or the string holding the value)
        for index, param in enumerate(params):
            for name, placeholder in self._placeholders.items():
                if isinstance(param, type(placeholder)) and param == placeholder:
                    # The driver's own type kept (psycopg's Int4 for an integer field).
                    slots.append((index, name, type(param)))
                elif (
                    isinstance(param, str) and isinstance(placeholder, str) and placeholder in param
                ):
                    slots.append((index, name, param))  # a string around the value
        found = {name for _index, name, _template in slots}
        if found != set(self._placeholders) or len({index for index, *_ in slots}) != len(slots):
            raise ValueError(f"Placeholders not all found apart in the parameters: {found}")
        prepared = (queryset, compiler, sql, tuple(params), slots)
        self._prepared[(alias, connection.vendor)] = prepared
        return prepared

    def _parameters(self, params, slots, values):
        params = list(params)
        for index, name, template in slots:
            value = values[name]
            if value is None or type(value) is not type(self._placeholders[name]):
                raise ValueError(f"{name}={value!r} would change the prepared SQL")
            if isinstance(template, type):
                params[index] = template(value)
            else:
                if LIKE_CHARACTERS & set(value):
                    raise ValueError(f"{name}={value!r} holds a LIKE pattern character")
                params[index] = template.replace(self._placeholders[name], value)
        return tuple(params)

    def fetch(self, model=None, **values):
        """The rows for these values, as the built queryset would give them (a list)."""
        if sorted(values) != sorted(self._placeholders):
            raise TypeError(f"Expected the values {sorted(self._placeholders)}")
        alias = router.db_for_read(model) if model is not None else "default"
        connection = connections[alias]
        prepared = self._prepared.get((alias, connection.vendor)) or self._prepare(alias)
        queryset, compiler, sql, params, slots = prepared
        params = self._parameters(params, slots, values)
        run = copy.copy(compiler)  # its select and row converters, this thread's connection
        run.connection = connection
        run.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: run
        return list(queryset)
