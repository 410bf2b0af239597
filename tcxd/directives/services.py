"""Writes of the register, the tasks and the work programme. Every function: keyword-only,
``actor=``, one transaction, validation with a Vietnamese message naming what is wrong,
and its audit entry in the same transaction.

Who may do what (tcxd/accounts/choices.py):
- register or edit a document, link documents: ``Action.CHANGE`` at the organization
  whose register holds it;
- assign a task (or split one's own among the organizations below): ``Action.CHANGE`` at
  the assigning organization, every assignee strictly below it and in the actor's scope;
- report progress or done: ``Action.CHANGE`` at the assignee;
- accept or return a task reported done: ``Action.REVIEW`` at the assigning organization;
- the work programme: ``Action.CHANGE`` at its organization.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import diff, record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.core.text import normalize_text
from tcxd.organizations.models import Organization

from .choices import (
    WORKING_STATUSES,
    AssignmentRole,
    AssignmentStatus,
    DocumentStatus,
    LinkKind,
    Recurrence,
    ReportKind,
    WorkItemStatus,
)
from .models import Assignment, Document, DocumentLink, DocumentType, Issuer, Report, Task, WorkItem
from .references import canonical_symbol

MAX_FILE_BYTES = 20 * 1024 * 1024
STALE = gettext_noop(
    "Someone else changed this record after you opened it: reload the page and try again."
)


def _require(actor: Any, action: str, organization: Organization) -> None:
    if not can(actor, action, organization.path):
        raise DomainError(
            "forbidden",
            _("You may not do this for %(org)s.") % {"org": organization.name},
        )


def _today() -> dt.date:
    return timezone.localdate()


def _check_file(upload: Any, field: str) -> None:
    if upload and upload.size > MAX_FILE_BYTES:
        raise DomainError(
            "file_too_large",
            _("The file is larger than 20 MB."),
            fields={field: [_("The file is larger than 20 MB.")]},
        )


# --- documents --------------------------------------------------------------------------

DOCUMENT_FIELDS = ("doc_type", "number", "issuer", "term", "issuing_body", "issued_on", "title")


def _document_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("issuing_body", "title"):
        values[name] = normalize_text(data.get(name) or "")
    number = normalize_text(str(data.get("number") or ""))
    if not number.isdigit():
        raise DomainError(
            "bad_number",
            _("The number of a Party document is written in digits, e.g. 29 in 29-KH/TU."),
            fields={"number": [_("Digits only.")]},
        )
    values["number"] = number
    for name in ("doc_type", "issuer", "issued_on", "term"):
        values[name] = data.get(name)
    if not isinstance(values["doc_type"], DocumentType):
        raise DomainError(
            "no_type", _("Choose the document type."), fields={"doc_type": [_("Required.")]}
        )
    if not isinstance(values["issuer"], Issuer):
        raise DomainError(
            "no_issuer", _("Choose the issuer code."), fields={"issuer": [_("Required.")]}
        )
    if not isinstance(values["issued_on"], dt.date):
        raise DomainError(
            "no_date", _("Enter the document's date."), fields={"issued_on": [_("Required.")]}
        )
    if values["issued_on"] > _today():
        raise DomainError(
            "future_date",
            _("The document's date %(date)s is in the future.")
            % {"date": values["issued_on"].strftime("%d/%m/%Y")},
            fields={"issued_on": [_("In the future.")]},
        )
    values["term"] = normalize_text(values["term"] or "") or values["issuer"].term_of(
        values["issued_on"]
    )
    return values


def _check_unique(values: Mapping[str, Any], exclude: int | None = None) -> None:
    same = Document.objects.filter(
        doc_type=values["doc_type"],
        number=values["number"],
        issuer=values["issuer"],
        term=values["term"],
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    other = same.first()
    if other is not None:
        symbol = canonical_symbol(values["number"], values["doc_type"].code, values["issuer"].code)
        raise DomainError(
            "duplicate_symbol",
            _(
                "%(symbol)s of the term %(term)s is already in the register (dated %(date)s): "
                "documents are numbered once per type, issuer and term."
            )
            % {
                "symbol": symbol,
                "term": values["term"],
                "date": other.issued_on.strftime("%d/%m/%Y"),
            },
            fields={"number": [_("Already used in this term.")]},
        )


@transaction.atomic
def document_register(
    *, actor: Any, organization: Organization, data: Mapping[str, Any], file: Any = None
) -> Document:
    """Add a document to ``organization``'s register."""
    _require(actor, Action.CHANGE, organization)
    values = _document_values(data)
    _check_unique(values)
    _check_file(file, "file")
    document = Document(
        organization=organization,
        organization_path=organization.path,
        registered_by=actor,
        **values,
    )
    if file:
        document.file = file
    clean_or_raise(document, exclude=["registered_by", "organization"])
    document.save()
    record(
        actor=actor,
        action="directives.document_registered",
        target=document,
        changes={"after": {"symbol": document.symbol, "title": document.title}},
    )
    return document


@transaction.atomic
def document_update(
    *,
    actor: Any,
    document: Document,
    expected_version: int | None,
    data: Mapping[str, Any],
    file: Any = None,
) -> Document:
    _require(actor, Action.CHANGE, document.organization)
    values = _document_values(data)
    _check_unique(values, exclude=document.pk)
    _check_file(file, "file")
    status = data.get("status") or document.status
    if status not in DocumentStatus.values:
        raise DomainError("bad_status", _("Unknown status."))
    before = {k: str(getattr(document, k)) for k in (*DOCUMENT_FIELDS, "status")}
    bump_version(document, expected_version, _(STALE))
    for key, value in values.items():
        setattr(document, key, value)
    document.status = status
    document.expired_on = data.get("expired_on") if status != DocumentStatus.IN_FORCE else None
    if file:
        document.file = file
    clean_or_raise(document, exclude=["registered_by", "organization"])
    document.save()
    after = {k: str(getattr(document, k)) for k in (*DOCUMENT_FIELDS, "status")}
    record(
        actor=actor,
        action="directives.document_updated",
        target=document,
        changes=diff(before, after),
    )
    return document


@transaction.atomic
def document_link(*, actor: Any, source: Document, target: Document, kind: str) -> DocumentLink:
    """``source`` implements / replaces / guides ``target``; a replaced document is marked
    replaced from the newer one's date."""
    _require(actor, Action.CHANGE, source.organization)
    if kind not in LinkKind.values:
        raise DomainError("bad_link", _("Unknown relation."))
    if source.pk == target.pk:
        raise DomainError("self_link", _("A document cannot refer to itself."))
    if DocumentLink.objects.filter(source=target, target=source).exists():
        raise DomainError(
            "circular_link",
            _("%(target)s already refers to %(source)s.")
            % {"target": target.symbol, "source": source.symbol},
        )
    if target.issued_on > source.issued_on:
        raise DomainError(
            "link_to_newer",
            _(
                "%(source)s (%(s_date)s) cannot %(kind)s %(target)s, "
                "which is dated later (%(t_date)s)."
            )
            % {
                "source": source.symbol,
                "target": target.symbol,
                "kind": LinkKind(kind).label,
                "s_date": source.issued_on.strftime("%d/%m/%Y"),
                "t_date": target.issued_on.strftime("%d/%m/%Y"),
            },
        )
    link, created = DocumentLink.objects.get_or_create(source=source, target=target, kind=kind)
    if created and kind == LinkKind.REPLACES and target.status == DocumentStatus.IN_FORCE:
        target.status = DocumentStatus.REPLACED
        target.expired_on = source.issued_on
        target.save(update_fields=["status", "expired_on"])
    if created:
        record(
            actor=actor,
            action="directives.document_linked",
            target=source,
            changes={"after": {"kind": kind, "target": target.symbol}},
        )
    return link


# --- tasks ------------------------------------------------------------------------------


def _check_assignees(
    actor: Any, assigned_by: Organization, organizations: Sequence[Organization]
) -> None:
    for org in organizations:
        if not org.path.startswith(assigned_by.path) or org.path == assigned_by.path:
            raise DomainError(
                "outside_assigner",
                _(
                    "%(org)s is not below %(assigner)s: "
                    "a task is assigned to the organizations below."
                )
                % {"org": org.name, "assigner": assigned_by.name},
                fields={"organizations": [_("Outside the assigning organization.")]},
            )
        if not can(actor, Action.VIEW, org.path):
            raise DomainError(
                "outside_scope",
                _("%(org)s is outside the organizations you work for.") % {"org": org.name},
                fields={"organizations": [_("Outside your scope.")]},
            )
        if org.dissolved_on is not None and org.dissolved_on <= _today():
            raise DomainError(
                "dissolved",
                _("%(org)s was dissolved on %(date)s.")
                % {"org": org.name, "date": org.dissolved_on.strftime("%d/%m/%Y")},
                fields={"organizations": [_("Dissolved.")]},
            )


@transaction.atomic
def task_assign(
    *,
    actor: Any,
    assigned_by: Organization,
    title: str,
    deadline: dt.date,
    leads: Sequence[Organization],
    coordinating: Sequence[Organization] = (),
    document: Document | None = None,
    parent: Assignment | None = None,
    expected_product: str = "",
    recurrence: str = Recurrence.NONE,
    recurring_until: dt.date | None = None,
    assigned_on: dt.date | None = None,
    conference_task: Any = None,
) -> Task:
    """Assign a task to ``leads`` (each does it and reports) with ``coordinating`` helping;
    with ``parent``, a part of the parent assignment split among the organizations below."""
    _require(actor, Action.CHANGE, assigned_by)
    title = normalize_text(title)
    if not title:
        raise DomainError(
            "no_title", _("Say what is to be done."), fields={"title": [_("Required.")]}
        )
    if not leads:
        raise DomainError(
            "no_assignee",
            _("Choose at least one organization to do the task."),
            fields={"organizations": [_("Required.")]},
        )
    assigned_on = assigned_on or _today()
    overlap = {o.pk for o in leads} & {o.pk for o in coordinating}
    if overlap:
        raise DomainError(
            "lead_and_coordinating",
            _("An organization is either a lead or co-ordinating, not both."),
            fields={"organizations": [_("Chosen twice.")]},
        )
    _check_assignees(actor, assigned_by, [*leads, *coordinating])
    if document is not None and deadline < document.issued_on:
        raise DomainError(
            "deadline_before_document",
            _("The deadline %(deadline)s is before the document's date %(date)s.")
            % {
                "deadline": deadline.strftime("%d/%m/%Y"),
                "date": document.issued_on.strftime("%d/%m/%Y"),
            },
            fields={"deadline": [_("Before the document's date.")]},
        )
    if deadline < assigned_on:
        raise DomainError(
            "deadline_past",
            _("The deadline %(deadline)s is before the day the task is assigned (%(on)s).")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "on": assigned_on.strftime("%d/%m/%Y")},
            fields={"deadline": [_("Before the day of assignment.")]},
        )
    if recurrence and recurrence not in Recurrence.values:
        raise DomainError("bad_recurrence", _("Unknown recurrence."))
    if recurrence and (recurring_until is None or recurring_until < deadline):
        raise DomainError(
            "bad_recurring_until",
            _("Give the date of the last report, on or after the first one."),
            fields={"recurring_until": [_("Required, on or after the deadline.")]},
        )
    if parent is not None:
        if parent.organization_id != assigned_by.pk:
            raise DomainError(
                "not_own_task", _("Only the organization the task was given to can split it.")
            )
        if parent.status not in WORKING_STATUSES:
            raise DomainError(
                "parent_finished", _("The task has been reported done: it cannot be split now.")
            )
        from .selectors import final_deadline

        if deadline > final_deadline(parent.task):
            raise DomainError(
                "after_parent_deadline",
                _(
                    "The deadline %(deadline)s is after the deadline "
                    "of the task it is part of (%(parent)s)."
                )
                % {
                    "deadline": deadline.strftime("%d/%m/%Y"),
                    "parent": final_deadline(parent.task).strftime("%d/%m/%Y"),
                },
                fields={"deadline": [_("After the parent task's deadline.")]},
            )
        document = document or parent.task.document
    task = Task.objects.create(
        title=title,
        expected_product=normalize_text(expected_product),
        document=document,
        parent=parent,
        assigned_by=assigned_by,
        assigned_by_path=assigned_by.path,
        assigned_on=assigned_on,
        deadline=deadline,
        recurrence=recurrence or Recurrence.NONE,
        recurring_until=recurring_until if recurrence else None,
        conference_task=conference_task,
        created_by=actor,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                task=task, organization=org, organization_path=org.path, role=AssignmentRole.LEAD
            )
            for org in leads
        ]
        + [
            Assignment(
                task=task,
                organization=org,
                organization_path=org.path,
                role=AssignmentRole.COORDINATE,
            )
            for org in coordinating
        ]
    )
    if parent is not None:
        _roll_up(parent)
    record(
        actor=actor,
        action="directives.task_assigned",
        target=task,
        changes={
            "after": {
                "title": task.title,
                "deadline": task.deadline,
                "leads": [o.name for o in leads],
                "coordinating": [o.name for o in coordinating],
                "parent": parent.pk if parent else None,
            }
        },
    )
    return task


def _roll_up(assignment: Assignment) -> None:
    """Recompute the progress of an assignment split into sub-tasks (the mean of their
    lead assignments' progress, each sub-task weighing the same), then of the one above."""
    current: Assignment | None = assignment
    while current is not None:
        subtasks = list(current.subtasks.all())
        if subtasks:
            means = []
            for sub in subtasks:
                leads = [a.progress for a in sub.assignments.all() if a.role == AssignmentRole.LEAD]
                means.append(sum(leads) / len(leads) if leads else 0)
            progress = int(sum(means) // len(means))
            if current.status in WORKING_STATUSES and progress != current.progress:
                current.progress = progress
                if current.status == AssignmentStatus.OPEN and progress > 0:
                    current.status = AssignmentStatus.IN_PROGRESS
                current.save(update_fields=["progress", "status"])
        current = current.task.parent


def _add_report(
    actor: Any,
    assignment: Assignment,
    kind: str,
    *,
    on: dt.date,
    progress: int | None,
    text: str,
    file: Any,
) -> Report:
    _check_file(file, "file")
    report = Report(
        assignment=assignment,
        kind=kind,
        reported_on=on,
        progress=progress,
        text=normalize_text(text),
        recorded_by=actor,
    )
    if file:
        report.file = file
    report.save()
    return report


def _report_day(on: dt.date | None, assignment: Assignment) -> dt.date:
    day = on or _today()
    if day > _today():
        raise DomainError(
            "future_report",
            _("A report cannot be dated in the future (%(date)s).")
            % {"date": day.strftime("%d/%m/%Y")},
            fields={"reported_on": [_("In the future.")]},
        )
    if day < assignment.task.assigned_on:
        raise DomainError(
            "report_before_task",
            _("The report's date %(date)s is before the task was assigned (%(on)s).")
            % {
                "date": day.strftime("%d/%m/%Y"),
                "on": assignment.task.assigned_on.strftime("%d/%m/%Y"),
            },
            fields={"reported_on": [_("Before the task.")]},
        )
    return day


@transaction.atomic
def progress_report(
    *,
    actor: Any,
    assignment: Assignment,
    expected_version: int | None,
    progress: int | None,
    text: str = "",
    file: Any = None,
    reported_on: dt.date | None = None,
) -> Report:
    """The assignee reports progress (percent, narrative, file). A task split into sub-tasks
    takes its percent from them; its report carries the narrative only."""
    _require(actor, Action.CHANGE, assignment.organization)
    if assignment.status not in WORKING_STATUSES:
        raise DomainError(
            "not_working",
            _("This task is %(status)s: no more progress reports.")
            % {"status": AssignmentStatus(assignment.status).label.lower()},
        )
    day = _report_day(reported_on, assignment)
    split = assignment.subtasks.exists()
    if split:
        progress = None
    elif progress is None or not 0 <= progress <= 100:
        raise DomainError(
            "bad_progress",
            _("Progress is a percentage from 0 to 100."),
            fields={"progress": [_("From 0 to 100.")]},
        )
    if not normalize_text(text) and progress is None:
        raise DomainError(
            "empty_report", _("Write what was done."), fields={"text": [_("Required.")]}
        )
    bump_version(assignment, expected_version, _(STALE))
    report = _add_report(
        actor, assignment, ReportKind.PROGRESS, on=day, progress=progress, text=text, file=file
    )
    before = {"progress": assignment.progress, "status": assignment.status}
    if progress is not None:
        assignment.progress = progress
    if assignment.status in (AssignmentStatus.OPEN, AssignmentStatus.RETURNED):
        assignment.status = AssignmentStatus.IN_PROGRESS
    assignment.reported_on = day
    assignment.save(update_fields=["progress", "status", "reported_on"])
    if assignment.task.parent is not None:
        _roll_up(assignment.task.parent)
    record(
        actor=actor,
        action="directives.progress_reported",
        target=assignment,
        changes={
            "before": before,
            "after": {
                "progress": assignment.progress,
                "status": assignment.status,
                "text": report.text,
            },
        },
    )
    return report


@transaction.atomic
def mark_done(
    *,
    actor: Any,
    assignment: Assignment,
    expected_version: int | None,
    text: str = "",
    file: Any = None,
    done_on: dt.date | None = None,
) -> Report:
    """The assignee reports the task done (the assigner then accepts or returns it)."""
    _require(actor, Action.CHANGE, assignment.organization)
    if assignment.status not in WORKING_STATUSES:
        raise DomainError(
            "not_working",
            _("This task is %(status)s already.")
            % {"status": AssignmentStatus(assignment.status).label.lower()},
        )
    open_parts = Assignment.objects.filter(
        task__parent=assignment, role=AssignmentRole.LEAD
    ).exclude(status__in=[AssignmentStatus.DONE, AssignmentStatus.ACCEPTED])
    if open_parts.exists():
        names = ", ".join(
            a.organization.name for a in open_parts.select_related("organization")[:3]
        )
        raise DomainError(
            "parts_open",
            _("Parts of this task are not done yet (%(names)s).") % {"names": names},
        )
    day = _report_day(done_on, assignment)
    bump_version(assignment, expected_version, _(STALE))
    report = _add_report(
        actor, assignment, ReportKind.DONE, on=day, progress=100, text=text, file=file
    )
    assignment.status = AssignmentStatus.DONE
    assignment.progress = 100
    assignment.done_on = day
    assignment.reported_on = day
    assignment.save(update_fields=["status", "progress", "done_on", "reported_on"])
    if assignment.task.parent is not None:
        _roll_up(assignment.task.parent)
    record(
        actor=actor,
        action="directives.task_done",
        target=assignment,
        changes={"after": {"done_on": day, "text": report.text}},
    )
    return report


@transaction.atomic
def review_done(
    *,
    actor: Any,
    assignment: Assignment,
    expected_version: int | None,
    accept: bool,
    text: str = "",
) -> Report:
    """The assigner accepts the task reported done, or returns it with the reason."""
    _require(actor, Action.REVIEW, assignment.task.assigned_by)
    if assignment.status != AssignmentStatus.DONE:
        raise DomainError("not_done", _("Only a task reported done can be accepted or returned."))
    text = normalize_text(text)
    if not accept and not text:
        raise DomainError(
            "no_reason",
            _("Say why the task is returned."),
            fields={"text": [_("Required.")]},
        )
    bump_version(assignment, expected_version, _(STALE))
    kind = ReportKind.ACCEPTED if accept else ReportKind.RETURNED
    report = _add_report(actor, assignment, kind, on=_today(), progress=None, text=text, file=None)
    if accept:
        assignment.status = AssignmentStatus.ACCEPTED
    else:
        assignment.status = AssignmentStatus.RETURNED
        assignment.done_on = None
        last = (
            assignment.reports.filter(kind=ReportKind.PROGRESS, progress__isnull=False)
            .order_by("-recorded_at", "-id")
            .values_list("progress", flat=True)
            .first()
        )
        assignment.progress = last or 0
    assignment.save(update_fields=["status", "done_on", "progress"])
    if assignment.task.parent is not None:
        _roll_up(assignment.task.parent)
    record(
        actor=actor,
        action="directives.task_accepted" if accept else "directives.task_returned",
        target=assignment,
        changes={"after": {"status": assignment.status, "text": text}},
    )
    return report


@transaction.atomic
def tasks_from_conference(*, actor: Any, conference: Any) -> list[Task]:
    """Bring the tasks a review conference assigned (with an organization and a due date)
    into the tracker, once each."""
    opener = conference.review.organization
    made = []
    for item in conference.tasks.select_related("organization"):
        if item.organization is None or item.due_on is None:
            continue
        if item.organization_id == opener.pk:
            continue  # the opener's own task: on its work programme, not assigned below
        if Task.objects.filter(conference_task=item).exists():
            continue
        made.append(
            task_assign(
                actor=actor,
                assigned_by=opener,
                title=item.description,
                deadline=item.due_on,
                leads=[item.organization],
                assigned_on=min(conference.held_on, item.due_on),
                conference_task=item,
            )
        )
    return made


# --- work programme ---------------------------------------------------------------------


def _work_values(data: Mapping[str, Any]) -> dict[str, Any]:
    year = data.get("year")
    month = data.get("month") or None
    quarter = data.get("quarter") or None
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("bad_year", _("Enter the year."), fields={"year": [_("Required.")]})
    if (month is None) == (quarter is None):
        raise DomainError(
            "month_or_quarter",
            _("Give either the month or the quarter of the item."),
            fields={"month": [_("Month or quarter.")]},
        )
    title = normalize_text(data.get("title") or "")
    owner = normalize_text(data.get("owner") or "")
    if not title or not owner:
        raise DomainError(
            "work_incomplete",
            _("Say what is to be done and who is in charge."),
            fields={k: [_("Required.")] for k, v in (("title", title), ("owner", owner)) if not v},
        )
    status = data.get("status") or WorkItemStatus.PLANNED
    if status not in WorkItemStatus.values:
        raise DomainError("bad_status", _("Unknown status."))
    return {
        "year": year,
        "month": month,
        "quarter": quarter,
        "title": title,
        "owner": owner,
        "status": status,
        "document": data.get("document"),
        "task": data.get("task"),
        "note": normalize_text(data.get("note") or ""),
    }


@transaction.atomic
def work_item_save(
    *,
    actor: Any,
    organization: Organization,
    data: Mapping[str, Any],
    item: WorkItem | None = None,
    expected_version: int | None = None,
) -> WorkItem:
    _require(actor, Action.CHANGE, organization)
    values = _work_values(data)
    if item is None:
        item = WorkItem(organization=organization, organization_path=organization.path, **values)
        clean_or_raise(item, exclude=["organization"])
        item.save()
        record(
            actor=actor,
            action="directives.work_item_added",
            target=item,
            changes={"after": {"title": item.title}},
        )
        return item
    if item.organization_id != organization.pk:
        raise DomainError("forbidden", _("This item belongs to another programme."))
    before = {k: str(getattr(item, k)) for k in values}
    bump_version(item, expected_version, _(STALE))
    for key, value in values.items():
        setattr(item, key, value)
    clean_or_raise(item, exclude=["organization"])
    item.save()
    after = {k: str(getattr(item, k)) for k in values}
    record(
        actor=actor, action="directives.work_item_changed", target=item, changes=diff(before, after)
    )
    return item
