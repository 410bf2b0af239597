"""Reads of the register, the tasks and the work programme, always scoped.

Who sees what:
- documents: those in the registers of the organizations in the user's subtrees, and those
  of the organizations above them (a commune implements the city's plans); documents are
  not personal data;
- tasks and assignments: the assigner's subtree sees the task and every assignment; an
  assignee's subtree sees the task and the assignments in its own subtree only (a commune
  sees what was given to it and below, not what another commune was given).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Q, QuerySet

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope, scope_prefixes
from tcxd.core.paths import any_prefix_q

from .choices import (
    FINISHED_STATUSES,
    RECURRENCE_MONTHS,
    AssignmentRole,
    AssignmentStatus,
    ReportKind,
)
from .models import Assignment, Document, DocumentType, Issuer, Task
from .references import DEFAULT_VOCABULARY, Reference, Vocabulary, find_references

PATH_STEP = 4  # characters per level of the organization tree


# --- vocabulary -------------------------------------------------------------------------

_vocabulary_cache: dict[tuple[Any, ...], Vocabulary] = {}


def vocabulary() -> Vocabulary:
    """The recogniser's vocabulary: the built-in words plus the types and issuer codes in
    the database (staff extend them in the admin)."""
    types = list(DocumentType.objects.values_list("code", "name", "other_words"))
    issuers = tuple(sorted(Issuer.objects.values_list("code", flat=True)))
    key = (tuple(types), issuers)
    found = _vocabulary_cache.get(key)
    if found is None:
        words: dict[str, str] = {}
        for code, name, other in types:
            for word in [name, *other.splitlines()]:
                if word.strip():
                    words[word.strip()] = code
        found = DEFAULT_VOCABULARY.extended(
            types=words, party_types=[c for c, _n, _o in types], issuers=issuers
        )
        _vocabulary_cache.clear()
        _vocabulary_cache[key] = found
    return found


def references_in(text: str) -> list[Reference]:
    return find_references(text, vocabulary())


# --- documents --------------------------------------------------------------------------


def _ancestor_paths(prefixes: Iterable[str]) -> set[str]:
    return {p[:end] for p in prefixes for end in range(PATH_STEP, len(p), PATH_STEP)}


def visible_documents(user: Any) -> QuerySet[Document]:
    documents = Document.objects.select_related("doc_type", "issuer", "organization")
    prefixes = scope_prefixes(user, Action.VIEW)
    if prefixes is None:
        return documents
    return documents.filter(
        any_prefix_q(["organization_path"], prefixes)
        | Q(organization_path__in=_ancestor_paths(prefixes))
    )


def find_document(user: Any, ref: Reference) -> Document | None:
    """The register's document a recognised Party reference names, if visible."""
    if ref.system != "party":
        return None
    found = visible_documents(user).filter(
        doc_type__code=ref.type, number=ref.number, issuer__code=ref.issuer
    )
    if ref.date is not None:
        dated = found.filter(issued_on=ref.date).first()
        if dated is not None:
            return dated
    return found.order_by("-issued_on").first()


def documents_by_symbol(user: Any, refs: Iterable[Reference]) -> dict[tuple[str, str, str], Any]:
    """(type, number, issuer) → the newest visible document, for many references at once."""
    wanted = {(r.type, r.number, r.issuer) for r in refs if r.system == "party"}
    if not wanted:
        return {}
    q = Q(pk__in=[])
    for code, number, issuer in wanted:
        q |= Q(doc_type__code=code, number=number, issuer__code=issuer)
    result: dict[tuple[str, str, str], Any] = {}
    for doc in visible_documents(user).filter(q).order_by("issued_on"):
        result[doc.doc_type.code, doc.number, doc.issuer.code] = doc
    return result


def chain_up(document: Document, limit: int = 10) -> list[tuple[str, Document]]:
    """The documents this one implements or guides, then theirs (the chain upwards)."""
    chain: list[tuple[str, Document]] = []
    seen = {document.pk}
    current = document
    for _step in range(limit):
        link = (
            current.links_out.filter(kind__in=["implements", "guides"])
            .select_related("target__doc_type", "target__issuer")
            .first()
        )
        if link is None or link.target_id in seen:
            break
        seen.add(link.target_id)
        chain.append((link.kind, link.target))
        current = link.target
    return chain


# --- tasks ------------------------------------------------------------------------------


def visible_tasks(user: Any) -> QuerySet[Task]:
    return scope(Task.objects.all(), user, Action.VIEW).distinct()


def visible_assignments(user: Any) -> QuerySet[Assignment]:
    return scope(
        Assignment.objects.select_related("task", "organization", "task__assigned_by"),
        user,
        Action.VIEW,
    )


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def due_dates(task: Task) -> Iterator[dt.date]:
    """When reports are due: the deadline, and for a recurring task every one, three or six
    months from it (same day of the month, or the month's last day) until the last."""
    yield task.deadline
    step = RECURRENCE_MONTHS.get(task.recurrence)  # type: ignore[call-overload]
    if not step or task.recurring_until is None:
        return
    k = 1
    while True:
        due = add_months(task.deadline, step * k)
        if due > task.recurring_until:
            return
        yield due
        k += 1


def final_deadline(task: Task) -> dt.date:
    last = task.deadline
    for due in due_dates(task):
        last = due
    return last


def missed_reports(
    assignment: Assignment, today: dt.date, report_days: Iterable[dt.date] | None = None
) -> list[dt.date]:
    """The due dates that have passed with no report of the assignee since the previous
    due date (a one-off task: its deadline, while it is not done)."""
    if assignment.status in FINISHED_STATUSES:
        return []
    if report_days is None:
        report_days = assignment.reports.filter(
            kind__in=[ReportKind.PROGRESS, ReportKind.DONE]
        ).values_list("reported_on", flat=True)
    days = sorted(report_days)
    missed, previous = [], None
    for due in due_dates(assignment.task):
        if due >= today:
            break
        if assignment.task.recurrence:
            if not any((previous is None or d > previous) and d <= due for d in days):
                missed.append(due)
        else:
            missed.append(due)  # a one-off task not done by its deadline
        previous = due
    return missed


def is_overdue(assignment: Assignment, today: dt.date) -> bool:
    return bool(missed_reports(assignment, today))


def overdue_assignments(
    queryset: QuerySet[Assignment], today: dt.date, *, role: str | None = AssignmentRole.LEAD
) -> list[Assignment]:
    """The assignments of ``queryset`` with a missed deadline or report (one query for the
    assignments, one for their reports)."""
    rows = queryset.exclude(status__in=FINISHED_STATUSES).filter(task__deadline__lt=today)
    if role:
        rows = rows.filter(role=role)
    found = list(rows.select_related("task", "organization", "task__assigned_by"))
    reports: dict[int, list[dt.date]] = {a.pk: [] for a in found}
    from .models import Report

    for assignment_id, day in Report.objects.filter(
        assignment_id__in=list(reports), kind__in=[ReportKind.PROGRESS, ReportKind.DONE]
    ).values_list("assignment_id", "reported_on"):
        reports[assignment_id].append(day)
    return [a for a in found if missed_reports(a, today, reports[a.pk])]


def task_progress(task: Task) -> int:
    """The task's progress: the mean of its lead assignments' (rounded down)."""
    leads = [a.progress for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
    return sum(leads) // len(leads) if leads else 0


def subtree_tasks(assignment: Assignment) -> list[Task]:
    return list(assignment.subtasks.prefetch_related("assignments"))


def status_counts(queryset: QuerySet[Assignment]) -> dict[str, int]:
    counts = {status.value: 0 for status in AssignmentStatus}
    for status in queryset.values_list("status", flat=True):
        counts[status] += 1
    return counts
