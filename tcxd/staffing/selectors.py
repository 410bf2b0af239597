"""Reads of the staffing app: figures per agency, the roadmap table, the gap list, plan
completion, a person's staffing page. Every read that starts from a user goes through the
scope (``tcxd.accounts.scope``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope
from tcxd.core.errors import DomainError
from tcxd.core.paths import prefix_q
from tcxd.members.models import Person
from tcxd.rules.selectors import rule_book
from tcxd.rules.values import Threshold, add_months, rule_value

from . import roadmap as arithmetic
from .choices import (
    ARRIVALS,
    DEGREE_ORDER,
    DEPARTURES,
    SIGN,
    STATE_MANAGEMENT_ORDER,
    THEORY_ORDER,
    AgencyKind,
    AppointmentKind,
    ChangeKind,
    CourseKind,
    Gap,
    RecordStatus,
    rank,
)
from .models import (
    Agency,
    Appointment,
    HeadcountDecision,
    PlanEntry,
    Roadmap,
    StaffChange,
    TrainingPlan,
    TrainingRecord,
)

# --- agencies and their headcount -------------------------------------------------------


def agencies_for(user: Any, action: str = Action.VIEW) -> QuerySet[Agency]:
    return scope(Agency.objects.select_related("organization"), user, action)


def staff_on(agency: Agency, on: dt.date) -> dict[int, bool]:
    """{person id: in the approved headcount} of the people working in ``agency`` on ``on``
    (their last recorded change there by that day is an arrival)."""
    last: dict[int, tuple[str, bool]] = {}
    rows = (
        StaffChange.objects.filter(agency=agency, occurred_on__lte=on, person__isnull=False)
        .order_by("occurred_on", "id")
        .values_list("person_id", "kind", "in_headcount")
    )
    for person_id, kind, in_headcount in rows:
        last[person_id] = (kind, in_headcount)
    return {pid: inh for pid, (kind, inh) in last.items() if kind in ARRIVALS}


def staff_people(agency: Agency, on: dt.date) -> list[tuple[Person, bool]]:
    current = staff_on(agency, on)
    people = Person.objects.filter(pk__in=current).order_by("name_sort_key", "id")
    return [(p, current[p.pk]) for p in people]


@dataclasses.dataclass
class Headcount:
    approved: int | None
    approved_contracts: int | None
    filled: int
    contracts: int

    @property
    def vacant(self) -> int | None:
        return None if self.approved is None else self.approved - self.filled


def headcounts(agencies: Sequence[Agency], year: int, on: dt.date) -> dict[int, Headcount]:
    """Approved (the year's decision) and filled (from the recorded changes up to ``on``)."""
    ids = [a.pk for a in agencies]
    decisions = {
        d.agency_id: d for d in HeadcountDecision.objects.filter(agency_id__in=ids, year=year)
    }
    filled: dict[tuple[int, bool], int] = defaultdict(int)
    rows = (
        StaffChange.objects.filter(agency_id__in=ids, occurred_on__lte=on, person__isnull=False)
        .values_list("agency_id", "kind", "in_headcount")
        .annotate(n=Sum("posts"))
    )
    for agency_id, kind, in_headcount, n in rows:
        filled[(agency_id, in_headcount)] += SIGN[kind] * n
    return {
        pk: Headcount(
            approved=decisions[pk].approved if pk in decisions else None,
            approved_contracts=decisions[pk].contracts if pk in decisions else None,
            filled=filled[(pk, True)],
            contracts=filled[(pk, False)],
        )
        for pk in ids
    }


# --- the roadmap ------------------------------------------------------------------------


def roadmaps_for(user: Any) -> QuerySet[Roadmap]:
    return scope(Roadmap.objects.select_related("organization"), user, Action.VIEW)


def roadmap_rule(base_year: int) -> tuple[Threshold, Threshold, str]:
    """The shares of the cadres' and the public employees' groups, and the citation."""
    on = dt.date(base_year + 1, 1, 1)
    cadres = rule_value("staffing_roadmap", "cadres_reduction", on=on)
    employees = rule_value("staffing_roadmap", "employees_reduction", on=on)
    assert isinstance(cadres.value, Threshold) and isinstance(employees.value, Threshold)
    return cadres.value, employees.value, cadres.cite()


def roadmap_agencies(organization_path: str) -> list[Agency]:
    agencies = Agency.objects.filter(prefix_q("organization_path", organization_path))
    return [a for a in agencies.order_by("kind", "name") if a.in_roadmap]


def bases(agencies: Sequence[Agency], base_year: int) -> dict[int, int]:
    """The approved headcount of the base year of each agency (0 without a decision)."""
    rows = HeadcountDecision.objects.filter(
        agency_id__in=[a.pk for a in agencies], year=base_year
    ).values_list("agency_id", "approved")
    found = dict(rows)
    return {a.pk: found.get(a.pk, 0) for a in agencies}


def minimums(base_year: int, agencies: Sequence[Agency]) -> dict[str, int]:
    """The least reduction of each group by the rule: its share of the group's base,
    rounded up."""
    cadres_share, employees_share, _cite = roadmap_rule(base_year)
    base = bases(agencies, base_year)
    totals = {AgencyKind.CADRES: 0, AgencyKind.PUBLIC_EMPLOYEES: 0}
    for a in agencies:
        totals[AgencyKind(a.kind)] += base[a.pk]
    return {
        AgencyKind.CADRES: cadres_share.minimum(totals[AgencyKind.CADRES])
        if totals[AgencyKind.CADRES]
        else 0,
        AgencyKind.PUBLIC_EMPLOYEES: employees_share.minimum(totals[AgencyKind.PUBLIC_EMPLOYEES])
        if totals[AgencyKind.PUBLIC_EMPLOYEES]
        else 0,
    }


def _reduction_changes(
    agency_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, list[tuple[str, int, dt.date]]]:
    rows = StaffChange.objects.filter(
        agency_id__in=list(agency_ids),
        in_headcount=True,
        occurred_on__gte=start,
        occurred_on__lte=end,
    ).values_list("agency_id", "kind", "posts", "occurred_on")
    found: dict[int, list[tuple[str, int, dt.date]]] = defaultdict(list)
    for agency_id, kind, posts, day in rows:
        found[agency_id].append((kind, posts, day))
    return found


@dataclasses.dataclass
class RoadmapRow:
    agency: Agency | None
    label: str
    kind: str
    base: int
    targets: dict[int, int]
    achieved_by_year: dict[int, int | None]
    progress: arithmetic.Progress


@dataclasses.dataclass
class RoadmapTable:
    roadmap: Roadmap
    on: dt.date
    rows: list[RoadmapRow]
    totals: list[RoadmapRow]  # one per group, with the city's target
    years: list[int]
    citation: str


def roadmap_table(
    roadmap: Roadmap, on: dt.date, *, agencies: Sequence[Agency] | None = None
) -> RoadmapTable:
    """Every agency of the roadmap with its base, yearly targets, reduction achieved each
    year (cumulative, at each year's end or on ``on``) and its progress on ``on``."""
    agencies = (
        list(agencies) if agencies is not None else roadmap_agencies(roadmap.organization_path)
    )
    years = roadmap.years
    start = arithmetic.roadmap_start(roadmap.base_year)
    base = bases(agencies, roadmap.base_year)
    targets: dict[int, dict[int, int]] = defaultdict(dict)
    for t in roadmap.targets.filter(agency__in=agencies):
        targets[t.agency_id][t.year] = t.reduction
    changes = _reduction_changes(base, start, on)
    _c, _e, citation = roadmap_rule(roadmap.base_year)

    def cumulative(rows: list[tuple[str, int, dt.date]]) -> dict[int, int | None]:
        out: dict[int, int | None] = {}
        for year in years:
            cut = min(arithmetic.roadmap_end(year), on)
            if dt.date(year, 1, 1) > on:
                out[year] = None
                continue
            out[year] = arithmetic.net_reduction((k, p) for k, p, d in rows if d <= cut)
        return out

    def make(
        agency: Agency | None,
        label: str,
        kind: str,
        b: int,
        t: dict[int, int],
        rows: list[tuple[str, int, dt.date]],
        target: int | None = None,
    ) -> RoadmapRow:
        prog = arithmetic.progress(
            base=b,
            targets={y: t.get(y, 0) for y in years},
            changes=((k, p) for k, p, _d in rows),
            base_year=roadmap.base_year,
            end_year=roadmap.end_year,
            on=on,
            target=target,
        )
        return RoadmapRow(
            agency, label, kind, b, {y: t.get(y, 0) for y in years}, cumulative(rows), prog
        )

    # An agency without a base-year decision and without targets has nothing to measure.
    result = [
        make(a, a.name, a.kind, base[a.pk], targets.get(a.pk, {}), changes.get(a.pk, []))
        for a in agencies
        if base[a.pk] or a.pk in targets
    ]
    totals = []
    for kind, label, target in (
        (AgencyKind.CADRES, _("Total, cadres and civil servants"), roadmap.cadres_target),
        (
            AgencyKind.PUBLIC_EMPLOYEES,
            _("Total, public employees paid by the budget"),
            roadmap.employees_target,
        ),
    ):
        members = [r for r in result if r.kind == kind]
        if not members:
            continue
        summed: dict[int, int] = defaultdict(int)
        rows: list[tuple[str, int, dt.date]] = []
        for r in members:
            for y, n in r.targets.items():
                summed[y] += n
            assert r.agency is not None
            rows.extend(changes.get(r.agency.pk, []))
        totals.append(make(None, label, kind, sum(r.base for r in members), summed, rows, target))
    return RoadmapTable(roadmap, on, result, totals, years, citation)


# --- the standard of the post ------------------------------------------------------------


def retirement_on(birth_on: dt.date, gender: str, *, on: dt.date) -> dt.date | None:
    """The day a person reaches the retirement age of the year it is reached (rule
    ``retirement_age`` in force on ``on``)."""
    try:
        rv = rule_value("retirement_age", "base_year", on=on)
    except DomainError:
        return None
    values = rv.rule.values
    sex = "female" if gender == "female" else "male"
    base_year = int(values["base_year"])
    for year in range(birth_on.year + 50, birth_on.year + 70):
        months = min(
            int(values[f"{sex}_base_months"])
            + int(values[f"{sex}_step_months"]) * max(year - base_year, 0),
            int(values[f"{sex}_max_months"]),
        )
        day = add_months(birth_on, months)
        if day.year <= year:
            return day
    return None


def months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def age_gap(appointment: Appointment) -> str | None:
    """Why the person was over age when appointed (the rule in force on the appointment
    date), or None."""
    person = appointment.person
    if person.birth_on is None:
        return None
    key = (
        "reappointment_remaining"
        if appointment.kind == AppointmentKind.REAPPOINTMENT
        else "first_appointment_remaining"
    )
    try:
        needed = rule_value("staffing_appointment", key, on=appointment.starts_on)
    except DomainError:
        return None
    retire = retirement_on(person.birth_on, person.gender, on=appointment.starts_on)
    if retire is None:
        return None
    left = months_between(appointment.starts_on, retire)
    if left >= needed.value.value:  # type: ignore[union-attr]
        return None
    return _("%(left)s months of work left on %(day)s, %(needed)s needed (%(cite)s)") % {
        "left": max(left, 0),
        "day": appointment.starts_on.strftime("%d/%m/%Y"),
        "needed": needed.value.value,  # type: ignore[union-attr]
        "cite": needed.cite(),
    }


@dataclasses.dataclass
class Levels:
    theory: int = 0
    state_management: int = 0
    degree: int = 0


def levels_on(people: Iterable[Person], on: dt.date) -> dict[int, Levels]:
    """Each person's levels on ``on``: the level on the personal record (held at any date)
    raised by the courses completed by that day (from the certificate date)."""
    people = list(people)
    found = {
        p.pk: Levels(
            theory=rank(THEORY_ORDER, p.theory_level),
            degree=rank(DEGREE_ORDER, p.professional_level),
        )
        for p in people
    }
    rows = TrainingRecord.objects.filter(
        person_id__in=list(found),
        status=RecordStatus.COMPLETED,
        completed_on__lte=on,
        course__kind__in=[
            CourseKind.POLITICAL_THEORY,
            CourseKind.STATE_MANAGEMENT,
            CourseKind.PROFESSIONAL,
        ],
    ).values_list("person_id", "course__kind", "course__level")
    for person_id, kind, level in rows:
        lv = found[person_id]
        if kind == CourseKind.POLITICAL_THEORY:
            lv.theory = max(lv.theory, rank(THEORY_ORDER, level))
        elif kind == CourseKind.STATE_MANAGEMENT:
            lv.state_management = max(lv.state_management, rank(STATE_MANAGEMENT_ORDER, level))
        else:
            lv.degree = max(lv.degree, rank(DEGREE_ORDER, level))
    return found


@dataclasses.dataclass
class GapRow:
    appointment: Appointment
    reasons: list[tuple[str, str]]  # (Gap value, detail)

    @property
    def person(self) -> Person:
        return self.appointment.person


def held_on(on: dt.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


@rule_book()
def gaps(appointments: QuerySet[Appointment], on: dt.date) -> list[GapRow]:
    """Who, holding a post on ``on``, does not meet its standard, and why (the rules read
    once for the whole list, not once per person)."""
    held = list(
        appointments.filter(held_on(on))
        .select_related("person", "position", "agency")
        .order_by("agency__name", "position__title", "person__name_sort_key")
    )
    levels = levels_on({a.person for a in held}, on)
    result = []
    for a in held:
        pos, lv = a.position, levels[a.person_id]
        reasons: list[tuple[str, str]] = []
        if pos.theory_required and lv.theory < rank(THEORY_ORDER, pos.theory_required):
            reasons.append((Gap.THEORY, str(pos.get_theory_required_display())))
        if pos.state_management_required and lv.state_management < rank(
            STATE_MANAGEMENT_ORDER, pos.state_management_required
        ):
            reasons.append((Gap.STATE_MANAGEMENT, str(pos.get_state_management_required_display())))
        if pos.degree_required and lv.degree < rank(DEGREE_ORDER, pos.degree_required):
            reasons.append((Gap.DEGREE, str(pos.get_degree_required_display())))
        age = age_gap(a)
        if age:
            reasons.append((Gap.AGE, age))
        if reasons:
            result.append(GapRow(a, reasons))
    return result


# --- training plans ----------------------------------------------------------------------


def _completed(
    person_ids: Iterable[int], first: dt.date, last: dt.date
) -> dict[int, list[TrainingRecord]]:
    """{person id: the courses they completed from ``first`` to ``last``} (one query)."""
    by_person: dict[int, list[TrainingRecord]] = defaultdict(list)
    for r in TrainingRecord.objects.filter(
        person_id__in=set(person_ids),
        status=RecordStatus.COMPLETED,
        completed_on__gte=first,
        completed_on__lte=last,
    ).select_related("course"):
        by_person[r.person_id].append(r)
    return by_person


def entry_done(
    entries: Sequence[PlanEntry],
    year: int,
    on: dt.date,
    *,
    completed: dict[int, list[TrainingRecord]] | None = None,
) -> dict[int, TrainingRecord | None]:
    """{entry id: the record that completes it}: a course of the entry's kind, at the
    entry's level or higher, completed in the plan's year by ``on``. ``completed`` (from
    ``_completed``, covering at least that range) saves the query."""
    first, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), on)
    if completed is None:
        completed = _completed((e.person_id for e in entries), first, end)
    orders = {
        CourseKind.POLITICAL_THEORY: THEORY_ORDER,
        CourseKind.STATE_MANAGEMENT: STATE_MANAGEMENT_ORDER,
        CourseKind.PROFESSIONAL: DEGREE_ORDER,
    }
    done: dict[int, TrainingRecord | None] = {}
    for e in entries:
        order = orders.get(e.kind)  # type: ignore[call-overload]
        done[e.pk] = next(
            (
                r
                for r in completed.get(e.person_id, [])
                if r.completed_on is not None
                and first <= r.completed_on <= end
                and r.course.kind == e.kind
                and (
                    not e.level
                    or order is None
                    or rank(order, r.course.level) >= rank(order, e.level)
                )
            ),
            None,
        )
    return done


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def plan_completion(plans: Sequence[TrainingPlan], on: dt.date) -> dict[int, tuple[int, int]]:
    """{plan id: (entries completed, entries)}: the plans' entries (prefetched or not) and
    one query for the courses completed, whatever the number of plans."""
    entries = {plan.pk: list(plan.entries.all()) for plan in plans}
    if not plans:
        return {}
    completed = _completed(
        (e.person_id for rows in entries.values() for e in rows),
        dt.date(min(p.year for p in plans), 1, 1),
        min(dt.date(max(p.year for p in plans), 12, 31), on),
    )
    result = {}
    for plan in plans:
        done = entry_done(entries[plan.pk], plan.year, on, completed=completed)
        result[plan.pk] = (sum(1 for r in done.values() if r), len(entries[plan.pk]))
    return result


# --- a person's staffing page -----------------------------------------------------------


def person_for(user: Any, pk: Any) -> Person:
    """The person if any staffing row about them is in the user's scope, else 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    for model in (StaffChange, Appointment, TrainingRecord, PlanEntry):
        if scope(model.objects.filter(person_id=pk), user, Action.VIEW).exists():
            return Person.objects.get(pk=pk)
    raise Http404


def person_agency(person: Person, on: dt.date) -> Agency | None:
    """The agency where the person works on ``on`` (last arrival not followed by a
    departure)."""
    last = (
        StaffChange.objects.filter(person=person, occurred_on__lte=on)
        .order_by("-occurred_on", "-id")
        .select_related("agency")
        .first()
    )
    if last is None or last.kind in DEPARTURES or last.kind == ChangeKind.NEW_POSTS:
        return None
    return last.agency
