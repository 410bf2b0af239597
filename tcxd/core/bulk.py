"""Bulk writes for imports and the demo city: raw ``executemany`` on SQLite, ``COPY`` on
PostgreSQL, with primary keys reserved up front so that rows can refer to each other.

Callers validate everything first (through the same rules as single writes) and call these
inside their transaction; nothing here checks business rules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, models


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new primary keys for ``model`` that no other writer will use.

    SQLite: the caller holds the write lock (transactions start IMMEDIATE), so the keys
    after the current maximum are free. PostgreSQL: taken from the table's sequence.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        start = cursor.fetchone()[0] + 1
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        if row and row[0] is not None:
            start = max(start, row[0] + 1)
    return list(range(start, start + count))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load.

    A load builds hundreds of thousands of small objects that live until the end; the
    collector would walk all of them again and again (about a third of an import's time
    when measured). Reference counting still frees everything that is not in a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def json_default(value: Any) -> Any:
    """What ``json.dumps`` needs for dates, decimals and model instances (as their key)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _converter(field: models.Field) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, ensure_ascii=False, default=json_default)
    if isinstance(field, models.DateTimeField):
        last: list[Any] = [None, None]  # a bulk load repeats the same timestamp: adapt once

        def adapt(v: Any) -> Any:
            if v is None:
                return None
            if v is not last[0]:
                last[0], last[1] = v, connection.ops.adapt_datetimefield_value(v)
            return last[1]

        return adapt
    return lambda v: v


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert ``rows`` (tuples of Python values in ``columns`` order, by field name)."""
    fields = [model._meta.get_field(name) for name in columns]
    # Only JSON and date-time columns are converted here; plain dates go through the
    # driver's own adapter (Django registers one for SQLite), the rest pass as they are.
    special = [
        (index, _converter(f))  # type: ignore[arg-type]
        for index, f in enumerate(fields)
        if isinstance(f, models.JSONField | models.DateTimeField)
    ]
    table = model._meta.db_table
    names = ", ".join(f'"{f.column}"' for f in fields)  # type: ignore[union-attr]
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg cursor under Django's wrapper
            with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(
                        [
                            json.dumps(v, ensure_ascii=False, default=json_default)
                            if isinstance(f, models.JSONField)
                            else v
                            for f, v in zip(fields, row, strict=True)
                        ]
                    )
                    count += 1
            return count
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(fields))})'
        raw = cursor.cursor
        batch: list[Sequence[Any]] = []
        for row in rows:
            if special:
                row = list(row)
                for index, convert in special:
                    row[index] = convert(row[index])
            batch.append(row)
            if len(batch) >= 5000:
                raw.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            raw.executemany(sql, batch)
            count += len(batch)
    return count
