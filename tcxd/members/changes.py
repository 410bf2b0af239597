"""The membership changes (``MemberChange``): one row per member and day on which a flow
event happened (admitted, readmitted, transferred, recognised official, died, expelled,
struck off, left), with the period ending that day and the period starting that day.

The indicators count the entries and exits of a period from these rows: one range scan on
the day instead of joining every event of the period to the member's periods on both
sides (four correlated lookups per event). The rows are derived, like the periods:

- ``refresh(member_ids)``: the services that rewrite a member's periods recompute that
  member's rows inside the same transaction (two small queries);
- ``rebuild()``: bulk loads (imports, the demo) recompute everything at the end, in chunks
  of members.

``compute`` is the single definition; ``tcxd.indicators.membership.scan_only()`` still
reads the events joined to the periods, and the tests compare the two.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from tcxd.core.bulk import insert_rows

from .choices import EventKind
from .models import MemberChange, MembershipEvent, MembershipPeriod

FLOW_KINDS = sorted(
    {
        EventKind.ADMITTED,
        EventKind.READMITTED,
        EventKind.TRANSFER,
        EventKind.RECOGNISED_OFFICIAL,
        EventKind.DIED,
        EventKind.EXPELLED,
        EventKind.STRUCK_OFF,
        EventKind.LEFT,
    }
)
COLUMNS = (
    "member",
    "on",
    "month",
    "kinds",
    "before_path",
    "before_status",
    "after_path",
    "after_status",
)
CHUNK = 20_000  # members per chunk of a rebuild

Row = tuple[int, dt.date, dt.date, str, str | None, str | None, str | None, str | None]


def compute(
    member_id: int,
    events: Iterable[tuple[dt.date, str]],
    periods: Iterable[tuple[dt.date, dt.date | None, str, str]],
) -> list[Row]:
    """The rows of one member: ``events`` are (day, kind) of any kind, ``periods`` are
    (start, end, organization path, status). A member's periods never overlap and are
    never empty, so at most one ends and one starts on a given day."""
    kinds_on: dict[dt.date, set[str]] = defaultdict(set)
    for on, kind in events:
        if kind in FLOW_KINDS:
            kinds_on[on].add(kind)
    if not kinds_on:
        return []
    ending: dict[dt.date, tuple[str, str]] = {}
    starting: dict[dt.date, tuple[str, str]] = {}
    for start, end, path, status in periods:
        starting[start] = (path, status)
        if end is not None:
            ending[end] = (path, status)
    rows: list[Row] = []
    for on in sorted(kinds_on):
        before = ending.get(on, (None, None))
        after = starting.get(on, (None, None))
        kinds = ",".join(sorted(kinds_on[on]))
        rows.append((member_id, on, on.replace(day=1), kinds, *before, *after))
    return rows


def _rows_for(members: Q) -> list[Row]:
    events = MembershipEvent.objects.filter(members, kind__in=FLOW_KINDS)
    periods = MembershipPeriod.objects.filter(members)
    events_of: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for member_id, on, kind in events.values_list("member_id", "occurred_on", "kind"):
        events_of[member_id].append((on, kind))
    periods_of: dict[int, list[Any]] = defaultdict(list)
    for member_id, *rest in periods.values_list(
        "member_id", "start_on", "end_on", "organization_path", "status"
    ):
        periods_of[member_id].append(rest)
    rows: list[Row] = []
    for member_id, member_events in events_of.items():
        rows += compute(member_id, member_events, periods_of[member_id])
    return rows


def refresh(member_ids: Iterable[int]) -> None:
    """Recompute the rows of these members (the caller holds the transaction)."""
    ids = sorted(set(member_ids))
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        MemberChange.objects.filter(member_id__in=chunk).delete()
        insert_rows(MemberChange, COLUMNS, _rows_for(Q(member_id__in=chunk)))


def rebuild() -> None:
    """Recompute every row (bulk loads), a chunk of members at a time."""
    from .models import Member

    MemberChange.objects.all().delete()
    ids = list(Member.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        members = Q(member_id__gte=chunk[0], member_id__lte=chunk[-1])
        insert_rows(MemberChange, COLUMNS, _rows_for(members))
