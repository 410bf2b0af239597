"""Optimistic locking: a save from a page opened before someone else's save is refused."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from .errors import StaleObjectError


def bump_version(obj: Any, expected_version: int | None, message: str) -> None:
    """Add one to ``obj.version`` in the database if it still is ``expected_version`` (the
    version the user's page was opened with), else raise ``StaleObjectError(message)`` and
    change nothing. ``None`` skips the check (a write that is not from a form)."""
    query = type(obj)._default_manager.filter(pk=obj.pk)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    if not query.update(version=F("version") + 1):
        raise StaleObjectError("stale", message)
    obj.version = (expected_version if expected_version is not None else obj.version) + 1
