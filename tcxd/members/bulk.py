"""Create many members at once (imports, the demo city), through the same history rules as
single writes (``state.derive``), written with the bulk helpers of ``core.bulk``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from tcxd.audit.models import AuditEntry
from tcxd.core.bulk import insert_rows, reserve_ids

from . import changes, rollup
from .models import Member, MembershipEvent, MembershipPeriod, Person
from .services import DERIVED_NAME_FIELDS, PERSON_FIELDS, rule_lookup, state_columns
from .state import EventIn, derive


@dataclasses.dataclass
class BulkEvent:
    event: EventIn
    decision_number: str = ""
    note: str = ""


@dataclasses.dataclass
class NewMember:
    """One membership to create: a new person (``person``) or an existing one (``person_id``)."""

    events: list[BulkEvent]
    person: dict[str, Any] | None = None
    person_id: int | None = None
    card_number: str | None = None
    audit_changes: dict[str, Any] = dataclasses.field(default_factory=dict)
    label: str = ""


REBUILD_ABOVE = 300  # organizations written to: above this, recompute the whole rollup
PERSON_COLUMNS = [*PERSON_FIELDS, *DERIVED_NAME_FIELDS]
MEMBER_COLUMNS = [
    "id",
    "person",
    "card_number",
    "status",
    "status_since",
    "organization",
    "organization_path",
    "host_organization",
    "host_organization_path",
    "is_exempt",
    "admitted_on",
    "official_on",
    "version",
]
EVENT_COLUMNS = [
    "member",
    "kind",
    "occurred_on",
    "sequence",
    "decision_number",
    "decision_on",
    "organization",
    "from_organization",
    "external_place",
    "note",
    "source",
    "recorded_at",
    "recorded_by",
]
PERIOD_COLUMNS = [
    "member",
    "status",
    "organization",
    "organization_path",
    "host_organization",
    "host_organization_path",
    "is_exempt",
    "start_on",
    "end_on",
]
AUDIT_COLUMNS = [
    "at",
    "actor",
    "actor_name",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "organization",
    "organization_path",
    "changes",
]


def members_bulk_create(
    *,
    actor: Any,
    records: Sequence[NewMember],
    source: str,
    action: str,
    tallies: bool = True,
) -> list[int]:
    """Create the memberships; the caller holds the transaction. Returns the member ids.

    The monthly tallies (``rollup``) of the organizations written to are recomputed at the
    end; a caller writing in several parts passes ``tallies=False`` and calls
    ``rollup.rebuild()`` and ``changes.rebuild()`` after the last one.

    Every record's history is derived first, so an impossible history raises
    ``HistoryError`` (with ``record_index`` set) before anything is written.
    """
    rules = functools.lru_cache(maxsize=None)(rule_lookup)
    derived = []
    for index, rec in enumerate(records):
        try:
            derived.append(derive([e.event for e in rec.events], rules))
        except Exception as exc:
            exc.record_index = index  # type: ignore[attr-defined]
            raise
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    user_id = user.pk if user else None
    actor_name = user.get_username() if user else "system"

    new_people = [r for r in records if r.person is not None]
    person_ids = iter(reserve_ids(Person, len(new_people)))
    person_rows = []
    pids: list[int] = []
    for rec in records:
        if rec.person is not None:
            pid = next(person_ids)
            person_rows.append((pid, *(rec.person.get(c, "") for c in PERSON_COLUMNS), now, now))
            pids.append(pid)
        else:
            pids.append(rec.person_id)  # type: ignore[arg-type]
    insert_rows(Person, ["id", *PERSON_COLUMNS, "created_at", "updated_at"], person_rows)

    member_ids = reserve_ids(Member, len(records))
    member_rows, event_rows, period_rows, audit_rows = [], [], [], []
    for mid, pid, rec, (state, periods) in zip(member_ids, pids, records, derived, strict=True):
        cols = state_columns(state)
        member_rows.append(
            (
                mid,
                pid,
                rec.card_number or None,
                cols["status"],
                cols["status_since"],
                cols["organization_id"],
                cols["organization_path"],
                cols["host_organization_id"],
                cols["host_organization_path"],
                cols["is_exempt"],
                cols["admitted_on"],
                cols["official_on"],
                0,
            )
        )
        last_day, seq = None, 0
        for item in rec.events:
            e = item.event
            seq = seq + 1 if e.occurred_on == last_day else 0
            last_day = e.occurred_on
            event_rows.append(
                (
                    mid,
                    e.kind,
                    e.occurred_on,
                    seq,
                    item.decision_number,
                    e.decision_on,
                    e.organization.id if e.organization else None,
                    e.from_organization.id if e.from_organization else None,
                    e.external_place,
                    item.note,
                    source,
                    now,
                    user_id,
                )
            )
        for p in periods:
            period_rows.append(
                (
                    mid,
                    p.status,
                    p.organization.id if p.organization else None,
                    p.organization.path if p.organization else "",
                    p.host.id if p.host else None,
                    p.host.path if p.host else "",
                    p.is_exempt,
                    p.start_on,
                    p.end_on,
                )
            )
        org = state.organization or state.host
        audit_rows.append(
            (
                now,
                user_id,
                actor_name,
                action,
                "members.member",
                str(mid),
                (rec.label or (rec.person or {}).get("full_name", ""))[:255],
                org.id if org else None,
                org.path if org else "",
                rec.audit_changes,
            )
        )
    insert_rows(Member, MEMBER_COLUMNS, member_rows)
    insert_rows(MembershipEvent, EVENT_COLUMNS, event_rows)
    insert_rows(MembershipPeriod, PERIOD_COLUMNS, period_rows)
    insert_rows(AuditEntry, AUDIT_COLUMNS, audit_rows)
    if tallies:
        paths = {row[3] for row in period_rows}
        if len(paths) > REBUILD_ABOVE:
            rollup.rebuild()
        elif paths:
            rollup.refresh(paths, min(row[7] for row in period_rows))
        changes.refresh(member_ids)
    return member_ids
