"""Writes to the organization tree, terms, seats and villages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.paths import prefix_q
from tcxd.core.text import fold, normalize_text

from .models import CommitteeSeat, Organization, OrganizationKind, Term, Village


def _require(actor: Any, path: str | None) -> None:
    if not can(actor, Action.MANAGE_ORGANIZATIONS, path):
        raise DomainError(
            "out_of_scope", _("This organization is outside the organizations you manage.")
        )


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    parent: Organization | None,
    kind: OrganizationKind,
    code: str,
    name: str,
    short_name: str = "",
    founded_on: dt.date | None = None,
    administrative_unit_code: str = "",
) -> Organization:
    if parent is None:
        if not getattr(actor, "is_superuser", False) and actor is not None:
            raise DomainError("out_of_scope", _("Only an administrator can add a root."))
    else:
        _require(actor, parent.path)
        if parent.is_dissolved(founded_on):
            raise DomainError(
                "organization_dissolved",
                _("%(org)s has been dissolved.") % {"org": parent.name},
            )
    code = normalize_text(code).upper()
    name = normalize_text(name)
    if Organization.objects.filter(code=code).exists():
        raise DomainError(
            "duplicate_code",
            _("The organization code %(code)s is already used.") % {"code": code},
            fields={"code": [_("This code is already used.")]},
        )
    fields = {
        "kind": kind,
        "code": code,
        "name": name,
        "short_name": normalize_text(short_name),
        "name_fold": fold(name),
        "founded_on": founded_on,
        "administrative_unit_code": administrative_unit_code,
    }
    org = (
        Organization.objects.add_child(parent, fields)
        if parent
        else Organization.objects.add_root(fields)
    )
    record(
        actor=actor,
        action="organizations.create",
        target=org,
        changes={"after": {k: v for k, v in fields.items() if k != "name_fold"}},
    )
    return org


@transaction.atomic
def organization_dissolve(
    *, actor: Any, organization: Organization, dissolved_on: dt.date
) -> Organization:
    _require(actor, organization.path)
    from tcxd.members.models import MembershipPeriod

    # Nobody may be a member anywhere below (a committee's cells), nor attend a cell below
    # on a temporary transfer, on or after the day of dissolution: move them first.
    remaining = MembershipPeriod.objects.filter(
        prefix_q("organization_path", organization.path)
        | prefix_q("host_organization_path", organization.path)
    ).filter(Q(end_on__isnull=True) | Q(end_on__gt=dissolved_on))
    if remaining.exists():
        raise DomainError(
            "has_members",
            _("Transfer the members of %(org)s before dissolving it.") % {"org": organization},
        )
    before = organization.dissolved_on
    organization.dissolved_on = dissolved_on
    clean_or_raise(organization)
    organization.save(update_fields=["dissolved_on"])
    record(
        actor=actor,
        action="organizations.dissolve",
        target=organization,
        changes={"before": {"dissolved_on": before}, "after": {"dissolved_on": dissolved_on}},
    )
    return organization


@transaction.atomic
def term_create(
    *,
    actor: Any,
    organization: Organization,
    name: str,
    start_on: dt.date,
    end_on: dt.date | None = None,
) -> Term:
    _require(actor, organization.path)
    term = Term(
        organization=organization, name=normalize_text(name), start_on=start_on, end_on=end_on
    )
    clean_or_raise(term)
    term.save()
    record(
        actor=actor,
        action="organizations.term_create",
        target=term,
        organization=organization,
        changes={"after": {"name": term.name, "start_on": start_on, "end_on": end_on}},
    )
    return term


@transaction.atomic
def seat_assign(
    *,
    actor: Any,
    term: Term,
    position: str,
    person: Any,
    start_on: dt.date,
    decision_number: str = "",
) -> CommitteeSeat:
    _require(actor, term.organization.path)
    seat = CommitteeSeat(
        term=term,
        position=position,
        person=person,
        start_on=start_on,
        decision_number=normalize_text(decision_number),
    )
    clean_or_raise(seat)
    seat.save()
    record(
        actor=actor,
        action="organizations.seat_assign",
        target=seat,
        organization=term.organization,
        changes={"after": {"position": position, "person": person.pk, "start_on": start_on}},
    )
    return seat


@transaction.atomic
def village_create(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    name: str,
    cell: Organization | None = None,
    head: Any = None,
    front_head: Any = None,
) -> Village:
    _require(actor, organization.path)
    if not organization.kind.has_villages:
        raise DomainError(
            "no_villages",
            _("%(org)s is not a commune or ward party committee.") % {"org": organization},
        )
    if cell is not None and not cell.path.startswith(organization.path):
        raise DomainError("cell_outside", _("The cell must belong to this commune or ward."))
    village = Village(
        organization=organization,
        kind=kind,
        name=normalize_text(name),
        cell=cell,
        head=head,
        front_head=front_head,
    )
    clean_or_raise(village)
    village.save()
    record(
        actor=actor,
        action="organizations.village_create",
        target=village,
        organization=organization,
        changes={
            "after": {
                "name": village.name,
                "kind": kind,
                "cell": cell.pk if cell else None,
                "head": head.pk if head else None,
                "front_head": front_head.pk if front_head else None,
            }
        },
    )
    return village
