"""Writes of the staffing app. Each service takes ``actor=``, runs in one transaction,
checks the actor may change the agency, validates, and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.members.models import Person
from tcxd.members.services import person_create
from tcxd.organizations.models import Organization

from . import selectors
from .choices import (
    ARRIVALS,
    COURSE_LEVELS,
    DEPARTURES,
    AgencyKind,
    AppointmentKind,
    ChangeKind,
    RecordStatus,
)
from .models import (
    Agency,
    Appointment,
    Course,
    HeadcountDecision,
    PlanEntry,
    Position,
    Roadmap,
    RoadmapTarget,
    StaffChange,
    TrainingPlan,
    TrainingRecord,
)


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def require_change(actor: Any, path: str) -> None:
    if not can(actor, Action.CHANGE, path):
        raise DomainError("out_of_scope", _("This agency is outside the organizations you manage."))


# --- agencies and positions --------------------------------------------------------------


@transaction.atomic
def agency_create(*, actor: Any, organization: Organization, data: Mapping[str, Any]) -> Agency:
    require_change(actor, organization.path)
    agency = Agency(organization=organization, organization_path=organization.path, **data)
    clean_or_raise(agency)
    agency.save()
    record(actor=actor, action="staffing.agency_create", target=agency, changes={"after": data})
    return agency


POSITION_FIELDS = (
    "title",
    "group",
    "rank",
    "degree_required",
    "theory_required",
    "state_management_required",
    "slots",
)


@transaction.atomic
def position_save(
    *,
    actor: Any,
    agency: Agency,
    data: Mapping[str, Any],
    position: Position | None = None,
    expected_version: int | None = None,
) -> Position:
    """Add a position to the agency's catalogue, or change one. Fewer slots than people now
    holding the post are refused."""
    require_change(actor, agency.organization_path)
    before = {k: getattr(position, k) for k in POSITION_FIELDS} if position else None
    if position is None:
        position = Position(agency=agency, agency_path=agency.organization_path)
    else:
        bump_version(
            position,
            expected_version,
            _("Someone else saved this position after you opened it. Reload the page."),
        )
    for key in POSITION_FIELDS:
        if key in data:
            setattr(position, key, data[key])
    if position.pk:
        held = Appointment.objects.filter(
            selectors.held_on(dt.date.today()), position=position
        ).count()
        if position.slots < held:
            raise DomainError(
                "slots_below_held",
                _("%(n)s people hold this position now: it cannot have fewer slots.") % {"n": held},
                fields={"slots": [_("At least %(n)s.") % {"n": held}]},
            )
    clean_or_raise(position)
    position.save()
    record(
        actor=actor,
        action="staffing.position_save",
        target=position,
        changes={"before": before, "after": {k: getattr(position, k) for k in POSITION_FIELDS}},
    )
    return position


# --- headcount and staff changes --------------------------------------------------------


@transaction.atomic
def headcount_record(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    approved: int,
    contracts: int = 0,
    decision_number: str = "",
    decided_on: dt.date | None = None,
) -> HeadcountDecision:
    """The approved headcount of a year, as decided; a later decision for the same year
    replaces the earlier (both in the audit log)."""
    require_change(actor, agency.organization_path)
    errors = {}
    if approved is None or approved < 0:
        errors["approved"] = [_("The approved headcount cannot be below zero.")]
    if contracts is None or contracts < 0:
        errors["contracts"] = [_("The number of contracts cannot be below zero.")]
    if errors:
        raise DomainError(
            "headcount_negative", " ".join(m for v in errors.values() for m in v), fields=errors
        )
    if not 2000 <= year <= 2100:
        raise DomainError(
            "headcount_year",
            _("The year must be between 2000 and 2100."),
            fields={"year": [_("Between 2000 and 2100.")]},
        )
    decision = HeadcountDecision.objects.filter(agency=agency, year=year).first()
    before = None
    if decision is None:
        decision = HeadcountDecision(agency=agency, agency_path=agency.organization_path, year=year)
    else:
        before = {
            "approved": decision.approved,
            "contracts": decision.contracts,
            "decision_number": decision.decision_number,
        }
        decision.version += 1
    decision.approved, decision.contracts = approved, contracts
    decision.decision_number, decision.decided_on = decision_number, decided_on
    decision.recorded_by = _user(actor)
    clean_or_raise(decision, exclude=["agency"])
    decision.save()
    record(
        actor=actor,
        action="staffing.headcount_record",
        target=decision,
        changes={
            "before": before,
            "after": {
                "year": year,
                "approved": approved,
                "contracts": contracts,
                "decision_number": decision_number,
            },
        },
    )
    return decision


@transaction.atomic
def staff_change_record(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    occurred_on: dt.date,
    person: Person | None = None,
    new_person: Mapping[str, Any] | None = None,
    posts: int = 1,
    in_headcount: bool = True,
    decision_number: str = "",
    note: str = "",
) -> StaffChange:
    """Record one change of the agency's staff. A person leaving must be working there on
    that day; a person arriving must not be; newly approved posts name no person. A person
    leaving also leaves the posts held in the agency on that day."""
    require_change(actor, agency.organization_path)
    if kind not in ChangeKind.values:
        raise DomainError("change_kind", _("Unknown kind of change."))
    if kind == ChangeKind.NEW_POSTS:
        if person is not None or new_person:
            raise DomainError("posts_person", _("Newly approved posts name no person."))
        if posts < 1:
            raise DomainError(
                "posts_count", _("At least one post."), fields={"posts": [_("At least one post.")]}
            )
    else:
        posts = 1
        if person is None and new_person and kind in ARRIVALS:
            person = person_create(actor=actor, data=new_person, organization=agency.organization)
        if person is None:
            raise DomainError(
                "change_person",
                _("Choose the person."),
                fields={"person": [_("Choose the person.")]},
            )
        later = StaffChange.objects.filter(
            agency=agency, person=person, occurred_on__gt=occurred_on
        )
        if later.exists():
            raise DomainError(
                "change_backdated",
                _(
                    "%(name)s has a change recorded after %(day)s in this agency: record changes "
                    "in order of date."
                )
                % {"name": person.full_name, "day": _d(occurred_on)},
            )
        current = selectors.staff_on(agency, occurred_on)
        if kind in DEPARTURES:
            if person.pk not in current:
                raise DomainError(
                    "not_on_staff",
                    _("%(name)s does not work in %(agency)s on %(day)s.")
                    % {"name": person.full_name, "agency": agency.name, "day": _d(occurred_on)},
                    fields={"person": [_("Not on the staff on that day.")]},
                )
            in_headcount = current[person.pk]
        elif person.pk in current:
            raise DomainError(
                "already_on_staff",
                _("%(name)s already works in %(agency)s on %(day)s.")
                % {"name": person.full_name, "agency": agency.name, "day": _d(occurred_on)},
                fields={"person": [_("Already on the staff.")]},
            )
    change = StaffChange(
        agency=agency,
        agency_path=agency.organization_path,
        kind=kind,
        occurred_on=occurred_on,
        person=person,
        posts=posts,
        in_headcount=in_headcount,
        decision_number=decision_number,
        note=note,
        recorded_by=_user(actor),
    )
    clean_or_raise(change, exclude=["agency"])
    change.save()
    if kind in DEPARTURES and person is not None:
        for a in Appointment.objects.filter(agency=agency, person=person).filter(
            selectors.held_on(occurred_on)
        ):
            a.ends_on = occurred_on
            a.save(update_fields=["ends_on"])
    record(
        actor=actor,
        action="staffing.change_record",
        target=change,
        changes={
            "after": {
                "kind": kind,
                "occurred_on": occurred_on,
                "person": person.pk if person else None,
                "posts": posts,
                "in_headcount": in_headcount,
                "decision_number": decision_number,
            }
        },
    )
    return change


# --- the roadmap -------------------------------------------------------------------------


def _group_label(kind: str) -> str:
    return str(AgencyKind(kind).label)


@transaction.atomic
def roadmap_set(
    *,
    actor: Any,
    organization: Organization,
    cadres_target: int,
    employees_target: int,
    decision_number: str = "",
    base_year: int = 2021,
) -> Roadmap:
    """The city's reduction targets for 2022–2026, each at least the rule's share of the
    base year's approved headcount of its group (Kết luận 40-KL/TW)."""
    require_change(actor, organization.path)
    on = dt.date(base_year + 1, 1, 1)
    from tcxd.rules.values import rule_value

    end_year = rule_value("staffing_roadmap", "end_year", on=on).value
    agencies = selectors.roadmap_agencies(organization.path)
    least = selectors.minimums(base_year, agencies)
    _c, _e, citation = selectors.roadmap_rule(base_year)
    for kind, value, field in (
        (AgencyKind.CADRES, cadres_target, "cadres_target"),
        (AgencyKind.PUBLIC_EMPLOYEES, employees_target, "employees_target"),
    ):
        if value < least[kind]:
            message = _(
                "%(group)s: the target %(value)s is below the least reduction of %(least)s "
                "(%(cite)s)."
            ) % {
                "group": _group_label(kind),
                "value": value,
                "least": least[kind],
                "cite": citation,
            }
            raise DomainError("roadmap_below_minimum", message, fields={field: [message]})
    roadmap = Roadmap.objects.filter(organization=organization).first()
    before = None
    if roadmap is None:
        roadmap = Roadmap(organization=organization, organization_path=organization.path)
    else:
        before = {
            "cadres_target": roadmap.cadres_target,
            "employees_target": roadmap.employees_target,
        }
        roadmap.version += 1
    roadmap.base_year, roadmap.end_year = base_year, int(end_year)  # type: ignore[arg-type]
    roadmap.cadres_target, roadmap.employees_target = cadres_target, employees_target
    roadmap.decision_number = decision_number
    clean_or_raise(roadmap, exclude=["organization"])
    roadmap.save()
    record(
        actor=actor,
        action="staffing.roadmap_set",
        target=roadmap,
        changes={
            "before": before,
            "after": {"cadres_target": cadres_target, "employees_target": employees_target},
        },
    )
    return roadmap


@transaction.atomic
def roadmap_targets_set(
    *,
    actor: Any,
    roadmap: Roadmap,
    targets: Mapping[tuple[int, int], int],
    expected_version: int | None = None,
) -> None:
    """Replace the board's yearly targets per agency: {(agency id, year): reduction}. The
    agencies' targets of each group must add up to the city's target of the group."""
    require_change(actor, roadmap.organization_path)
    agencies = {a.pk: a for a in selectors.roadmap_agencies(roadmap.organization_path)}
    years = set(roadmap.years)
    sums: dict[str, int] = defaultdict(int)
    for (agency_id, year), n in targets.items():
        if agency_id not in agencies or year not in years:
            raise DomainError(
                "target_unknown", _("A target names an agency or a year outside the roadmap.")
            )
        if n is None or n < 0:
            raise DomainError("target_negative", _("A reduction target cannot be below zero."))
        sums[agencies[agency_id].kind] += n
    problems = []
    for kind, city in (
        (AgencyKind.CADRES, roadmap.cadres_target),
        (AgencyKind.PUBLIC_EMPLOYEES, roadmap.employees_target),
    ):
        got = sums.get(kind, 0)
        if got != city:
            named = {"group": _group_label(kind), "got": got, "city": city, "diff": abs(city - got)}
            problems.append(
                (
                    _(
                        "%(group)s: the agencies' targets add up to %(got)s, the city's target is "
                        "%(city)s: %(diff)s short."
                    )
                    if got < city
                    else _(
                        "%(group)s: the agencies' targets add up to %(got)s, the city's target is "
                        "%(city)s: %(diff)s too many."
                    )
                )
                % named
            )
    if problems:
        raise DomainError("targets_do_not_add_up", " ".join(problems))
    bump_version(
        roadmap,
        expected_version,
        _("Someone else saved the targets after you opened them. Reload the page."),
    )
    before = {f"{t.agency_id}:{t.year}": t.reduction for t in roadmap.targets.all()}
    roadmap.targets.all().delete()
    RoadmapTarget.objects.bulk_create(
        RoadmapTarget(
            roadmap=roadmap,
            agency_id=agency_id,
            agency_path=agencies[agency_id].organization_path,
            year=year,
            reduction=n,
        )
        for (agency_id, year), n in sorted(targets.items())
        if n
    )
    record(
        actor=actor,
        action="staffing.targets_set",
        target=roadmap,
        changes={"before": before, "after": {f"{a}:{y}": n for (a, y), n in targets.items() if n}},
    )


# --- people in posts ---------------------------------------------------------------------


@transaction.atomic
def appointment_record(
    *,
    actor: Any,
    position: Position,
    person: Person,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    decision_number: str = "",
) -> Appointment:
    """Appoint a person to a position. A reappointment ends the person's term in the same
    position the day before; a rotation ends the posts the person holds elsewhere the day
    before. Refused: a duplicate appointment overlapping another of the same person in the
    same position, and a position with no free slot on that day."""
    agency = position.agency
    require_change(actor, agency.organization_path)
    if kind not in AppointmentKind.values:
        raise DomainError("appointment_kind", _("Unknown kind of appointment."))
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(
            "appointment_dates",
            _("The end (%(end)s) is before the start (%(start)s).")
            % {"end": _d(ends_on), "start": _d(starts_on)},
            fields={"ends_on": [_("Before the start.")]},
        )
    day_before = starts_on - dt.timedelta(days=1)
    open_here = Appointment.objects.filter(
        person=person, position=position, starts_on__lt=starts_on
    ).filter(selectors.held_on(starts_on))
    if kind == AppointmentKind.REAPPOINTMENT:
        open_here.update(ends_on=day_before)
    elif kind == AppointmentKind.ROTATION:
        Appointment.objects.filter(person=person, starts_on__lt=starts_on).exclude(
            position=position
        ).filter(selectors.held_on(starts_on)).update(ends_on=day_before)
    same = Appointment.objects.filter(person=person, position=position)
    overlapping = same.filter(ends_on__isnull=True) | same.filter(ends_on__gte=starts_on)
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    clash = overlapping.first()
    if clash is not None:
        raise DomainError(
            "appointment_overlap",
            _(
                "%(name)s already holds %(position)s from %(start)s%(end)s: a duplicate "
                "appointment overlapping it is refused."
            )
            % {
                "name": person.full_name,
                "position": position.title,
                "start": _d(clash.starts_on),
                "end": _(" to %(day)s") % {"day": _d(clash.ends_on)} if clash.ends_on else "",
            },
        )
    holders = list(
        Appointment.objects.filter(position=position)
        .filter(selectors.held_on(starts_on))
        .select_related("person")
    )
    if len(holders) >= position.slots:
        raise DomainError(
            "no_free_slot",
            _(
                "%(position)s has no free slot on %(day)s: its %(slots)s slot(s) are held by "
                "%(names)s."
            )
            % {
                "position": position.title,
                "day": _d(starts_on),
                "slots": position.slots,
                "names": ", ".join(h.person.full_name for h in holders),
            },
        )
    appointment = Appointment(
        person=person,
        position=position,
        agency=agency,
        agency_path=agency.organization_path,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        decision_number=decision_number,
        recorded_by=_user(actor),
    )
    clean_or_raise(appointment, exclude=["person", "position", "agency"])
    appointment.save()
    record(
        actor=actor,
        action="staffing.appointment_record",
        target=appointment,
        changes={
            "after": {
                "person": person.pk,
                "position": position.pk,
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "decision_number": decision_number,
            }
        },
    )
    return appointment


# --- training -----------------------------------------------------------------------------


@transaction.atomic
def course_create(*, actor: Any, organization: Organization, data: Mapping[str, Any]) -> Course:
    require_change(actor, organization.path)
    course = Course(organization=organization, organization_path=organization.path, **data)
    levels = dict(COURSE_LEVELS.get(course.kind, []))  # type: ignore[call-overload]
    if course.level and course.level not in levels:
        raise DomainError(
            "course_level",
            _("This level does not belong to this kind of course."),
            fields={"level": [_("Not a level of this kind.")]},
        )
    if levels and not course.level:
        raise DomainError(
            "course_level",
            _("Choose the level of the course."),
            fields={"level": [_("Choose the level.")]},
        )
    if course.ends_on and course.starts_on and course.ends_on < course.starts_on:
        raise DomainError(
            "course_dates",
            _("The course ends before it starts."),
            fields={"ends_on": [_("Before the start.")]},
        )
    clean_or_raise(course, exclude=["organization"])
    course.save()
    record(
        actor=actor, action="staffing.course_create", target=course, changes={"after": dict(data)}
    )
    return course


@transaction.atomic
def record_save(
    *,
    actor: Any,
    course: Course,
    person: Person,
    agency: Agency,
    status: str,
    completed_on: dt.date | None = None,
    certificate_number: str = "",
    expected_version: int | None = None,
) -> TrainingRecord:
    """Record that a person attends, completed (with the certificate date) or withdrew from
    a course. A completion before the course's start is refused."""
    require_change(actor, agency.organization_path)
    if status not in RecordStatus.values:
        raise DomainError("record_status", _("Unknown status."))
    if status == RecordStatus.COMPLETED:
        if completed_on is None:
            raise DomainError(
                "record_no_date",
                _("A completion needs the certificate date."),
                fields={"completed_on": [_("Required for a completion.")]},
            )
        if completed_on < course.starts_on:
            message = _(
                "The completion date %(day)s is before the start of the course (%(start)s)."
            ) % {
                "day": _d(completed_on),
                "start": _d(course.starts_on),
            }
            raise DomainError(
                "completion_before_start", message, fields={"completed_on": [message]}
            )
    else:
        completed_on, certificate_number = None, ""
    rec = TrainingRecord.objects.filter(person=person, course=course).first()
    before = None
    if rec is None:
        rec = TrainingRecord(person=person, course=course)
    else:
        before = {"status": rec.status, "completed_on": rec.completed_on}
        bump_version(
            rec,
            expected_version,
            _("Someone else saved this record after you opened it. Reload the page."),
        )
    rec.agency, rec.agency_path = agency, agency.organization_path
    rec.status, rec.completed_on, rec.certificate_number = status, completed_on, certificate_number
    rec.recorded_by = _user(actor)
    clean_or_raise(rec, exclude=["person", "course", "agency"])
    rec.save()
    record(
        actor=actor,
        action="staffing.record_save",
        target=rec,
        changes={
            "before": before,
            "after": {
                "person": person.pk,
                "course": course.pk,
                "status": status,
                "completed_on": completed_on,
            },
        },
    )
    return rec


@transaction.atomic
def plan_entry_add(
    *, actor: Any, agency: Agency, year: int, person: Person, kind: str, level: str = ""
) -> PlanEntry:
    require_change(actor, agency.organization_path)
    plan, _created = TrainingPlan.objects.get_or_create(
        agency=agency, year=year, defaults={"agency_path": agency.organization_path}
    )
    if PlanEntry.objects.filter(plan=plan, person=person, kind=kind).exists():
        raise DomainError("entry_duplicate", _("This person is already in the plan for this kind."))
    entry = PlanEntry(
        plan=plan,
        agency=agency,
        agency_path=agency.organization_path,
        person=person,
        kind=kind,
        level=level,
    )
    clean_or_raise(entry, exclude=["plan", "agency", "person"])
    entry.save()
    record(
        actor=actor,
        action="staffing.plan_entry_add",
        target=entry,
        changes={"after": {"year": year, "person": person.pk, "kind": kind, "level": level}},
    )
    return entry
