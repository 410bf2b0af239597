"""Writes of cell meetings. Every function: keyword-only, ``actor=``, one transaction,
validation, and its audit entry in the same transaction.

Who may do what (tcxd/accounts/choices.py): record, edit and score a meeting, record a
postponement: ``Action.CHANGE`` at the cell; upload a document template: the board's staff
(``Action.REVIEW`` over the whole tree).

:func:`resolution_tasks` is the hook the directives task tracker reads the tasks of a
meeting's resolution through (it does not import the models).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, scope_prefixes
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.core.text import normalize_text
from tcxd.organizations.models import Organization

from . import selectors
from .choices import EXPECTED_GROUPS, MeetingKind, Presence, RosterGroup, SlotKind, TemplateKind
from .models import Attendance, Meeting, MeetingTemplate, Postponement, ResolutionTask

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
TEXT_FIELDS = (
    "place",
    "topic",
    "upper_attendee",
    "agenda",
    "documents",
    "minutes",
    "results",
    "tasks_text",
    "assignment",
    "self_assessment",
)


def paragraphs(value: str) -> str:
    """Multi-line text: each line NFC-normalised with single spaces, blank lines dropped."""
    lines = (normalize_text(line) for line in (value or "").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclasses.dataclass(frozen=True)
class Mark:
    """A member's line of the roll call."""

    presence: str = ""  # Presence value, or "" (a member away; an exempt member not come)
    reason: str = ""
    dues_paid: bool = False


@dataclasses.dataclass(frozen=True)
class TaskInput:
    description: str
    assignee: str = ""
    due_on: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class TaskData:
    """A resolution task as the directives task tracker reads it."""

    meeting_id: int
    organization_id: int
    organization_path: str
    set_on: dt.date
    description: str
    assignee: str
    due_on: dt.date | None
    source: str  # "Nghị quyết chi bộ tháng 6/2026"


def resolution_tasks(meeting: Meeting) -> list[TaskData]:
    """The tasks of ``meeting``'s resolution (what, who, by when), for the directives task
    tracker: it calls this function and never reads this app's tables."""
    source = _("Resolution of the meeting of %(day)s, %(org)s") % {
        "day": _d(meeting.held_on),
        "org": meeting.organization.name,
    }
    return [
        TaskData(
            meeting_id=meeting.pk,
            organization_id=meeting.organization_id,
            organization_path=meeting.organization_path,
            set_on=meeting.held_on,
            description=t.description,
            assignee=t.assignee,
            due_on=t.due_on,
            source=source,
        )
        for t in meeting.tasks.all()
    ]


def _require_change(actor: Any, organization: Organization) -> None:
    if not can(actor, Action.CHANGE, organization.path):
        raise DomainError(
            "out_of_scope",
            _("You may not record meetings of %(org)s.") % {"org": organization.name},
        )


def latest_allowed_day(today: dt.date) -> dt.date:
    """The latest date a meeting may carry: the end of next month (the next regular
    meeting may be prepared ahead; none beyond it)."""
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return selectors._month_end(year, month)


def _field_error(code: str, field: str, message: str) -> DomainError:
    return DomainError(code, message, fields={field: [message]})


def _validate(
    organization: Organization,
    values: Mapping[str, Any],
    lines: list[selectors.RosterLine],
    marks: Mapping[int, Mark],
    today: dt.date,
) -> None:
    held_on: dt.date = values["held_on"]
    if not selectors.holds_meetings(organization):
        raise DomainError(
            "not_a_cell",
            _("%(org)s is not a cell: the meetings recorded here are cell meetings.")
            % {"org": organization.name},
        )
    if not organization.exists_on(held_on):
        raise _field_error(
            "organization_not_existing",
            "held_on",
            _("%(org)s did not exist on %(day)s.") % {"org": organization.name, "day": _d(held_on)},
        )
    latest = latest_allowed_day(today)
    if held_on > latest:
        raise _field_error(
            "meeting_too_far",
            "held_on",
            _(
                "%(day)s is beyond the next meeting: a meeting may be prepared ahead until "
                "%(latest)s at the latest."
            )
            % {"day": _d(held_on), "latest": _d(latest)},
        )
    if values["kind"] not in MeetingKind.values:
        raise _field_error("meeting_kind", "kind", _("Choose the kind of meeting."))
    if values["ends_at"] <= values["starts_at"]:
        raise _field_error(
            "meeting_end_before_start",
            "ends_at",
            _("The meeting ends at %(end)s, not after it starts (%(start)s).")
            % {
                "end": values["ends_at"].strftime("%H:%M"),
                "start": values["starts_at"].strftime("%H:%M"),
            },
        )
    shared = values.get("documents_shared_on")
    if shared and shared > held_on:
        raise _field_error(
            "documents_after_meeting",
            "documents_shared_on",
            _(
                "Documents shared on %(shared)s, after the meeting (%(day)s), were not "
                "shared in advance."
            )
            % {"shared": _d(shared), "day": _d(held_on)},
        )
    on_roll = {ln.member.pk: ln for ln in lines}
    for member_id, mark in marks.items():
        line = on_roll.get(member_id)
        if line is None:
            from tcxd.members.models import Member

            member = Member.objects.select_related("person").filter(pk=member_id).first()
            name = member.person.full_name if member else f"#{member_id}"
            raise DomainError(
                "attendance_not_member",
                _("%(name)s was not a member of %(org)s on %(day)s: no attendance can be recorded.")
                % {"name": name, "org": organization.name, "day": _d(held_on)},
            )
        name = line.member.person.full_name
        if mark.presence and mark.presence not in Presence.values:
            raise DomainError(
                "attendance_presence", _("Unknown attendance mark for %(name)s.") % {"name": name}
            )
        if line.group == RosterGroup.AWAY and mark.presence:
            raise DomainError(
                "attendance_away",
                _(
                    "%(name)s is on temporary transfer to %(host)s on %(day)s: attendance "
                    "is recorded there."
                )
                % {"name": name, "host": line.elsewhere, "day": _d(held_on)},
            )
        if line.group == RosterGroup.EXEMPT and mark.presence not in ("", Presence.PRESENT):
            raise DomainError(
                "attendance_exempt",
                _(
                    "%(name)s is exempt from activities: mark him or her present or leave "
                    "the line blank."
                )
                % {"name": name},
            )
        if mark.presence == Presence.EXCUSED and not normalize_text(mark.reason):
            raise DomainError(
                "attendance_reason",
                _("Give the reason why %(name)s was absent.") % {"name": name},
            )
    for line in lines:
        if line.expected and not marks.get(line.member.pk, Mark()).presence:
            raise DomainError(
                "attendance_missing",
                _("Mark %(name)s present or absent.") % {"name": line.member.person.full_name},
            )
    for field in ("chair", "secretary"):
        member = values.get(field)
        if member is not None and member.pk not in on_roll:
            raise _field_error(
                f"{field}_not_member",
                field,
                _("%(name)s was not on the roll of %(org)s on %(day)s.")
                % {"name": member.person.full_name, "org": organization.name, "day": _d(held_on)},
            )


def _tasks(tasks: Sequence[TaskInput], held_on: dt.date) -> list[TaskInput]:
    result = []
    for t in tasks:
        description = normalize_text(t.description)
        if not description:
            continue
        if t.due_on and t.due_on < held_on:
            raise DomainError(
                "task_due_before_meeting",
                _("The deadline of “%(task)s” (%(due)s) is before the meeting.")
                % {"task": description, "due": _d(t.due_on)},
            )
        result.append(TaskInput(description[:500], normalize_text(t.assignee)[:255], t.due_on))
    return result


@transaction.atomic
def meeting_save(
    *,
    actor: Any,
    organization: Organization,
    values: Mapping[str, Any],
    marks: Mapping[int, Mark],
    tasks: Sequence[TaskInput] = (),
    meeting: Meeting | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Meeting:
    """Record a meeting (``meeting`` None) or change one, with its whole roll call and
    resolution tasks. ``values``: kind, held_on, starts_at, ends_at, place, topic, chair,
    secretary, upper_attendee, agenda, documents, documents_shared_on, minutes,
    speakers_count, results, tasks_text, assignment, self_assessment.

    The roll is the cell's at the meeting's date (``selectors.roster``); every member
    expected must be marked; a person not on it is refused."""
    today = today or timezone.localdate()
    if meeting is not None:
        organization = meeting.organization
    _require_change(actor, organization)
    lines = selectors.roster(organization, values["held_on"])
    _validate(organization, values, lines, marks, today)
    clean_tasks = _tasks(tasks, values["held_on"])
    creating = meeting is None
    if meeting is None:
        meeting = Meeting(
            organization=organization, organization_path=organization.path, recorded_by=actor
        )
    else:
        bump_version(
            meeting,
            expected_version,
            _(
                "Someone else saved this meeting after you opened it. Nothing was changed: "
                "reload the page to see their changes, then try again."
            ),
        )
    for key in (
        "kind",
        "held_on",
        "starts_at",
        "ends_at",
        "documents_shared_on",
        "chair",
        "secretary",
    ):
        setattr(meeting, key, values.get(key))
    for key in TEXT_FIELDS:
        raw = values.get(key, "") or ""
        setattr(
            meeting,
            key,
            paragraphs(raw)
            if key not in ("place", "topic", "upper_attendee")
            else normalize_text(raw),
        )
    meeting.speakers_count = int(values.get("speakers_count") or 0)
    counts = {p: 0 for p in Presence.values}
    expected = 0
    rows = []
    for line in lines:
        mark = marks.get(line.member.pk, Mark())
        if line.expected:
            expected += 1
            counts[mark.presence] += 1
        rows.append(
            Attendance(
                member=line.member,
                group=line.group,
                presence=mark.presence,
                reason=normalize_text(mark.reason)[:255]
                if mark.presence != Presence.PRESENT
                else "",
                dues_paid=bool(mark.dues_paid) and line.group != RosterGroup.AWAY,
                held_on=values["held_on"],
                organization_path=organization.path,
            )
        )
    meeting.expected_count = expected
    meeting.present_count = counts[Presence.PRESENT]
    meeting.excused_count = counts[Presence.EXCUSED]
    meeting.unexcused_count = counts[Presence.UNEXCUSED]
    clean_or_raise(meeting, exclude=["recorded_by", "organization"])
    meeting.save()
    meeting.attendance.all().delete()
    for row in rows:
        row.meeting = meeting
    Attendance.objects.bulk_create(rows)
    meeting.tasks.all().delete()
    ResolutionTask.objects.bulk_create(
        ResolutionTask(
            meeting=meeting,
            position=n,
            description=t.description,
            assignee=t.assignee,
            due_on=t.due_on,
        )
        for n, t in enumerate(clean_tasks)
    )
    record(
        actor=actor,
        action="meetings.create" if creating else "meetings.change",
        target=meeting,
        changes={
            "kind": meeting.kind,
            "held_on": meeting.held_on,
            "expected": expected,
            "present": meeting.present_count,
            "excused": meeting.excused_count,
            "unexcused": meeting.unexcused_count,
            "tasks": len(clean_tasks),
        },
    )
    return meeting


def prefilled_points(meeting: Meeting) -> dict[str, int]:
    """Points to start the score with: an automatic criterion's maximum when the record
    meets it, 0 when not; an existing score's own points."""
    sheet = meeting.scoring_sheet or selectors.sheet_in_force(meeting.organization, meeting.held_on)
    if meeting.score_points and meeting.scoring_sheet_id == sheet.pk:
        return {k: int(v) for k, v in meeting.score_points.items()}
    checks = selectors.auto_checks(meeting)
    points = {}
    for item in sheet.items:
        auto = item.get("auto")
        if auto:
            points[item["code"]] = item["max"] if checks[auto].met else 0
    return points


@transaction.atomic
def meeting_score(
    *,
    actor: Any,
    meeting: Meeting,
    points: Mapping[str, int | None],
    expected_version: int | None,
    today: dt.date | None = None,
) -> Meeting:
    """Score ``meeting`` with the sheet in force on its date for its organization: a whole
    number from 0 to the item's maximum for every item; the total and its level are kept
    with the sheet used."""
    _require_change(actor, meeting.organization)
    today = today or timezone.localdate()
    if meeting.held_on > today:
        raise DomainError(
            "score_before_meeting",
            _("The meeting of %(day)s has not been held yet: it is scored at its end.")
            % {"day": _d(meeting.held_on)},
        )
    sheet = selectors.sheet_in_force(meeting.organization, meeting.held_on)
    clean: dict[str, int] = {}
    errors: dict[str, list[str]] = {}
    for item in sheet.items:
        value = points.get(item["code"])
        field = f"item_{item['code']}"
        if value is None:
            errors[field] = [_("Give the points of item %(code)s.") % item]
        elif not 0 <= value <= item["max"]:
            errors[field] = [
                _("Item %(code)s scores from 0 to %(max)s points, not %(value)s.")
                % {**item, "value": value}
            ]
        else:
            clean[item["code"]] = int(value)
    if errors:
        raise DomainError(
            "score_invalid", " ".join(m for ms in errors.values() for m in ms), fields=errors
        )
    bump_version(
        meeting,
        expected_version,
        _(
            "Someone else saved this meeting after you opened it. Nothing was changed: "
            "reload the page to see their changes, then try again."
        ),
    )
    total = sum(clean.values())
    level = sheet.level_of(total)
    meeting.scoring_sheet = sheet
    meeting.score_points = clean
    meeting.score_total = total
    meeting.score_level = level["code"]
    meeting.score_level_name = level["name"]
    meeting.scored_at = timezone.now()
    meeting.scored_by = actor
    meeting.save(
        update_fields=[
            "scoring_sheet",
            "score_points",
            "score_total",
            "score_level",
            "score_level_name",
            "scored_at",
            "scored_by",
        ]
    )
    record(
        actor=actor,
        action="meetings.score",
        target=meeting,
        changes={"sheet": sheet.pk, "points": clean, "total": total, "level": level["code"]},
    )
    return meeting


@transaction.atomic
def postpone(
    *,
    actor: Any,
    organization: Organization,
    slot: str,
    period_start: dt.date,
    reason: str,
    new_on: dt.date | None = None,
) -> Postponement:
    """Record that the cell postponed the regular meeting of a month (``period_start``
    its first day) or the topical meeting of a quarter (its first day), with the reason."""
    _require_change(actor, organization)
    if slot not in SlotKind.values:
        raise DomainError("postpone_slot", _("Choose the meeting postponed."))
    if slot == SlotKind.REGULAR:
        period_start = period_start.replace(day=1)
        period_end = selectors._month_end(period_start.year, period_start.month)
    else:
        period_start = dt.date(period_start.year, (period_start.month - 1) // 3 * 3 + 1, 1)
        period_end = selectors._month_end(period_start.year, period_start.month + 2)
    reason = normalize_text(reason)
    if not reason:
        raise _field_error("postpone_reason", "reason", _("Give the reason for the postponement."))
    if new_on is not None and new_on < period_start:
        raise _field_error(
            "postpone_new_on",
            "new_on",
            _("The new date %(day)s is before the period postponed.") % {"day": _d(new_on)},
        )
    if not (organization.exists_on(period_start) or organization.exists_on(period_end)):
        raise DomainError(
            "organization_not_existing",
            _("%(org)s did not exist then.") % {"org": organization.name},
        )
    if Postponement.objects.filter(
        organization=organization, slot=slot, period_start=period_start
    ).exists():
        raise DomainError("postponed_twice", _("This meeting was already postponed."))
    p = Postponement.objects.create(
        organization=organization,
        organization_path=organization.path,
        slot=slot,
        period_start=period_start,
        reason=reason[:500],
        new_on=new_on,
        recorded_by=actor,
    )
    record(
        actor=actor,
        action="meetings.postpone",
        target=p,
        changes={"slot": slot, "period_start": period_start, "reason": p.reason, "new_on": new_on},
    )
    return p


def template_upload(
    *, actor: Any, kind: str, content: bytes, filename: str, note: str = ""
) -> MeetingTemplate:
    """A new version of the minutes or resolution template, after checking it renders."""
    from . import report

    if scope_prefixes(actor, Action.REVIEW) is not None:
        raise DomainError(
            "out_of_scope", _("Only the board's staff may change the document templates.")
        )
    if kind not in TemplateKind.values:
        raise DomainError("template_kind", _("Choose the document."))
    if not filename.lower().endswith(".docx"):
        raise DomainError(
            "template_type",
            _("The template must be a Word file (.docx), not “%(name)s”.") % {"name": filename},
        )
    if len(content) > MAX_TEMPLATE_BYTES:
        raise DomainError(
            "template_size",
            _("The file is larger than %(max)s MB, the most a template may be.")
            % {"max": MAX_TEMPLATE_BYTES // 2**20},
        )
    report.check_template(kind, content)
    with transaction.atomic():
        version = (
            MeetingTemplate.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
        ) + 1
        template = MeetingTemplate.objects.create(
            kind=kind,
            version=version,
            content=content,
            filename=normalize_text(filename)[:255],
            note=normalize_text(note)[:255],
            uploaded_by=actor,
        )
        record(
            actor=actor,
            action="meetings.template_upload",
            target=template,
            changes={"kind": kind, "version": version, "filename": template.filename},
        )
    return template


__all__ = [
    "EXPECTED_GROUPS",
    "Mark",
    "TaskData",
    "TaskInput",
    "meeting_save",
    "meeting_score",
    "postpone",
    "prefilled_points",
    "resolution_tasks",
    "template_upload",
]
