"""Admission indicators: the cases by stage at the end of a period, the admissions,
recognitions and strikings-off in it, the time to the decision, the overdue cases.
Definitions and the choices behind them in docs/admissions.md.

A case counts where it is considered (``AdmissionCase.organization_path``, a cell). Every
indicator reads rows tagged with that path from one shared query per organization and
period (``registry.shared``), then ``compute`` counts all of them and ``by_child`` counts
them grouped by the organization directly below, so the two always agree.

The stage of a case at the end of a past period is the derivation from the steps recorded
up to that day (``pipeline.derive``), read from the case's stage history (``history``,
kept by the services; ``derived_stages_at`` is the reference), never from the cached
current stage; for a period that ends today or later the cache is the same derivation over
the same steps and is read directly. The shared queries are kept between requests under
the data stamp of the cases, steps, rules and members (``registry.kept``).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.indicators.membership import MINORITY_EXCLUDED, child_len, children_paths
from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, Value, register, shared
from tcxd.members.state import add_years
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_book
from tcxd.rules.workdays import working_days_between

from . import history, pipeline
from .choices import CaseKind, CaseStatus, Stage, StepKind
from .models import AdmissionCase, CaseStageSpan, CaseStep

# The board's columns, in the order of the path (every stage except "finished").
PIPELINE_STAGES = (
    Stage.DOSSIER,
    Stage.CELL,
    Stage.COMMITTEE,
    Stage.DECISION,
    Stage.CEREMONY,
    Stage.PROBATION,
    Stage.RECOGNITION,
    Stage.ESCALATED,
)
IN_PROGRESS = (CaseStatus.OPEN, CaseStatus.PROBATION)
CONSIDERED = PIPELINE_STAGES[:5]  # from the dossier to waiting for the ceremony
FINISHING_STEPS = (StepKind.CLOSED, StepKind.RECOGNITION_DECISION)
YOUNG_AGE = 30  # "under 30": less than 30 full years old on the day of the ceremony

Row = tuple[Any, ...]  # (organization_path, …)


# --- the organizations directly below ---------------------------------------------------


def _group_by_child(organization: Organization, rows: Sequence[Row]) -> dict[int, list[Row]]:
    kids = children_paths(organization)
    length = child_len(organization)
    groups: dict[int, list[Row]] = {pk: [] for pk in kids.values()}
    for row in rows:
        pk = kids.get(row[0][:length])
        if pk is not None:
            groups[pk].append(row)
    return groups


# --- the shared queries -----------------------------------------------------------------


def _kept(key: tuple[Any, ...], query: Callable[[], list[Row]]) -> list[Row]:
    """``query()`` shared in the batch and kept between requests (``registry.kept``) while
    the cases, their steps (the services never edit nor delete steps), the rules (the
    deadlines and the stages derive from the rules in force) and the membership registry
    (a person's details) are unchanged."""
    from tcxd.indicators.registry import kept

    return kept(key, query, "admissions", "members")


def stages_at(organization: Organization, on: dt.date) -> list[Row]:
    """(path, stage, due_on) of every case of the subtree still in progress at the end of
    ``on`` (opened by then, not closed nor decided on recognition by then): for today or
    later the cached current stage, for a past day the stage history (``history``), both
    the derivation from the steps recorded up to that day (``derived_stages_at``)."""

    def query() -> list[Row]:
        cases = AdmissionCase.objects.filter(
            prefix_q("organization_path", organization.path), opened_on__lte=on
        )
        if on >= timezone.localdate():  # no step can be dated later: the cache is the answer
            return list(
                cases.filter(status__in=IN_PROGRESS).values_list(
                    "organization_path", "stage", "due_on"
                )
            )
        if _derive_only.get():
            return derived_stages_at(organization, on)
        history.ready(shared(("admissions.rules_stamp",), history.rules_stamp))
        return list(
            CaseStageSpan.objects.filter(prefix_q("organization_path", organization.path))
            .filter(start_on__lte=on)
            .filter(Q(end_on__isnull=True) | Q(end_on__gt=on))
            .values_list("organization_path", "stage", "due_on")
        )

    return _kept(("admissions.stages", organization.path, on), query)


_derive_only: contextvars.ContextVar[bool] = contextvars.ContextVar("derive_only", default=False)


@contextlib.contextmanager
def derive_only() -> Iterator[None]:
    """Derive past stages from the steps, never from the stage history (tests)."""
    token = _derive_only.set(True)
    try:
        yield
    finally:
        _derive_only.reset(token)


def derived_stages_at(organization: Organization, on: dt.date) -> list[Row]:
    """The reference: every case of the subtree derived again from its steps up to ``on``."""
    cases = AdmissionCase.objects.filter(
        prefix_q("organization_path", organization.path), opened_on__lte=on
    )
    finished = CaseStep.objects.filter(
        case=OuterRef("pk"), kind__in=FINISHING_STEPS, occurred_on__lte=on
    )
    cases = cases.exclude(Exists(finished)).select_related("organization__kind")
    by_case: dict[int, list[CaseStep]] = defaultdict(list)
    steps = CaseStep.objects.filter(case__in=cases, occurred_on__lte=on).order_by(
        "case_id", "occurred_on", "id"
    )
    for step in steps:
        by_case[step.case_id].append(step)
    rows = []
    with rule_book():
        for case in cases:
            state = pipeline.derive(case, by_case.get(case.pk, []))
            rows.append((case.organization_path, state.stage, state.due_on))
    return rows


def admissions_in(organization: Organization, period: Period) -> list[Row]:
    """(path, gender, ethnicity, youth union member, birth date, ceremony date) of the first
    admissions whose ceremony falls in the period (readmissions are not counted)."""

    def query() -> list[Row]:
        return list(
            AdmissionCase.objects.filter(
                prefix_q("organization_path", organization.path),
                kind=CaseKind.ADMISSION,
                ceremony_on__gte=period.start,
                ceremony_on__lte=period.end,
            ).values_list(
                "organization_path",
                "person__gender",
                "person__ethnicity",
                "youth_union_member",
                "person__birth_on",
                "ceremony_on",
            )
        )

    return _kept(("admissions.admitted", organization.path, period), query)


def recognitions_in(organization: Organization, period: Period) -> list[Row]:
    """(path, final status) of the decisions on recognition made in the period."""

    def query() -> list[Row]:
        return list(
            CaseStep.objects.filter(
                prefix_q("case__organization_path", organization.path),
                kind=StepKind.RECOGNITION_DECISION,
                occurred_on__gte=period.start,
                occurred_on__lte=period.end,
            ).values_list("case__organization_path", "case__status")
        )

    return _kept(("admissions.recognitions", organization.path, period), query)


def decision_delays_in(organization: Organization, period: Period) -> list[Row]:
    """(path, working days from the adopted cell resolution to the decision) of the
    admission decisions made in the period."""

    def query() -> list[Row]:
        resolution = CaseStep.objects.filter(
            case=OuterRef("case"), kind=StepKind.CELL_RESOLUTION, passed=True
        ).order_by("occurred_on", "id")
        rows = (
            CaseStep.objects.filter(
                prefix_q("case__organization_path", organization.path),
                kind=StepKind.DECISION,
                occurred_on__gte=period.start,
                occurred_on__lte=period.end,
            )
            .annotate(resolved_on=Subquery(resolution.values("occurred_on")[:1]))
            .values_list("case__organization_path", "resolved_on", "occurred_on")
        )
        return [
            (path, working_days_between(resolved, decided))
            for path, resolved, decided in rows
            if resolved is not None
        ]

    return _kept(("admissions.delays", organization.path, period), query)


# --- values -----------------------------------------------------------------------------


def median(values: Sequence[int]) -> Value:
    """The median, an integer when it is one (an even count may give a half day)."""
    if not values:
        return None
    middle = Decimal(str(statistics.median(values)))
    return int(middle) if middle == middle.to_integral_value() else middle


def under(age: int, birth: dt.date | None, on: dt.date) -> bool:
    """Less than ``age`` full years old on ``on``."""
    return birth is not None and birth > add_years(on, -age)


# --- declarations -----------------------------------------------------------------------

PIPELINE = _("Admission cases at the end of the period")
ADMISSIONS = _("Admissions in the period")


def _declare(
    code: str,
    label: Any,
    rows: Callable[[Organization, Period], list[Row]],
    value: Callable[[Sequence[Row], Period], Value],
    *,
    group: Any,
    unit: Unit = Unit.COUNT,
    higher_is_better: bool | None = None,
    help: Any = "",
) -> Indicator:
    def compute(organization: Organization, period: Period) -> Value:
        return value(rows(organization, period), period)

    def by_child(organization: Organization, period: Period) -> dict[int, Value]:
        groups = _group_by_child(organization, rows(organization, period))
        return {pk: value(group_rows, period) for pk, group_rows in groups.items()}

    return register(
        Indicator(
            code=f"admissions.{code}",
            label=label,
            unit=unit,
            app="admissions",
            group=group,
            compute=compute,
            by_child=by_child,
            higher_is_better=higher_is_better,
            help=help,
        )
    )


def _at_end(organization: Organization, period: Period) -> list[Row]:
    return stages_at(organization, period.end)


for _stage in PIPELINE_STAGES:
    _declare(
        f"stage_{_stage.value}",
        _stage.label,
        _at_end,
        (lambda stage: lambda rows, _p: sum(1 for r in rows if r[1] == stage))(_stage.value),
        group=PIPELINE,
        help=_(
            "Cases at this stage at the end of the period's last day, derived from the steps "
            "recorded up to that day."
        ),
    )
_declare(
    "considered",
    _("Candidates being considered"),
    _at_end,
    lambda rows, _p: sum(1 for r in rows if r[1] in CONSIDERED),
    group=PIPELINE,
    higher_is_better=True,
    help=_(
        "Cases not yet at the ceremony at the end of the period: from the dossier to "
        "waiting for the ceremony."
    ),
)
_declare(
    "overdue",
    _("Cases overdue"),
    _at_end,
    lambda rows, p: sum(1 for r in rows if r[2] is not None and r[2] < p.end),
    group=PIPELINE,
    higher_is_better=False,
    help=_(
        "Cases in progress whose next deadline (as it stood at the end of the period) "
        "passed before the period's last day."
    ),
)

_declare(
    "admitted",
    _("Admitted (ceremony in the period)"),
    admissions_in,
    lambda rows, _p: len(rows),
    group=ADMISSIONS,
    higher_is_better=True,
    help=_(
        "First admissions whose ceremony was held in the period, where the candidate was "
        "considered: the day the registry records the admission. Readmissions are not "
        "counted."
    ),
)
_declare(
    "admitted_women",
    _("Admitted: women"),
    admissions_in,
    lambda rows, _p: sum(1 for r in rows if r[1] == "female"),
    group=ADMISSIONS,
    higher_is_better=True,
)
_declare(
    "admitted_ethnic_minority",
    _("Admitted: ethnic minorities"),
    admissions_in,
    lambda rows, _p: sum(1 for r in rows if r[2] not in MINORITY_EXCLUDED),
    group=ADMISSIONS,
    higher_is_better=True,
    help=_("Any ethnicity other than Kinh."),
)
_declare(
    "admitted_youth_union",
    _("Admitted: Youth Union members"),
    admissions_in,
    lambda rows, _p: sum(1 for r in rows if r[3]),
    group=ADMISSIONS,
    higher_is_better=True,
)
_declare(
    "admitted_under_30",
    _("Admitted: under 30"),
    admissions_in,
    lambda rows, _p: sum(1 for r in rows if under(YOUNG_AGE, r[4], r[5])),
    group=ADMISSIONS,
    higher_is_better=True,
    help=_("Less than 30 full years old on the day of the ceremony."),
)
_declare(
    "recognised_official",
    _("Recognised official (decision in the period)"),
    recognitions_in,
    lambda rows, _p: sum(1 for r in rows if r[1] == CaseStatus.OFFICIAL),
    group=ADMISSIONS,
    higher_is_better=True,
    help=_(
        "Decisions on recognition made in the period that recognise the member (official "
        "as of the end of the probation, which may fall in an earlier period)."
    ),
)
_declare(
    "struck_off",
    CaseStatus.STRUCK_OFF.label,
    recognitions_in,
    lambda rows, _p: sum(1 for r in rows if r[1] == CaseStatus.STRUCK_OFF),
    group=ADMISSIONS,
    higher_is_better=False,
    help=_(
        "Decisions made in the period that strike a probationary member off the list "
        "instead of recognising him or her."
    ),
)
_declare(
    "decision_working_days",
    _("Median working days from cell resolution to decision"),
    decision_delays_in,
    lambda rows, _p: median([r[1] for r in rows]),
    group=ADMISSIONS,
    unit=Unit.DAYS,
    higher_is_better=False,
    help=_(
        "For the admission decisions made in the period: working days after the cell's "
        "resolution up to the decision (the statutory limit is 60, extendable once by 30)."
    ),
)
