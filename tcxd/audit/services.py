"""``record()``: the one way to write to the audit log, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from .models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data, as ``record`` stores it (dates as ISO text, models as
    their primary key)."""
    return _plain(value)


def build_entry(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organization: Any = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """An unsaved entry (bulk writers save many at once with ``bulk_create``)."""
    if organization is None and target is not None:
        organization = _organization_of(target)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        actor=actor_obj,
        actor_name=(actor_obj.get_username() if actor_obj else "system"),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        organization=organization,
        organization_path=getattr(organization, "path", "") or "",
        changes=_plain(dict(changes or {})),
    )


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organization: Any = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Write one entry. ``action`` is dotted: ``"<app>.<verb>"``, e.g. ``"members.transfer"``.

    ``organization`` places the entry in the tree (and so in the audit log's own scope);
    when omitted, it is taken from the target (``target.audit_organization``).
    """
    entry = build_entry(
        actor=actor, action=action, target=target, organization=organization, changes=changes
    )
    entry.save()
    return entry


def record_many(entries: Iterable[AuditEntry], *, batch_size: int = 2000) -> None:
    AuditEntry.objects.bulk_create(list(entries), batch_size=batch_size)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """``{"before": {...}, "after": {...}}`` restricted to the keys that changed."""
    keys = [k for k in after if _plain(before.get(k)) != _plain(after.get(k))]
    return {
        "before": {k: _plain(before.get(k)) for k in keys},
        "after": {k: _plain(after.get(k)) for k in keys},
    }


def _organization_of(target: models.Model) -> Any:
    org = getattr(target, "audit_organization", None)
    if callable(org):
        org = org()
    return org
