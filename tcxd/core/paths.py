"""Materialized paths: a subtree is one index range on the path column.

Paths use the alphabet 0-9A-Z (django-treebeard's default), so every path that starts
with ``P`` lies in the half-open range ``[P, P + "~")`` under code-point comparison
("~" sorts after every character of the alphabet). The range uses an ordinary B-tree
index on SQLite and on PostgreSQL (where path columns use ``COLLATE "C"``), unlike
``LIKE 'P%'``, which SQLite only indexes under ``case_sensitive_like``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

PATH_END = "~"


def prefix_q(field: str, prefix: str) -> Q:
    """Rows whose ``field`` starts with ``prefix`` (the subtree rooted at that path)."""
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + PATH_END})


def any_prefix_q(fields: Iterable[str], prefixes: Iterable[str]) -> Q:
    """Rows where any of ``fields`` lies under any of ``prefixes``; nothing when empty."""
    q = Q(pk__in=[])
    for prefix in prefixes:
        for field in fields:
            q |= prefix_q(field, prefix)
    return q


def minimal_prefixes(paths: Iterable[str]) -> list[str]:
    """Drop every path that lies under another one in the set."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if result and path.startswith(result[-1]):
            continue
        result.append(path)
    return result


def is_under(path: str, prefixes: Iterable[str]) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)
