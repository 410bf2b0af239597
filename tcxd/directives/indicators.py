"""Indicators of the directives app: the tasks assigned to the organizations of a subtree
and what became of them, and the documents issued. Definitions (docs/directives.md,
section "Indicators"):

``tasks.*`` count *lead* assignments (``AssignmentRole.LEAD``; co-ordinating organizations
help and are not counted) to organizations in the subtree, sub-tasks included (a commune's
part split among its cells counts once for the commune and once for each cell). The
*final deadline* of an assignment is its task's deadline, or for a recurring task the last
report due (``selectors.final_deadline``).

- ``tasks.assigned``: lead assignments whose final deadline falls in the period;
- ``tasks.done_on_time`` / ``tasks.done_late``: of those, reported done (done or
  accepted) on or before / after the final deadline, as they stand today;
- ``tasks.on_time_rate``: done on time ÷ (done + not done with the final deadline already
  passed), in %: the tasks whose outcome is known;
- ``tasks.overdue``: a stock at the day D = min(period end, today): assignments not done by
  D (no done date, or one after D) with a deadline or a recurring report due before D and
  missed, exactly as ``selectors.overdue_assignments`` says on day D with the reports
  recorded up to D;
- ``documents.issued`` and ``documents.issued_<type>``: documents in the registers of the
  subtree dated in the period, all types and for each main type.

Each indicator reads one shared query per organization and period (``registry.shared``);
``compute`` counts all its rows and ``by_child`` the same rows grouped by the organization
directly below, so the two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.indicators.membership import child_len, children_paths
from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, Value, kept, register, share
from tcxd.organizations.models import Organization

from . import selectors
from .choices import FINISHED_STATUSES, AssignmentRole, ReportKind
from .models import Assignment, Document, Report, Task

Row = tuple[Any, ...]  # (organization_path, …)

# The main types, one indicator each (the others count in documents.issued only).
MAIN_TYPES = ("NQ", "CT", "KL", "KH", "CTr", "QĐ", "HD", "BC")
TYPE_LABELS = {
    "NQ": _("Resolutions (NQ)"),
    "CT": _("Directives (CT)"),
    "KL": _("Conclusions (KL)"),
    "KH": _("Plans (KH)"),
    "CTr": _("Programmes (CTr)"),
    "QĐ": _("Decisions and regulations (QĐ)"),
    "HD": _("Guidance (HD)"),
    "BC": _("Reports (BC)"),
}
TASKS = _("Tasks assigned to the organizations")
DOCUMENTS = _("Documents issued")


def type_code(code: str) -> str:
    """The ASCII indicator suffix of a type abbreviation: "QĐ" → "qd", "CTr" → "ctr"."""
    return code.replace("Đ", "D").lower()


# --- the shared queries -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _final(deadline: dt.date, recurrence: str, until: dt.date | None) -> dt.date:
    return selectors.final_deadline(
        Task(deadline=deadline, recurrence=recurrence, recurring_until=until)
    )


def _today() -> dt.date:
    return timezone.localdate()


def due_in(organization: Organization, period: Period) -> list[Row]:
    """(path, final deadline, finished, done_on) of the lead assignments of the subtree
    whose final deadline falls in the period."""

    def query() -> list[Row]:
        rows = (
            Assignment.objects.filter(
                prefix_q("organization_path", organization.path),
                role=AssignmentRole.LEAD,
                task__deadline__lte=period.end,
            )
            .filter(
                Q(task__recurring_until__isnull=True, task__deadline__gte=period.start)
                | Q(task__recurring_until__gte=period.start)
            )
            .values_list(
                "organization_path",
                "task__deadline",
                "task__recurrence",
                "task__recurring_until",
                "status",
                "done_on",
            )
        )
        result = []
        for path, deadline, recurrence, until, status, done_on in rows:
            final = _final(deadline, recurrence or "", until)
            if period.start <= final <= period.end:
                finished = status in FINISHED_STATUSES and done_on is not None
                result.append((path, final, finished, done_on if finished else None))
        return result

    return kept(("directives.due", organization.path, period), query, "directives")


def missed_by(task: Task, day: dt.date, report_days: Sequence[dt.date]) -> bool:
    """Did the assignee miss a deadline or a report due before ``day``, given its progress
    and done reports dated up to ``day``? (``selectors.missed_reports`` on that day, for an
    assignment not done by then.)"""
    days = sorted(report_days)
    previous = None
    for due in selectors.due_dates(task):
        if due >= day:
            return False
        if not task.recurrence:
            return True
        if not any((previous is None or d > previous) and d <= due for d in days):
            return True
        previous = due
    return False


def overdue_at(organization: Organization, period: Period) -> list[Row]:
    """(path,) of the lead assignments of the subtree overdue on min(period end, today)."""
    day = min(period.end, _today())

    def query() -> list[Row]:
        rows = list(
            Assignment.objects.filter(
                prefix_q("organization_path", organization.path),
                role=AssignmentRole.LEAD,
                task__deadline__lt=day,
            )
            .filter(Q(done_on__isnull=True) | Q(done_on__gt=day))
            .values_list(
                "pk",
                "organization_path",
                "task__deadline",
                "task__recurrence",
                "task__recurring_until",
            )
        )
        recurring = [r[0] for r in rows if r[3]]
        reports: dict[int, list[dt.date]] = {pk: [] for pk in recurring}
        if recurring:
            for pk, on in Report.objects.filter(
                assignment_id__in=recurring,
                kind__in=[ReportKind.PROGRESS, ReportKind.DONE],
                reported_on__lte=day,
            ).values_list("assignment_id", "reported_on"):
                reports[pk].append(on)
        result = []
        for pk, path, deadline, recurrence, until in rows:
            task = Task(deadline=deadline, recurrence=recurrence or "", recurring_until=until)
            if missed_by(task, day, reports.get(pk, [])):
                result.append((path,))
        return result

    return kept(("directives.overdue", organization.path, day), query, "directives")


def issued_in(organization: Organization, period: Period) -> list[Row]:
    """(path, type code) of the documents in the registers of the subtree dated in the
    period."""

    def query() -> list[Row]:
        return list(
            Document.objects.filter(
                prefix_q("organization_path", organization.path),
                issued_on__gte=period.start,
                issued_on__lte=period.end,
            ).values_list("organization_path", "doc_type__code")
        )

    return kept(("directives.issued", organization.path, period), query, "directives")


# --- values -----------------------------------------------------------------------------


def on_time(rows: Sequence[Row]) -> int:
    return sum(1 for _p, final, finished, done_on in rows if finished and done_on <= final)


def late(rows: Sequence[Row]) -> int:
    return sum(1 for _p, final, finished, done_on in rows if finished and done_on > final)


def on_time_rate(rows: Sequence[Row]) -> Value:
    today = _today()
    known = sum(1 for _p, final, finished, _d in rows if finished or final < today)
    return share(on_time(rows), known)


# --- declarations -----------------------------------------------------------------------


def _group_by_child(organization: Organization, rows: Sequence[Row]) -> dict[int, list[Row]]:
    kids = children_paths(organization)
    length = child_len(organization)
    groups: dict[int, list[Row]] = {pk: [] for pk in kids.values()}
    for row in rows:
        pk = kids.get(row[0][:length])
        if pk is not None:
            groups[pk].append(row)
    return groups


def _declare(
    code: str,
    label: Any,
    rows: Callable[[Organization, Period], list[Row]],
    value: Callable[[Sequence[Row]], Value],
    *,
    group: Any,
    unit: Unit = Unit.COUNT,
    higher_is_better: bool | None = None,
    help: Any = "",
) -> Indicator:
    def compute(organization: Organization, period: Period) -> Value:
        return value(rows(organization, period))

    def by_child(organization: Organization, period: Period) -> dict[int, Value]:
        groups = _group_by_child(organization, rows(organization, period))
        return {pk: value(group_rows) for pk, group_rows in groups.items()}

    return register(
        Indicator(
            code=code,
            label=label,
            unit=unit,
            app="directives",
            group=group,
            compute=compute,
            by_child=by_child,
            higher_is_better=higher_is_better,
            help=help,
        )
    )


_declare(
    "tasks.assigned",
    _("Tasks due in the period"),
    due_in,
    len,
    group=TASKS,
    help=_(
        "Lead assignments to the organizations of the subtree (sub-tasks included) whose "
        "final deadline falls in the period; for a recurring task, the last report due."
    ),
)
_declare(
    "tasks.done_on_time",
    _("Tasks done on time"),
    due_in,
    on_time,
    group=TASKS,
    higher_is_better=True,
    help=_(
        "Of the tasks due in the period, those reported done on or before their final deadline."
    ),
)
_declare(
    "tasks.done_late",
    _("Tasks done late"),
    due_in,
    late,
    group=TASKS,
    higher_is_better=False,
    help=_("Of the tasks due in the period, those reported done after their final deadline."),
)
_declare(
    "tasks.overdue",
    _("Tasks overdue"),
    overdue_at,
    len,
    group=TASKS,
    higher_is_better=False,
    help=_(
        "Lead assignments of the subtree not done on the period's last day (or today, if "
        "earlier) whose deadline, or a report due of a recurring task, passed before that "
        "day without the report."
    ),
)
_declare(
    "tasks.on_time_rate",
    _("Tasks done on time (%)"),
    due_in,
    on_time_rate,
    group=TASKS,
    unit=Unit.PERCENT,
    higher_is_better=True,
    help=_(
        "Tasks due in the period done on time, as a share of those whose outcome is known: "
        "done, or not done with the final deadline passed."
    ),
)
_declare(
    "documents.issued",
    _("Documents issued"),
    issued_in,
    len,
    group=DOCUMENTS,
    help=_(
        "Documents in the registers of the organizations of the subtree dated in the "
        "period, of every type."
    ),
)
for _code in MAIN_TYPES:
    _declare(
        f"documents.issued_{type_code(_code)}",
        TYPE_LABELS[_code],
        issued_in,
        (lambda code: lambda rows: sum(1 for r in rows if r[1] == code))(_code),
        group=DOCUMENTS,
    )
