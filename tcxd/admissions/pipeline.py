"""Where a case stands, derived from its steps: stage, status, deadlines, what is missing.

The derivation reads the rule version in force on the date of each triggering step (a case
whose cell resolution predates a rule change keeps the old deadline) and counts working
days with ``tcxd.rules.workdays``. It never writes; ``admissions.services`` stores its
result on the case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from tcxd.rules.values import Duration, RuleValue, rule_value

from .choices import DOSSIER_STEPS, CaseKind, CaseStatus, RecognitionOutcome, Stage, StepKind

RULE = "admission"


@dataclasses.dataclass(frozen=True)
class Deadline:
    """``step`` is due by ``due_on``: ``duration`` counted from ``start_on`` (``basis``)."""

    step: str
    start_on: dt.date
    due_on: dt.date
    duration: str
    basis: str

    def label(self) -> str:
        return str(StepKind(self.step).label)


@dataclasses.dataclass
class CaseState:
    stage: str = Stage.DOSSIER
    status: str = CaseStatus.OPEN
    missing: list[str] = dataclasses.field(default_factory=list)
    deadline: Deadline | None = None
    certificate_valid_until: dt.date | None = None
    cell_resolution: Any = None
    committee_resolution: Any = None
    decision: Any = None
    ceremony: Any = None
    probation_ends_on: dt.date | None = None
    recognition_resolution: Any = None
    recognition_committee: Any = None
    recognition_decision: Any = None
    failed_recognition_rounds: int = 0
    escalated: bool = False
    extensions: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def due_on(self) -> dt.date | None:
        return self.deadline.due_on if self.deadline else None

    @property
    def admitted_on(self) -> dt.date | None:
        return self.decision.occurred_on if self.decision else None

    @property
    def ceremony_on(self) -> dt.date | None:
        return self.ceremony.occurred_on if self.ceremony else None

    @property
    def official_on(self) -> dt.date | None:
        if self.status == CaseStatus.OFFICIAL:
            return self.probation_ends_on
        return None


def value(key: str, on: dt.date) -> RuleValue:
    return rule_value(RULE, key, on=on)


def duration(key: str, on: dt.date) -> tuple[Duration, RuleValue]:
    rv = value(key, on)
    assert isinstance(rv.value, Duration), key
    return rv.value, rv


def deadline_after(
    step: str, key: str, start: dt.date, *, rule_on: dt.date, extra: int = 0
) -> Deadline:
    """``step`` is due ``key`` (a duration of the rule in force on ``rule_on``) after
    ``start``, plus ``extra`` working days of an extension."""
    span, rv = duration(key, rule_on)
    due = span.after(start)
    label = span.label()
    if extra:
        from tcxd.rules.workdays import add_working_days

        due = add_working_days(due, extra)
        label = _("%(span)s + %(extra)s working days of extension") % {
            "span": label,
            "extra": extra,
        }
    return Deadline(step=step, start_on=start, due_on=due, duration=label, basis=rv.cite())


def committee_required(organization: Any) -> bool:
    """A cell inside a party committee (chi bộ trực thuộc đảng ủy) goes through that
    committee's resolution; a grassroots cell (chi bộ cơ sở) proposes to the upper level
    directly (06-HD/TW mục 3.6–3.7)."""
    return getattr(getattr(organization, "kind", None), "code", "") == "cell"


def last(steps: Sequence[Any], kind: str, **match: Any) -> Any:
    found = None
    for step in steps:
        if step.kind == kind and all(getattr(step, k) == v for k, v in match.items()):
            found = step
    return found


def derive(case: Any, steps: Sequence[Any]) -> CaseState:
    """The state of ``case`` after ``steps`` (ordered by date, then recording order)."""
    s = CaseState()
    kinds = {step.kind for step in steps}
    needs_committee = committee_required(case.organization)

    certificate = last(steps, StepKind.CERTIFICATE)
    if certificate is not None:
        span, _rv = duration("awareness_certificate_validity", certificate.occurred_on)
        s.certificate_valid_until = span.after(certificate.occurred_on)
    s.missing = [str(StepKind(k).label) for k in DOSSIER_STEPS if k not in kinds]

    if StepKind.CLOSED in kinds:
        s.stage, s.status = Stage.DONE, CaseStatus.CLOSED
        s.missing = []
        return s

    s.cell_resolution = last(steps, StepKind.CELL_RESOLUTION, passed=True)
    if s.cell_resolution is None:
        s.stage = Stage.CELL if not s.missing else Stage.DOSSIER
        if certificate is not None and not s.missing:
            s.deadline = Deadline(
                step=StepKind.CELL_RESOLUTION,
                start_on=certificate.occurred_on,
                due_on=s.certificate_valid_until,  # type: ignore[arg-type]
                duration=_("validity of the awareness course certificate"),
                basis=value("awareness_certificate_validity", certificate.occurred_on).cite(),
            )
        return s
    s.missing = []
    resolved_on = s.cell_resolution.occurred_on
    extension = last(steps, StepKind.DECISION_EXTENSION)
    extra = int(extension.details.get("working_days", 0)) if extension else 0
    decision_due = deadline_after(
        StepKind.DECISION, "decision_deadline", resolved_on, rule_on=resolved_on, extra=extra
    )
    s.committee_resolution = last(steps, StepKind.COMMITTEE_RESOLUTION, passed=True)
    s.decision = last(steps, StepKind.DECISION)
    if s.decision is None:
        s.stage = (
            Stage.COMMITTEE if needs_committee and not s.committee_resolution else Stage.DECISION
        )
        s.deadline = decision_due
        return s

    received = s.decision.received_on or s.decision.occurred_on
    s.ceremony = last(steps, StepKind.CEREMONY)
    if s.ceremony is None:
        s.stage = Stage.CEREMONY
        s.deadline = deadline_after(
            StepKind.CEREMONY, "ceremony_deadline", received, rule_on=received
        )
        return s

    ceremony_on = s.ceremony.occurred_on
    span, _rv = duration("probation", ceremony_on)
    s.probation_ends_on = span.after(ceremony_on)
    s.status = CaseStatus.PROBATION
    s.recognition_decision = last(steps, StepKind.RECOGNITION_DECISION)
    if s.recognition_decision is not None:
        s.stage = Stage.DONE
        outcome = s.recognition_decision.details.get("outcome")
        s.status = (
            CaseStatus.OFFICIAL
            if outcome == RecognitionOutcome.RECOGNISED
            else CaseStatus.STRUCK_OFF
        )
        return s

    rounds = [st for st in steps if st.kind == StepKind.RECOGNITION_CELL_RESOLUTION]
    s.recognition_resolution = last(steps, StepKind.RECOGNITION_CELL_RESOLUTION, passed=True)
    s.failed_recognition_rounds = sum(1 for st in rounds if not st.passed)
    max_rounds = int(value("recognition_vote_rounds", s.probation_ends_on).value)  # type: ignore[arg-type]
    if s.recognition_resolution is None:
        if s.failed_recognition_rounds >= max_rounds:
            s.stage, s.escalated = Stage.ESCALATED, True
            return s
        s.stage = Stage.PROBATION if not rounds else Stage.RECOGNITION
        s.deadline = deadline_after(
            StepKind.RECOGNITION_CELL_RESOLUTION,
            "recognition_consideration",
            s.probation_ends_on,
            rule_on=s.probation_ends_on,
        )
        return s
    s.stage = Stage.RECOGNITION
    s.recognition_committee = last(steps, StepKind.RECOGNITION_COMMITTEE_RESOLUTION, passed=True)
    resolved_on = s.recognition_resolution.occurred_on
    extension = last(steps, StepKind.RECOGNITION_EXTENSION)
    extra = int(extension.details.get("working_days", 0)) if extension else 0
    s.deadline = deadline_after(
        StepKind.RECOGNITION_DECISION,
        "recognition_decision_deadline",
        resolved_on,
        rule_on=resolved_on,
        extra=extra,
    )
    return s


def is_readmission(case: Any) -> bool:
    return case.kind == CaseKind.READMISSION


def next_steps(
    case: Any, steps: Sequence[Any], state: CaseState, today: dt.date | None = None
) -> list[str]:
    """The steps that may be recorded now, in statutory order (the services check again).
    Recognition is offered once the probation has ended on ``today``."""
    if state.status in (CaseStatus.CLOSED, CaseStatus.OFFICIAL, CaseStatus.STRUCK_OFF):
        return []
    kinds = {step.kind for step in steps}
    needs_committee = committee_required(case.organization)
    allowed: list[str] = []
    if state.cell_resolution is None:
        for kind in DOSSIER_STEPS:
            if kind in kinds:
                continue
            if kind == StepKind.PERSONAL_HISTORY and StepKind.APPLICATION not in kinds:
                continue
            if kind == StepKind.VERIFICATION and StepKind.PERSONAL_HISTORY not in kinds:
                continue
            allowed.append(kind)
        if not state.missing:
            allowed.append(StepKind.CELL_RESOLUTION)
    elif state.decision is None:
        if needs_committee and state.committee_resolution is None:
            allowed.append(StepKind.COMMITTEE_RESOLUTION)
        else:
            allowed.append(StepKind.DECISION)
        if StepKind.DECISION_EXTENSION not in kinds:
            allowed.append(StepKind.DECISION_EXTENSION)
    elif state.ceremony is None:
        allowed.append(StepKind.CEREMONY)
    elif state.escalated:
        allowed.append(StepKind.RECOGNITION_DECISION)
    elif state.recognition_resolution is None:
        if today is None or state.probation_ends_on is None or today >= state.probation_ends_on:
            allowed.append(StepKind.RECOGNITION_CELL_RESOLUTION)
    else:
        if needs_committee and state.recognition_committee is None:
            allowed.append(StepKind.RECOGNITION_COMMITTEE_RESOLUTION)
        else:
            allowed.append(StepKind.RECOGNITION_DECISION)
        if StepKind.RECOGNITION_EXTENSION not in kinds:
            allowed.append(StepKind.RECOGNITION_EXTENSION)
    if state.ceremony is None:
        allowed.append(StepKind.CLOSED)
    return allowed
