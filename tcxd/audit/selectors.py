from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope

from .models import AuditEntry


def audit_entries(
    user: Any, *, action: str = "", actor: str = "", target: str = ""
) -> QuerySet[AuditEntry]:
    """The audit log as far as ``user`` may read it (its own scope), newest first."""
    qs = scope(AuditEntry.objects.all(), user, Action.AUDIT)
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    if target:
        qs = (
            qs.filter(target_type="members.member", target_id=target)
            if target.isdigit()
            else qs.filter(target_repr__icontains=target)
        )
    return qs.order_by("-at", "-id")
