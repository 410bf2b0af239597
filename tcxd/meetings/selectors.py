"""Reads of cell meetings: the roll of a cell at a date, the scoring sheet in force, the
expected meetings of a year (held, postponed, overdue), a committee's overview, the members
absent without reason too often. Decisions in docs/meetings.md."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tcxd.core.errors import DomainError
from tcxd.core.paths import prefix_q
from tcxd.members.choices import CURRENT_STATUSES
from tcxd.members.models import Member, MembershipPeriod
from tcxd.organizations.models import Organization
from tcxd.rules.values import rule_value

from .choices import (
    EXPECTED_GROUPS,
    REGULAR_KINDS,
    TOPICAL_KINDS,
    AutoCriterion,
    MeetingKind,
    Presence,
    RosterGroup,
    SlotKind,
    SlotState,
)
from .models import Attendance, Meeting, Postponement, ScoringSheet

RULE = "meetings"

# --- the roll --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RosterLine:
    member: Member
    group: RosterGroup
    elsewhere: Organization | None = None  # the host cell of a member away

    @property
    def expected(self) -> bool:
        return self.group in EXPECTED_GROUPS


def roster(organization: Organization, on: dt.date) -> list[RosterLine]:
    """Who is on the roll of ``organization`` on ``on``, from the registry at that date.

    Expected at the meeting: the members registered here (not away, not exempt) and the
    members on temporary transfer *to* this cell (a member on temporary transfer takes
    part in the activities of the host cell; see docs/meetings.md). Listed apart, not in the base of
    the attendance rate: members registered here on temporary transfer elsewhere, and
    exempt members (who may still come). Ordered: expected first, then by name."""
    periods = (
        MembershipPeriod.objects.filter(start_on__lte=on, status__in=CURRENT_STATUSES)
        .filter(Q(end_on__isnull=True) | Q(end_on__gt=on))
        .filter(Q(organization=organization) | Q(host_organization=organization))
        .select_related("member__person", "host_organization")
    )
    lines = []
    for p in periods:
        if p.organization_id == organization.pk and p.host_organization_id not in (
            None,
            organization.pk,
        ):
            lines.append(RosterLine(p.member, RosterGroup.AWAY, p.host_organization))
        elif p.is_exempt:
            lines.append(RosterLine(p.member, RosterGroup.EXEMPT))
        elif p.organization_id == organization.pk:
            lines.append(RosterLine(p.member, RosterGroup.REGISTERED))
        else:
            lines.append(RosterLine(p.member, RosterGroup.HOSTED))
    order = {g: n for n, g in enumerate(RosterGroup.values)}
    lines.sort(key=lambda ln: (order[ln.group], ln.member.person.name_sort_key, ln.member.pk))
    return lines


def holds_meetings(organization: Organization) -> bool:
    """Cells (organizations where members are registered) hold the meetings recorded here."""
    return bool(organization.kind.holds_members)


# --- rates -----------------------------------------------------------------------------


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def attendance_rate(meeting: Meeting) -> Decimal | None:
    """Present among the members expected (registered and hosted, not away nor exempt)."""
    return percent(meeting.present_count, meeting.expected_count)


# --- rule values -----------------------------------------------------------------------


def rule(key: str, on: dt.date) -> Any:
    return rule_value(RULE, key, on=on)


def min_duration(meeting_kind: str, on: dt.date) -> Any:
    key = (
        "min_duration_combined_minutes"
        if meeting_kind == MeetingKind.COMBINED
        else "min_duration_minutes"
    )
    return rule(key, on)


@dataclasses.dataclass(frozen=True)
class Check:
    criterion: AutoCriterion
    met: bool
    detail: str
    basis: str


def auto_checks(meeting: Meeting) -> dict[str, Check]:
    """The criteria the record answers by itself, with the rule in force on its date."""
    on = meeting.held_on
    threshold = rule("attendance_above_percent", on)
    duration = min_duration(meeting.kind, on)
    ahead = rule("documents_ahead", on)
    rate = attendance_rate(meeting)
    checks = [
        Check(
            AutoCriterion.ATTENDANCE,
            meeting.expected_count > 0
            and meeting.present_count * 100 > threshold.value * meeting.expected_count,
            _("%(present)s of %(expected)s present (%(rate)s), more than %(min)s%% needed")
            % {
                "present": meeting.present_count,
                "expected": meeting.expected_count,
                "rate": f"{rate}%" if rate is not None else "—",
                "min": threshold.value,
            },
            threshold.cite(),
        ),
        Check(
            AutoCriterion.NO_UNEXCUSED,
            meeting.unexcused_count == 0,
            _("%(n)s absent without reason") % {"n": meeting.unexcused_count},
            threshold.cite(),
        ),
        Check(
            AutoCriterion.DURATION,
            meeting.duration_minutes >= duration.value,
            _("%(n)s minutes, at least %(min)s needed")
            % {"n": meeting.duration_minutes, "min": duration.value},
            duration.cite(),
        ),
        Check(
            AutoCriterion.DOCUMENTS,
            meeting.documents_shared_on is not None
            and ahead.value.after(meeting.documents_shared_on) <= meeting.held_on,
            (
                _("shared on %(day)s, at least %(n)s before the meeting needed")
                % {"day": meeting.documents_shared_on.strftime("%d/%m/%Y"), "n": ahead.value}
                if meeting.documents_shared_on
                else _("not shared in advance")
            ),
            ahead.cite(),
        ),
        Check(
            AutoCriterion.MINUTES,
            bool(
                meeting.minutes.strip() and meeting.results.strip() and meeting.tasks_text.strip()
            ),
            _("proceedings, results and tasks written")
            if meeting.minutes.strip() and meeting.results.strip() and meeting.tasks_text.strip()
            else _("the proceedings, the results or the tasks are missing"),
            threshold.cite(),
        ),
    ]
    return {c.criterion.value: c for c in checks}


# --- scoring sheets --------------------------------------------------------------------


def sheet_in_force(organization: Organization, on: dt.date) -> ScoringSheet:
    """The sheet in force on ``on`` for ``organization``: the one of its nearest ancestor
    (or itself) that has a sheet, else the general sheet."""
    sheets = ScoringSheet.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    best = None
    for sheet in sheets:
        path = sheet.organization_path
        if path and not organization.path.startswith(path):
            continue
        key = (len(path), sheet.effective_from)
        if best is None or key > best[0]:
            best = (key, sheet)
    if best is None:
        raise DomainError(
            "sheet_not_in_force",
            _("No scoring sheet is in force on %(day)s.") % {"day": on.strftime("%d/%m/%Y")},
        )
    return best[1]


# --- lists -----------------------------------------------------------------------------


def meetings_of(organization: Organization, year: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(organization=organization, held_on__year=year).order_by(
        "-held_on", "-starts_at"
    )


# --- the expected meetings -------------------------------------------------------------


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


class CellDates(NamedTuple):
    """A cell's id, path and dates: what its slots need, without a model instance (the
    indicators' overview of a city reads ~1,200 cells)."""

    pk: int
    path: str
    founded_on: dt.date | None
    dissolved_on: dt.date | None

    def exists_on(self, on: dt.date) -> bool:
        return Organization.exists_on(self, on)  # type: ignore[arg-type]  # the same rule


class MeetingRow(NamedTuple):
    """The columns of a meeting that its slot and the overview's counts read."""

    organization_id: int
    kind: str
    held_on: dt.date
    present_count: int
    expected_count: int
    score_level: str


def _expected(org: Organization | CellDates, start: dt.date, end: dt.date) -> bool:
    """A cell owes the meetings of a month (a quarter) when it existed on every day of it:
    a cell founded on 15/6 first owes July's; a cell dissolved on 10/9 last owes August's.
    A meeting held in a part month still counts as held."""
    return org.exists_on(start) and org.exists_on(end)


@dataclasses.dataclass
class Slot:
    kind: SlotKind
    start: dt.date
    end: dt.date
    state: SlotState
    meetings: list[Any] = dataclasses.field(default_factory=list)  # Meeting (or MeetingRow)
    postponement: Postponement | None = None

    @property
    def label(self) -> str:
        if self.kind == SlotKind.REGULAR:
            return f"{self.start.month:02d}/{self.start.year}"
        return _("Quarter %(q)s/%(y)s") % {
            "q": ["I", "II", "III", "IV"][(self.start.month - 1) // 3],
            "y": self.start.year,
        }

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.start.isoformat()}"


def _state(
    expected: bool, held: bool, postponed: bool, start: dt.date, end: dt.date, today: dt.date
) -> SlotState:
    if held:
        return SlotState.HELD
    if not expected:
        return SlotState.NOT_EXPECTED
    if postponed:
        return SlotState.POSTPONED
    if today > end:
        return SlotState.OVERDUE
    if today >= start:
        return SlotState.DUE
    return SlotState.UPCOMING


def slots(
    org: Organization | CellDates,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    meetings: Iterable[Meeting | MeetingRow],
    postponements: Iterable[Postponement],
) -> list[Slot]:
    """The regular (monthly) and topical (quarterly) slots of ``org`` whose month or
    quarter lies within first..last (whole months / quarters), from its meetings and
    postponements (the caller's rows of this organization)."""
    by_month: dict[tuple[int, int], list[Meeting | MeetingRow]] = defaultdict(list)
    by_quarter: dict[tuple[int, int], list[Meeting | MeetingRow]] = defaultdict(list)
    for m in meetings:
        if m.kind in REGULAR_KINDS:
            by_month[(m.held_on.year, m.held_on.month)].append(m)
        if m.kind in TOPICAL_KINDS:
            by_quarter[(m.held_on.year, (m.held_on.month - 1) // 3)].append(m)
    post = {(p.slot, p.period_start): p for p in postponements}
    result: list[Slot] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start, end = _month_start(year, month), _month_end(year, month)
        held = by_month.get((year, month), [])
        p = post.get((SlotKind.REGULAR, start))
        state = _state(_expected(org, start, end), bool(held), p is not None, start, end, today)
        result.append(Slot(SlotKind.REGULAR, start, end, state, held, p))
        if month % 3 == 0:
            q_start = _month_start(year, month - 2)
            held_q = by_quarter.get((year, (month - 1) // 3), [])
            pq = post.get((SlotKind.TOPICAL, q_start))
            if q_start >= first:
                state = _state(
                    _expected(org, q_start, end), bool(held_q), pq is not None, q_start, end, today
                )
                result.append(Slot(SlotKind.TOPICAL, q_start, end, state, held_q, pq))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def year_schedule(org: Organization, year: int, today: dt.date) -> list[Slot]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    meetings = Meeting.objects.filter(organization=org, held_on__range=(first, last))
    posts = Postponement.objects.filter(organization=org, period_start__range=(first, last))
    return slots(org, first, last, today, meetings, posts)


# --- a committee's overview ------------------------------------------------------------


def cells_under(organization: Organization) -> QuerySet[Organization]:
    """The organizations of the subtree (itself included) that hold meetings (cells)."""
    return (
        Organization.objects.filter(prefix_q("path", organization.path), kind__holds_members=True)
        .select_related("kind")
        .order_by("path")
    )


@dataclasses.dataclass
class CellSummary:
    organization: Organization | CellDates  # CellDates when asked without names
    expected_regular: int
    held_regular: int
    overdue_regular: int
    postponed: int
    expected_topical: int
    held_topical: int
    present: int
    expected_people: int
    levels: dict[str, int]

    @property
    def attendance(self) -> Decimal | None:
        return percent(self.present, self.expected_people)

    @property
    def complete(self) -> bool:
        return self.expected_regular > 0 and self.held_regular >= self.expected_regular


def _slot_counts(
    cell: Organization | CellDates, cell_slots: list[Slot]
) -> tuple[int, int, int, int, int]:
    """Regular meetings owed, held (of those owed), overdue; postponed; topical owed."""
    regular = [s for s in cell_slots if s.kind == SlotKind.REGULAR]
    topical = [s for s in cell_slots if s.kind == SlotKind.TOPICAL]
    owed = (SlotState.HELD, SlotState.OVERDUE, SlotState.POSTPONED)
    return (
        sum(1 for s in regular if s.state in owed and _expected(cell, s.start, s.end)),
        sum(1 for s in regular if s.state == SlotState.HELD and _expected(cell, s.start, s.end)),
        sum(1 for s in regular if s.state == SlotState.OVERDUE),
        sum(1 for s in cell_slots if s.state == SlotState.POSTPONED),
        sum(1 for s in topical if s.state in owed and _expected(cell, s.start, s.end)),
    )


def overview(
    organization: Organization,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    *,
    names: bool = True,
) -> list[CellSummary]:
    """Each cell of the subtree over first..last: regular meetings owed, held, overdue,
    postponed; topical meetings owed and held; pooled attendance; scored levels. Three
    queries, whatever the number of cells. With ``names`` False the cells are
    ``CellDates`` (id, path, dates), not organizations: what the indicators need."""
    cells: list[Organization] | list[CellDates]
    if names:
        cells = list(
            cells_under(organization)
            .select_related(None)
            .only("id", "path", "depth", "name", "founded_on", "dissolved_on")
        )
    else:
        cells = [
            CellDates(*row)
            for row in cells_under(organization)
            .select_related(None)
            .values_list("id", "path", "founded_on", "dissolved_on")
        ]
    meetings: dict[int, list[MeetingRow]] = defaultdict(list)
    for row in Meeting.objects.filter(
        prefix_q("organization_path", organization.path), held_on__range=(first, last)
    ).values_list(*MeetingRow._fields):
        meetings[row[0]].append(MeetingRow(*row))
    posts: dict[int, list[Postponement]] = defaultdict(list)
    for p in Postponement.objects.filter(
        prefix_q("organization_path", organization.path), period_start__range=(first, last)
    ):
        posts[p.organization_id].append(p)
    result = []
    # A cell with no meeting and no postponement in the range has the slots of any other
    # such cell founded and dissolved on the same days: counted once per pair of dates.
    empty: dict[tuple[Any, Any], tuple[int, int, int, int, int]] = {}
    for cell in cells:
        own = meetings.get(cell.pk, [])
        cell_posts = posts.get(cell.pk, [])
        if own or cell_posts:
            counts = _slot_counts(cell, slots(cell, first, last, today, own, cell_posts))
        else:
            window = (cell.founded_on, cell.dissolved_on)
            if window not in empty:
                empty[window] = _slot_counts(cell, slots(cell, first, last, today, [], []))
            counts = empty[window]
        levels: dict[str, int] = defaultdict(int)
        for m in own:
            if m.score_level:
                levels[m.score_level] += 1
        expected_regular, held_regular, overdue_regular, postponed, expected_topical = counts
        result.append(
            CellSummary(
                organization=cell,
                expected_regular=expected_regular,
                held_regular=held_regular,
                overdue_regular=overdue_regular,
                postponed=postponed,
                expected_topical=expected_topical,
                held_topical=sum(1 for m in own if m.kind in TOPICAL_KINDS),
                present=sum(m.present_count for m in own),
                expected_people=sum(m.expected_count for m in own),
                levels=dict(levels),
            )
        )
    return result


# --- absences without reason -----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Absentee:
    member: Member
    count: int
    days: list[dt.date]


def repeat_absentees(organization: Organization, year: int) -> tuple[list[Absentee], Any]:
    """Members absent without reason from this cell's meetings at least the rule's number
    of times in ``year`` (Điều lệ Đảng, Điều 8 khoản 2: a ground to consider striking off),
    with the rule value used (in force on 31/12 of the year)."""
    limit = rule("absences_without_reason_per_year", dt.date(year, 12, 31))
    rows = (
        Attendance.objects.filter(
            meeting__organization=organization,
            presence=Presence.UNEXCUSED,
            held_on__year=year,
        )
        .values("member_id")
        .annotate(n=Count("id"))
        .filter(n__gte=limit.value)
    )
    counts = {r["member_id"]: r["n"] for r in rows}
    days: dict[int, list[dt.date]] = defaultdict(list)
    for member_id, day in (
        Attendance.objects.filter(
            meeting__organization=organization,
            presence=Presence.UNEXCUSED,
            held_on__year=year,
            member_id__in=counts,
        )
        .values_list("member_id", "held_on")
        .order_by("held_on")
    ):
        days[member_id].append(day)
    members = Member.objects.filter(pk__in=counts).select_related("person")
    result = [Absentee(m, counts[m.pk], days[m.pk]) for m in members]
    result.sort(key=lambda a: (-a.count, a.member.person.name_sort_key))
    return result, limit
