"""Model fields shared by every app."""

from __future__ import annotations

from typing import Any

from django.db import models


class CodePointCharField(models.CharField):
    """A CharField compared by code point on every database.

    SQLite compares text with BINARY by default; PostgreSQL uses the database collation,
    which ignores punctuation and case at the first level. Materialized paths (range scans
    ``path >= 'X' AND path < 'X~'``) and Vietnamese sort keys must compare byte by byte, so
    on PostgreSQL the column gets ``COLLATE "C"``.
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
