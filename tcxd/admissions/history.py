"""The stage history of every admission case (``CaseStageSpan``): what the admission
indicators need for the end of a past period without deriving every case of the subtree
again from its steps.

The stage of a case at the end of day D is ``pipeline.derive`` over the steps recorded up
to D (a case counts from the day it was opened until its first closing or recognition
decision; see ``indicators.stages_at``). It can only change on the day the case was opened
and on the days of its steps, so one span per such day holds it exactly:

- ``refresh(case, steps, state, since)``: after every write of a case (opening, a step,
  even back-dated) the spans from ``since`` on are written again; a step recorded on or
  after the last one (the usual case) derives nothing more than the service already did.
- ``rebuild()``: every case, once (a new database, or after a rule was edited: the stages
  and deadlines derive from the rules in force, and ``CaseStageBuild`` records the newest
  rule edit the spans were built with).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Max

from tcxd.rules.selectors import rule_book

from . import pipeline
from .choices import StepKind
from .models import AdmissionCase, CaseStageBuild, CaseStageSpan, CaseStep

FINISHING_STEPS = (StepKind.CLOSED, StepKind.RECOGNITION_DECISION)


def rules_stamp() -> int | None:
    from tcxd.audit.models import AuditEntry

    rules = AuditEntry.objects.filter(action__gte="rules.", action__lt="rules/")
    return rules.aggregate(m=Max("id"))["m"]  # type: ignore[no-any-return]


def spans(
    case: AdmissionCase,
    steps: Sequence[CaseStep],
    since: dt.date | None = None,
    final: pipeline.CaseState | None = None,
) -> list[CaseStageSpan]:
    """The spans of ``case`` starting on or after ``since`` (all when None). ``steps``
    ordered by date and recording order; ``final``: the state after all of them, if known."""
    finished = min((s.occurred_on for s in steps if s.kind in FINISHING_STEPS), default=None)
    days = sorted(
        {case.opened_on, *(s.occurred_on for s in steps if s.occurred_on > case.opened_on)}
    )
    if finished is not None:
        days = [d for d in days if d < finished]
    result = []
    for index, day in enumerate(days):
        end = days[index + 1] if index + 1 < len(days) else finished
        if since is not None and day < since:
            continue
        if final is not None and index + 1 == len(days) and steps[-1].occurred_on <= day:
            state = final  # no step after this day: the state after all of them
        else:
            state = pipeline.derive(case, [s for s in steps if s.occurred_on <= day])
        result.append(
            CaseStageSpan(
                case=case,
                organization_path=case.organization_path,
                stage=state.stage,
                due_on=state.due_on,
                start_on=day,
                end_on=end,
            )
        )
    return result


def refresh(
    case: AdmissionCase,
    steps: Sequence[CaseStep],
    state: pipeline.CaseState,
    since: dt.date,
) -> None:
    """Write the spans of ``case`` again from the one holding ``since`` on. The days before
    it are unchanged (steps are only added), so the span before still ends where the
    first rewritten one starts, or where a new closing decision now ends the case."""
    existing = CaseStageSpan.objects.filter(case=case)
    start = existing.filter(start_on__lte=since).aggregate(m=Max("start_on"))["m"]
    (existing.filter(start_on__gte=start) if start is not None else existing).delete()
    with rule_book():
        fresh = spans(case, steps, start, state if steps else None)
    CaseStageSpan.objects.bulk_create(fresh)


def rebuild() -> None:
    """The spans of every case (one fetch of the steps; one derivation per span)."""
    CaseStageSpan.objects.all().delete()
    by_case: dict[int, list[CaseStep]] = defaultdict(list)
    for step in CaseStep.objects.order_by("case_id", "occurred_on", "id"):
        by_case[step.case_id].append(step)
    rows: list[CaseStageSpan] = []
    with rule_book():
        for case in AdmissionCase.objects.select_related("organization__kind"):
            rows += spans(case, by_case.get(case.pk, []))
    CaseStageSpan.objects.bulk_create(rows, batch_size=2000)
    CaseStageBuild.objects.all().delete()
    CaseStageBuild.objects.create(rules_stamp=rules_stamp())


def ready(stamp: Any) -> None:
    """Build the spans when they never were, or were built before the newest rule edit."""
    build = CaseStageBuild.objects.first()
    if build is not None and build.rules_stamp == stamp:
        return
    from django.db import connection, transaction

    with transaction.atomic():
        if connection.vendor == "postgresql":  # one rebuild at a time; then look again
            with connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{CaseStageBuild._meta.db_table}" IN EXCLUSIVE MODE')
            build = CaseStageBuild.objects.first()
            if build is not None and build.rules_stamp == stamp:
                return
        rebuild()
