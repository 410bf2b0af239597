"""Derive a membership's current state and its periods from its events (pure functions).

Events are applied in date order (same-day events in the order they were recorded). Each
step checks that the history stays possible; the first impossible step raises
:class:`HistoryError` naming the event. Services call :func:`derive` with the stored events
plus the new one, so a back-dated event that contradicts later ones is refused too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tcxd.core.errors import DomainError

from .choices import ENDING_EVENTS, READMISSIBLE_STATUSES, EventKind, MemberStatus

RuleLookup = Callable[[str, dt.date], dict[str, Any] | None]


def _no_rules(code: str, on: dt.date) -> dict[str, Any] | None:
    return None


@dataclasses.dataclass(frozen=True)
class OrgRef:
    """What the derivation needs to know of an organization."""

    id: int
    path: str
    name: str
    holds_members: bool = True
    founded_on: dt.date | None = None
    dissolved_on: dt.date | None = None

    @classmethod
    def of(cls, org: Any) -> OrgRef | None:
        if org is None:
            return None
        return cls(
            id=org.pk,
            path=org.path,
            name=org.name,
            holds_members=org.kind.holds_members,
            founded_on=org.founded_on,
            dissolved_on=org.dissolved_on,
        )


@dataclasses.dataclass(frozen=True)
class EventIn:
    kind: str
    occurred_on: dt.date
    decision_on: dt.date | None = None
    organization: OrgRef | None = None
    from_organization: OrgRef | None = None
    external_place: str = ""
    check_founding: bool = True


@dataclasses.dataclass
class State:
    status: str | None = None
    status_since: dt.date | None = None
    standing: str | None = None  # probationary / official, kept while transferred away
    organization: OrgRef | None = None
    host: OrgRef | None = None
    temporarily_away: bool = False
    is_exempt: bool = False
    admitted_on: dt.date | None = None
    official_on: dt.date | None = None
    readmissions: int = 0
    ended_on: dt.date | None = None
    gap_days: int = 0

    @property
    def is_current(self) -> bool:
        return self.status in (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)

    def copy(self) -> State:
        """A shallow copy (faster than ``dataclasses.replace``; bulk loads derive a lot)."""
        clone = State.__new__(State)
        clone.__dict__.update(self.__dict__)
        return clone


@dataclasses.dataclass(frozen=True)
class Period:
    status: str
    organization: OrgRef | None
    host: OrgRef | None
    is_exempt: bool
    start_on: dt.date
    end_on: dt.date | None


class HistoryError(DomainError):
    """The events would make an impossible history."""

    def __init__(self, code: str, message: str, *, index: int) -> None:
        super().__init__(code, message)
        self.index = index


def _d(value: dt.date) -> str:
    return date_format(value, "d/m/Y")


def _check_target(event: EventIn, org: OrgRef | None, index: int, *, required: bool) -> None:
    if org is None:
        if required and not event.external_place:
            raise HistoryError("organization_required", _("Choose the organization."), index=index)
        return
    if not org.holds_members:
        raise HistoryError(
            "organization_holds_no_members",
            _("%(org)s is not a cell: members are registered in cells.") % {"org": org.name},
            index=index,
        )
    if org.dissolved_on and event.occurred_on >= org.dissolved_on:
        raise HistoryError(
            "organization_dissolved",
            _("%(org)s was dissolved on %(date)s.")
            % {"org": org.name, "date": _d(org.dissolved_on)},
            index=index,
        )
    if event.check_founding and org.founded_on and event.occurred_on < org.founded_on:
        raise HistoryError(
            "organization_not_founded",
            _("%(org)s was only founded on %(date)s.")
            % {"org": org.name, "date": _d(org.founded_on)},
            index=index,
        )


def months_between(start: dt.date, end: dt.date) -> int:
    """Full months from ``start`` to ``end`` (a birthday-style count: 15/01 → 14/02 is 0)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def apply(state: State, event: EventIn, index: int, rules: RuleLookup = _no_rules) -> State:
    """The state after ``event``; raises HistoryError if the event cannot happen now."""
    s = state.copy()
    kind = event.kind
    on = event.occurred_on

    if s.status == MemberStatus.DIED:
        raise HistoryError(
            "after_death",
            _("No event can follow the death of the member (%(date)s).")
            % {"date": _d(s.status_since)},  # type: ignore[arg-type]
            index=index,
        )
    if s.status is None and kind != EventKind.ADMITTED:
        if kind == EventKind.RECOGNISED_OFFICIAL:
            raise HistoryError(
                "official_before_admitted",
                _("A member cannot be recognised as official before being admitted."),
                index=index,
            )
        raise HistoryError(
            "not_admitted", _("The history must begin with the admission."), index=index
        )

    def require_current() -> None:
        if not s.is_current:
            raise HistoryError(
                "not_a_member",
                _("On %(date)s this person is not a party member (%(status)s).")
                % {"date": _d(on), "status": MemberStatus(s.status).label if s.status else "—"},
                index=index,
            )

    if kind == EventKind.ADMITTED:
        if s.is_current:
            raise HistoryError(
                "already_member",
                _("This person is already a party member: a member cannot be admitted again."),
                index=index,
            )
        if s.status is not None:
            raise HistoryError(
                "use_readmission",
                _("This person was a member before: record a readmission instead."),
                index=index,
            )
        _check_target(event, event.organization, index, required=False)
        s.status = s.standing = MemberStatus.PROBATIONARY
        s.admitted_on = event.decision_on or on
        s.organization = event.organization
    elif kind == EventKind.READMITTED:
        if s.is_current:
            raise HistoryError(
                "already_member",
                _("This person is already a party member: a member cannot be admitted again."),
                index=index,
            )
        if s.status not in READMISSIBLE_STATUSES:
            raise HistoryError(
                "not_readmissible",
                _("Only a person who was expelled, struck off or left can be readmitted."),
                index=index,
            )
        rule = rules("readmission", on)
        if rule is not None:
            if s.readmissions >= int(rule["max_readmissions"]):
                raise HistoryError(
                    "readmission_limit",
                    _("A person can be readmitted only %(n)s time(s) (%(basis)s).")
                    % {"n": rule["max_readmissions"], "basis": rule["legal_basis"]},
                    index=index,
                )
            months = months_between(s.ended_on, on)  # type: ignore[arg-type]
            if months < int(rule["min_months_since_leaving"]):
                raise HistoryError(
                    "readmission_too_soon",
                    _(
                        "Readmission needs at least %(n)s months since leaving the Party "
                        "(%(basis)s); only %(months)s have passed."
                    )
                    % {
                        "n": rule["min_months_since_leaving"],
                        "basis": rule["legal_basis"],
                        "months": months,
                    },
                    index=index,
                )
        _check_target(event, event.organization, index, required=True)
        s.gap_days += (on - s.ended_on).days  # type: ignore[operator]
        s.readmissions += 1
        s.status = s.standing = MemberStatus.PROBATIONARY
        s.official_on = None
        s.organization = event.organization
        s.host, s.temporarily_away, s.is_exempt, s.ended_on = None, False, False, None
    elif kind == EventKind.RECOGNISED_OFFICIAL:
        if s.status != MemberStatus.PROBATIONARY:
            raise HistoryError(
                "not_probationary",
                _("Only a probationary member can be recognised as official."),
                index=index,
            )
        if on <= s.status_since:  # type: ignore[operator]
            raise HistoryError(
                "official_before_admitted",
                _("Recognition as official (%(date)s) must come after the admission (%(since)s).")
                % {"date": _d(on), "since": _d(s.status_since)},  # type: ignore[arg-type]
                index=index,
            )
        s.status = s.standing = MemberStatus.OFFICIAL
        s.official_on = on
    elif kind == EventKind.TRANSFER:
        returning = s.status == MemberStatus.TRANSFERRED_AWAY
        if not returning:
            require_current()
        target = event.organization
        _check_target(event, target, index, required=True)
        if (
            not returning
            and target is not None
            and s.organization is not None
            and target.id == s.organization.id
        ):
            raise HistoryError(
                "same_organization",
                _("The member is already registered in %(org)s.") % {"org": target.name},
                index=index,
            )
        if returning and target is None:
            raise HistoryError(
                "not_a_member",
                _("This member has already transferred away."),
                index=index,
            )
        # A member who transfers away keeps the last organization, so that the history stays
        # visible where it was kept; the status alone says he or she has left.
        if target is not None:
            s.organization = target
        s.host, s.temporarily_away = None, False
        s.status = s.standing if target is not None else MemberStatus.TRANSFERRED_AWAY
    elif kind == EventKind.TEMPORARY_TRANSFER:
        require_current()
        if s.temporarily_away:
            raise HistoryError(
                "already_away",
                _("The member is already on a temporary transfer."),
                index=index,
            )
        _check_target(event, event.organization, index, required=True)
        if (
            event.organization is not None
            and s.organization is not None
            and (event.organization.id == s.organization.id)
        ):
            raise HistoryError(
                "same_organization",
                _("The member is already registered in %(org)s.")
                % {"org": event.organization.name},
                index=index,
            )
        s.host, s.temporarily_away = event.organization, True
    elif kind == EventKind.TEMPORARY_RETURN:
        require_current()
        if not s.temporarily_away:
            raise HistoryError(
                "not_away", _("The member is not on a temporary transfer."), index=index
            )
        s.host, s.temporarily_away = None, False
    elif kind == EventKind.EXEMPTED:
        require_current()
        if s.is_exempt:
            raise HistoryError("already_exempt", _("The member is already exempted."), index=index)
        s.is_exempt = True
    elif kind == EventKind.EXEMPTION_ENDED:
        require_current()
        if not s.is_exempt:
            raise HistoryError("not_exempt", _("The member is not exempted."), index=index)
        s.is_exempt = False
    elif kind in ENDING_EVENTS:
        require_current()
        if kind == EventKind.EXPELLED and s.status != MemberStatus.OFFICIAL:
            raise HistoryError(
                "expel_probationary",
                _(
                    "A probationary member cannot be expelled; a member not qualified at the "
                    "end of probation is struck off."
                ),
                index=index,
            )
        s.status = ENDING_EVENTS[EventKind(kind)]
        s.ended_on = on
        s.host, s.temporarily_away, s.is_exempt = None, False, False
    else:
        raise HistoryError("unknown_event", _("Unknown kind of event."), index=index)

    if s.status != state.status:
        s.status_since = on
    return s


def sort_key(event: EventIn, index: int) -> tuple[dt.date, int]:
    return (event.occurred_on, index)


def derive(events: Sequence[EventIn], rules: RuleLookup = _no_rules) -> tuple[State, list[Period]]:
    """Apply the events (already in order) and return the final state and the periods."""
    state = State()
    periods: list[Period] = []
    open_period: Period | None = None
    for index, event in enumerate(events):
        if index and event.occurred_on < events[index - 1].occurred_on:
            raise ValueError("events must be sorted by date")
        state = apply(state, event, index, rules)
        current = (
            Period(
                status=state.status,  # type: ignore[arg-type]
                organization=state.organization,
                host=state.host,
                is_exempt=state.is_exempt,
                start_on=event.occurred_on,
                end_on=None,
            )
            if state.is_current
            else None
        )
        if open_period is not None and current is not None and _same(open_period, current):
            continue
        if open_period is not None and event.occurred_on > open_period.start_on:
            periods.append(dataclasses.replace(open_period, end_on=event.occurred_on))
        open_period = current
    if open_period is not None:
        periods.append(open_period)
    return state, periods


def _same(a: Period, b: Period) -> bool:
    return (a.status, a.organization, a.host, a.is_exempt) == (
        b.status,
        b.organization,
        b.host,
        b.is_exempt,
    )


# --- Party age and badges -------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def party_age(state: State, on: dt.date) -> tuple[int, int] | None:
    """(years, months) of party age on ``on``: from the first admission decision, minus the
    time out of the Party (Điều lệ Đảng Điều 5.4; Quy định 294-QĐ/TW điểm 4.5).

    None before admission. For a former member the count stops at the day the membership
    ended.
    """
    if state.admitted_on is None or on < state.admitted_on:
        return None
    end = on
    if state.ended_on is not None and state.ended_on < on:
        end = state.ended_on
    start = state.admitted_on + dt.timedelta(days=state.gap_days)
    if end < start:
        return (0, 0)
    months = months_between(start, end)
    return divmod(months, 12)


def next_badge(state: State, levels: Sequence[int], today: dt.date) -> tuple[int, int] | None:
    """(level in years, year) of the next Party badge: the smallest level whose party-age
    anniversary falls in the current year or later. None for former members."""
    if state.admitted_on is None or not state.is_current:
        return None
    start = state.admitted_on + dt.timedelta(days=state.gap_days)
    for level in sorted(levels):
        reached = add_years(start, level)
        if reached.year >= today.year:
            return level, reached.year
    return None
