"""Writes of the indicators app: targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.core.text import normalize_text
from tcxd.organizations.models import Organization

from . import registry
from .models import Target
from .periods import Period


def _require(actor: Any, organization: Organization) -> None:
    if not can(actor, Action.MANAGE_ORGANIZATIONS, organization.path):
        raise DomainError(
            "out_of_scope", _("This organization is outside the organizations you manage.")
        )


def _values(target: Target) -> dict[str, Any]:
    return {
        "indicator": target.indicator,
        "organization": target.organization_id,
        "period": target.period.key,
        "value": str(target.value),
        "source_document": target.source_document,
        "note": target.note,
    }


@transaction.atomic
def target_save(
    *,
    actor: Any,
    indicator: str,
    organization: Organization,
    period: Period,
    value: Decimal | int,
    source_document: str,
    note: str = "",
    target: Target | None = None,
    expected_version: int | None = None,
) -> Target:
    """Create a target, or change ``target`` (refused if someone saved it meanwhile)."""
    _require(actor, organization)
    try:
        registry.get(indicator)
    except KeyError:
        raise DomainError(
            "unknown_indicator", _("Unknown indicator “%(code)s”.") % {"code": indicator}
        ) from None
    if Decimal(value) < 0:
        raise DomainError(
            "negative_target",
            _("A target cannot be negative."),
            fields={"value": [_("A target cannot be negative.")]},
        )
    source = normalize_text(source_document)
    if not source:
        raise DomainError(
            "source_required",
            _("Name the document the target comes from."),
            fields={"source_document": [_("Name the document the target comes from.")]},
        )
    before: dict[str, Any] = {}
    if target is None:
        target = Target()
    else:
        if target.organization_id is not None:
            _require(actor, target.organization)
        bump_version(  # a form opened earlier: refuse if saved meanwhile
            target,
            expected_version,
            _("Someone else changed this target after you opened it. Reload and try again."),
        )
        before = _values(target)
    target.indicator = indicator
    target.organization = organization
    target.period_kind = period.kind
    target.period_start = period.start
    target.period_end = period.end
    target.value = Decimal(value)
    target.source_document = source
    target.note = normalize_text(note)
    target.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    clean_or_raise(target, exclude=["updated_by"])
    target.save()
    record(
        actor=actor,
        action="indicators.target_save",
        target=target,
        organization=organization,
        changes={"before": before, "after": _values(target)}
        if before
        else {"after": _values(target)},
    )
    return target


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    _require(actor, target.organization)
    record(
        actor=actor,
        action="indicators.target_delete",
        target=target,
        organization=target.organization,
        changes={"before": _values(target)},
    )
    target.delete()
