"""Writes to admission cases. Every function: keyword-only, ``actor=``, one transaction,
the rule checks (each refusal cites the rule and its legal basis), and its audit entry.

A step that breaks a rule raises ``DomainError`` and nothing is saved. The case's cached
state is rebuilt from all its steps after each write (``pipeline.derive``). Admission (the
ceremony) and recognition write the member registry through ``tcxd.members.services``: the
new member gets one event, the same history as everyone else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.core.locking import bump_version
from tcxd.core.text import normalize_text
from tcxd.members import services as member_services
from tcxd.members.choices import (
    CURRENT_STATUSES,
    READMISSIBLE_STATUSES,
    EventKind,
    MemberStatus,
)
from tcxd.members.models import Member, MembershipPeriod, Person
from tcxd.members.state import months_between
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_book, rule_in_force
from tcxd.rules.values import Duration, Threshold

from . import history, pipeline
from .choices import (
    DOSSIER_STEPS,
    CaseKind,
    CaseStatus,
    IntroducerKind,
    RecognitionOutcome,
    Relation,
    Stage,
    StepKind,
    VerificationResult,
)
from .models import AdmissionCase, CaseStep, Introducer, StepFile, Verification


def _d(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def refuse(code: str, message: str, field: str | None = None) -> DomainError:
    return DomainError(code, message, fields={field: [message]} if field else None)


def _require_change(actor: Any, organization: Organization) -> None:
    if not can(actor, Action.CHANGE, organization.path):
        raise refuse(
            "out_of_scope",
            _("%(org)s is outside the organizations you manage.") % {"org": organization.name},
            "organization",
        )


def _bump_version(case: AdmissionCase, expected_version: int | None) -> None:
    bump_version(
        case,
        expected_version,
        _(
            "Someone else recorded a step of this case after you opened it. Nothing was "
            "saved: reload the page to see it, then try again."
        ),
    )


def _write_state(case: AdmissionCase, state: pipeline.CaseState) -> None:
    case.stage = state.stage
    case.status = state.status
    case.due_on = state.due_on
    case.due_step = state.deadline.step if state.deadline else ""
    case.admitted_on = state.admitted_on
    case.ceremony_on = state.ceremony_on
    case.official_on = state.official_on
    AdmissionCase.objects.filter(pk=case.pk).update(
        stage=case.stage,
        status=case.status,
        due_on=case.due_on,
        due_step=case.due_step,
        admitted_on=case.admitted_on,
        ceremony_on=case.ceremony_on,
        official_on=case.official_on,
        member=case.member,
    )


def case_steps(case: AdmissionCase) -> list[CaseStep]:
    return list(case.steps.order_by("occurred_on", "id"))


def case_state(case: AdmissionCase) -> pipeline.CaseState:
    return pipeline.derive(case, case_steps(case))


# --- opening a case --------------------------------------------------------------------


@transaction.atomic
@rule_book()
def case_open(
    *,
    actor: Any,
    person: Person,
    organization: Organization,
    opened_on: dt.date,
    kind: str = CaseKind.ADMISSION,
    youth_union_member: bool = False,
) -> AdmissionCase:
    """Open the case of a candidate in the cell that will consider him or her."""
    _require_change(actor, organization)
    if not organization.kind.holds_members:
        raise refuse(
            "not_a_cell",
            _("%(org)s is not a cell: candidates are considered by a cell.")
            % {"org": organization.name},
            "organization",
        )
    member = Member.objects.filter(person=person).first()
    if kind == CaseKind.ADMISSION and member is not None:
        raise refuse(
            "already_member" if member.status in CURRENT_STATUSES else "use_readmission",
            _("%(name)s is or was a party member: open a readmission case instead.")
            % {"name": person.full_name},
            "kind",
        )
    if kind == CaseKind.READMISSION and (
        member is None or member.status not in READMISSIBLE_STATUSES
    ):
        raise refuse(
            "not_readmissible",
            _("Only a person who was expelled, struck off or left can be readmitted."),
            "kind",
        )
    if AdmissionCase.objects.filter(
        person=person, status__in=[CaseStatus.OPEN, CaseStatus.PROBATION]
    ).exists():
        raise refuse("case_exists", _("This person already has a case in progress."))
    case = AdmissionCase.objects.create(
        person=person,
        organization=organization,
        organization_path=organization.path,
        kind=kind,
        youth_union_member=youth_union_member,
        opened_on=opened_on,
        stage=Stage.DOSSIER,
        status=CaseStatus.OPEN,
        member=member,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    steps = case_steps(case)
    state = pipeline.derive(case, steps)
    _write_state(case, state)
    history.refresh(case, steps, state, opened_on)
    record(
        actor=actor,
        action="admissions.case_open",
        target=case,
        organization=organization,
        changes={"after": {"person": person.pk, "kind": kind, "opened_on": opened_on}},
    )
    return case


# --- recording a step ------------------------------------------------------------------


def vote_base(
    organization: Organization, on: dt.date, *, exempt_present: int = 0
) -> dict[str, int]:
    """The vote base of a cell on ``on`` (294-QĐ/TW điểm 9.3.2): its official members, less
    those on temporary transfer elsewhere and the exempt members who are absent."""
    rows = MembershipPeriod.objects.filter(
        organization=organization, status=MemberStatus.OFFICIAL, start_on__lte=on
    ).filter(Q(end_on__isnull=True) | Q(end_on__gt=on))
    official = away = exempt = 0
    for host_id, is_exempt in rows.values_list("host_organization_id", "is_exempt"):
        official += 1
        if host_id is not None and host_id != organization.pk:
            away += 1
        elif is_exempt:
            exempt += 1
    present = min(max(exempt_present, 0), exempt)
    return {
        "official": official,
        "away": away,
        "exempt": exempt,
        "exempt_present": present,
        "base": official - away - (exempt - present),
    }


def _age_check(case: AdmissionCase, on: dt.date, details: Mapping[str, Any]) -> None:
    birth = case.person.birth_on
    if birth is None:
        raise refuse(
            "birth_unknown",
            _("The candidate's date of birth is not recorded: age cannot be checked."),
        )
    months = months_between(birth, on)
    low = pipeline.value("age_min_months", on)
    high = pipeline.value("age_max_months", on)
    years, rest = divmod(months, 12)
    if months < int(low.value):  # type: ignore[arg-type]
        raise refuse(
            "too_young",
            _(
                "On %(date)s the candidate is %(years)s years %(months)s months old: the cell "
                "may consider only candidates who are at least %(min)s full years old "
                "(%(basis)s)."
            )
            % {
                "date": _d(on),
                "years": years,
                "months": rest,
                "min": int(low.value) // 12,  # type: ignore[arg-type]
                "basis": low.cite(),
            },
            "occurred_on",
        )
    if months > int(high.value) and not normalize_text(details.get("over_age_consent", "")):  # type: ignore[arg-type]
        raise refuse(
            "over_age",
            _(
                "On %(date)s the candidate is %(years)s years %(months)s months old, over "
                "%(max)s: admission needs the written consent of the standing committee of "
                "the city party committee; enter its document number (%(basis)s)."
            )
            % {
                "date": _d(on),
                "years": years,
                "months": rest,
                "max": int(high.value) // 12,  # type: ignore[arg-type]
                "basis": high.cite(),
            },
            "over_age_consent",
        )


def _readmission_check(case: AdmissionCase, on: dt.date, details: Mapping[str, Any]) -> None:
    """Readmission (294-QĐ/TW điểm 3.5.1–3.5.2): at least the rule's months since leaving,
    only as many times as the rule allows, and none of the excluded cases."""
    member = case.member
    assert member is not None
    rule = rule_in_force("readmission", on=on)
    if rule is not None:
        months = months_between(member.status_since, on)
        need = int(rule.values["min_months_since_leaving"])
        if months < need:
            raise refuse(
                "readmission_too_soon",
                _(
                    "Readmission needs at least %(n)s months since leaving the Party "
                    "(%(basis)s); only %(months)s have passed."
                )
                % {"n": need, "basis": rule.legal_basis, "months": months},
                "occurred_on",
            )
        done = member.events.filter(kind=EventKind.READMITTED).count()
        if done >= int(rule.values["max_readmissions"]):
            raise refuse(
                "readmission_limit",
                _("A person can be readmitted only %(n)s time(s) (%(basis)s).")
                % {"n": rule.values["max_readmissions"], "basis": rule.legal_basis},
            )
    if not details.get("exclusions_checked"):
        raise refuse(
            "readmission_exclusions",
            _(
                "Confirm that none of the cases excluded from readmission applies "
                "(294-QĐ/TW điểm 3.5.2)."
            ),
            "exclusions_checked",
        )


def _check_vote(kind: str, on: dt.date, votes_for: int | None, base: int) -> tuple[bool, Any]:
    key = (
        "cell_vote"
        if kind in (StepKind.CELL_RESOLUTION, StepKind.RECOGNITION_CELL_RESOLUTION)
        else "committee_vote"
    )
    rv = pipeline.value(key, on)
    threshold = rv.value
    assert isinstance(threshold, Threshold)
    if votes_for is None:
        raise refuse("votes_required", _("Enter the number of votes in favour."), "votes_for")
    if base <= 0:
        raise refuse(
            "no_vote_base",
            _("No member can vote: the number of members counted is 0."),
            "vote_base",
        )
    if votes_for > base:
        raise refuse(
            "too_many_votes",
            _("%(votes)s votes in favour is more than the %(base)s members counted.")
            % {"votes": votes_for, "base": base},
            "votes_for",
        )
    return threshold.met(votes_for, base), rv


def _order_error(kind: str, needed: str) -> DomainError:
    return refuse(
        "out_of_order",
        _("%(step)s cannot be recorded now: %(needed)s comes first.")
        % {"step": StepKind(kind).label, "needed": needed},
    )


def _not_before(kind: str, on: dt.date, earlier: Any) -> None:
    if earlier is not None and on < earlier.occurred_on:
        raise refuse(
            "date_before_previous",
            _("%(step)s cannot be dated %(date)s, before the %(previous)s of %(prev_date)s.")
            % {
                "step": StepKind(kind).label,
                "date": _d(on),
                "previous": str(StepKind(earlier.kind).label).lower(),
                "prev_date": _d(earlier.occurred_on),
            },
            "occurred_on",
        )


def _check_introducers(
    case: AdmissionCase, on: dt.date, introducers: Sequence[Mapping[str, Any]]
) -> list[Introducer]:
    """Điều lệ Điều 4.1–4.2; 294-QĐ/TW điểm 3.2.1: two official members, or the Youth
    Union committee plus one official member, or the trade union committee plus one (where
    there is no Youth Union); each member introducer knew the candidate at least 12 months
    in the same unit; a probationary member cannot introduce."""
    acquaintance = pipeline.value("introducer_acquaintance", on)
    span = acquaintance.value
    assert isinstance(span, Duration)
    members = [i for i in introducers if i.get("kind") == IntroducerKind.MEMBER]
    bodies = [i for i in introducers if i.get("kind") != IntroducerKind.MEMBER]
    if not ((len(members) == 2 and not bodies) or (len(members) == 1 and len(bodies) == 1)):
        raise refuse(
            "introducers",
            _(
                "The candidate is introduced by two official members, or by the Youth Union "
                "committee (or, where there is none, the trade union committee) together "
                "with one official member (Điều lệ Đảng Điều 4)."
            ),
            "introducers",
        )
    rows = []
    seen = set()
    for item in introducers:
        kind = item["kind"]
        if kind != IntroducerKind.MEMBER:
            name = normalize_text(item.get("name", "")) or str(IntroducerKind(kind).label)
            rows.append(Introducer(kind=kind, name=name))
            continue
        member = item.get("member")
        if not isinstance(member, Member):
            raise refuse(
                "introducer_required", _("Choose the party member who introduces."), "introducers"
            )
        if member.pk in seen:
            raise refuse(
                "introducer_twice",
                _("The two introducers must be different members."),
                "introducers",
            )
        seen.add(member.pk)
        name = member.person.full_name
        if member.person_id == case.person_id:
            raise refuse(
                "introducer_self",
                _("A candidate cannot introduce himself or herself."),
                "introducers",
            )
        official_since = member.official_on
        if member.status != MemberStatus.OFFICIAL or official_since is None or official_since > on:
            raise refuse(
                "introducer_not_official",
                _(
                    "%(name)s is not an official member on %(date)s: only official members "
                    "can introduce; a probationary member cannot (%(basis)s)."
                )
                % {"name": name, "date": _d(on), "basis": acquaintance.cite()},
                "introducers",
            )
        known_since = item.get("known_since")
        if known_since is None:
            raise refuse(
                "introducer_known_since",
                _("Enter since when %(name)s has worked, studied or lived with the candidate.")
                % {"name": name},
                "introducers",
            )
        if span.after(known_since) > on:
            known = months_between(known_since, on)
            raise refuse(
                "introducer_too_recent",
                _(
                    "%(name)s has known the candidate in the same unit for %(months)s months "
                    "only (since %(since)s): an introducer must have worked, studied or lived "
                    "with the candidate for at least %(span)s (%(basis)s)."
                )
                % {
                    "name": name,
                    "months": known,
                    "since": _d(known_since),
                    "span": span.label(),
                    "basis": acquaintance.cite(),
                },
                "introducers",
            )
        rows.append(Introducer(kind=kind, member=member, name=name, known_since=known_since))
    return rows


def _check_verifications(items: Sequence[Mapping[str, Any]]) -> list[Verification]:
    rows = []
    for item in items:
        name = normalize_text(item.get("name", ""))
        if not name:
            continue
        if item.get("relation") not in Relation.values:
            raise refuse(
                "relation_required",
                _("Choose how %(name)s is related to the applicant.") % {"name": name},
                "verifications",
            )
        rows.append(
            Verification(
                relation=item["relation"],
                name=name,
                result=item.get("result") or VerificationResult.VERIFIED,
            )
        )
    if not any(
        v.relation == Relation.SELF and v.result == VerificationResult.VERIFIED for v in rows
    ):
        raise refuse(
            "verify_applicant",
            _("The applicant's own personal history must be verified (06-HD/TW mục 3.4)."),
            "verifications",
        )
    return rows


@transaction.atomic
@rule_book()
def step_record(
    *,
    actor: Any,
    case: AdmissionCase,
    kind: str,
    occurred_on: dt.date,
    expected_version: int | None,
    document_number: str = "",
    received_on: dt.date | None = None,
    votes_for: int | None = None,
    vote_base_value: int | None = None,
    exempt_present: int = 0,
    introducers: Sequence[Mapping[str, Any]] = (),
    verifications: Sequence[Mapping[str, Any]] = (),
    details: Mapping[str, Any] | None = None,
    note: str = "",
    files: Iterable[Any] = (),
) -> CaseStep:
    """Record one step of ``case``, checked against the rule in force on its date."""
    _require_change(actor, case.organization)
    if kind not in StepKind.values:
        raise refuse("unknown_step", _("Unknown step."), "kind")
    details = dict(details or {})
    today = timezone.localdate()
    if occurred_on > today:
        raise refuse(
            "future_date",
            _("%(date)s is in the future: record a step once it has happened.")
            % {"date": _d(occurred_on)},
            "occurred_on",
        )
    steps = case_steps(case)
    state = pipeline.derive(case, steps)
    kinds = {s.kind for s in steps}
    step = CaseStep(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        document_number=normalize_text(document_number),
        received_on=received_on,
        note=normalize_text(note),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    related: list[Any] = []
    rule_used: Any = None
    member_action: Any = None

    if state.status in (CaseStatus.CLOSED, CaseStatus.OFFICIAL, CaseStatus.STRUCK_OFF):
        raise refuse("case_finished", _("This case is finished: no step can be added."))
    if occurred_on < case.opened_on and kind != StepKind.CERTIFICATE:
        raise refuse(
            "before_opening",
            _("%(step)s cannot be dated before the case was opened (%(date)s).")
            % {"step": StepKind(kind).label, "date": _d(case.opened_on)},
            "occurred_on",
        )

    if kind in DOSSIER_STEPS:
        if state.cell_resolution is not None:
            raise refuse(
                "dossier_closed",
                _("The cell has already adopted its resolution: the dossier cannot change."),
            )
        if kind in kinds:
            raise refuse(
                "step_twice",
                _("%(step)s is already recorded.") % {"step": StepKind(kind).label},
            )
        if kind == StepKind.PERSONAL_HISTORY:
            if StepKind.APPLICATION not in kinds:
                raise _order_error(kind, str(StepKind.APPLICATION.label))
            _not_before(kind, occurred_on, pipeline.last(steps, StepKind.APPLICATION))
        if kind == StepKind.VERIFICATION:
            if StepKind.PERSONAL_HISTORY not in kinds:
                raise _order_error(kind, str(StepKind.PERSONAL_HISTORY.label))
            _not_before(kind, occurred_on, pipeline.last(steps, StepKind.PERSONAL_HISTORY))
            related = _check_verifications(verifications)
        if kind == StepKind.CERTIFICATE:
            rule_used = pipeline.value("awareness_certificate_validity", occurred_on).rule
        if kind == StepKind.INTRODUCTION:
            related = _check_introducers(case, occurred_on, introducers)
            rule_used = pipeline.value("introducer_acquaintance", occurred_on).rule
    elif kind == StepKind.CELL_RESOLUTION:
        if state.missing:
            raise _order_error(kind, ", ".join(state.missing))
        if state.cell_resolution is not None:
            raise refuse("step_twice", _("The cell has already adopted its resolution."))
        for earlier in steps:
            _not_before(kind, occurred_on, earlier)
        certificate = pipeline.last(steps, StepKind.CERTIFICATE)
        validity = pipeline.value("awareness_certificate_validity", certificate.occurred_on)
        if occurred_on > state.certificate_valid_until:  # type: ignore[operator]
            raise refuse(
                "certificate_expired",
                _(
                    "The awareness course certificate of %(issued)s was valid until %(until)s "
                    "(%(span)s, %(basis)s): the candidate must attend the course again before "
                    "the cell considers admission."
                )
                % {
                    "issued": _d(certificate.occurred_on),
                    "until": _d(state.certificate_valid_until),
                    "span": validity.value.label(),  # type: ignore[union-attr]
                    "basis": validity.cite(),
                },
                "occurred_on",
            )
        _age_check(case, occurred_on, details)
        if case.kind == CaseKind.READMISSION:
            _readmission_check(case, occurred_on, details)
        base = vote_base(case.organization, occurred_on, exempt_present=exempt_present)
        details["vote_base"] = base
        step.vote_base = base["base"]
        step.votes_for = votes_for
        step.passed, rv = _check_vote(kind, occurred_on, votes_for, base["base"])
        rule_used = rv.rule
    elif kind in (StepKind.COMMITTEE_RESOLUTION, StepKind.RECOGNITION_COMMITTEE_RESOLUTION):
        cell = (
            state.cell_resolution
            if kind == StepKind.COMMITTEE_RESOLUTION
            else state.recognition_resolution
        )
        done = (
            state.committee_resolution
            if kind == StepKind.COMMITTEE_RESOLUTION
            else state.recognition_committee
        )
        if cell is None:
            raise _order_error(
                kind,
                str(
                    StepKind.CELL_RESOLUTION.label
                    if kind == StepKind.COMMITTEE_RESOLUTION
                    else StepKind.RECOGNITION_CELL_RESOLUTION.label
                ),
            )
        if not pipeline.committee_required(case.organization):
            raise refuse(
                "no_committee",
                _("%(org)s is a grassroots cell: its resolution goes to the upper level directly.")
                % {"org": case.organization.name},
            )
        if done is not None:
            raise refuse(
                "step_twice", _("%(step)s is already recorded.") % {"step": StepKind(kind).label}
            )
        _not_before(kind, occurred_on, cell)
        if vote_base_value is None:
            raise refuse(
                "vote_base_required", _("Enter the number of committee members."), "vote_base"
            )
        step.vote_base = vote_base_value
        step.votes_for = votes_for
        step.passed, rv = _check_vote(kind, occurred_on, votes_for, vote_base_value)
        rule_used = rv.rule
    elif kind in (StepKind.DECISION_EXTENSION, StepKind.RECOGNITION_EXTENSION):
        target = (
            StepKind.DECISION
            if kind == StepKind.DECISION_EXTENSION
            else StepKind.RECOGNITION_DECISION
        )
        if state.deadline is None or state.deadline.step != target:
            raise _order_error(
                kind,
                str(
                    StepKind(
                        StepKind.CELL_RESOLUTION
                        if target == StepKind.DECISION
                        else StepKind.RECOGNITION_CELL_RESOLUTION
                    ).label
                ),
            )
        if kind in kinds:
            raise refuse("extension_twice", _("The deadline can be extended only once."))
        limit = pipeline.value("decision_extension_max", state.deadline.start_on)
        span = limit.value
        assert isinstance(span, Duration)
        days = int(details.get("working_days") or 0)
        if not 0 < days <= span.value:
            raise refuse(
                "extension_too_long",
                _("An extension is at most %(span)s, once (%(basis)s).")
                % {"span": span.label(), "basis": limit.cite()},
                "working_days",
            )
        if occurred_on > state.deadline.due_on:
            raise refuse(
                "extension_late",
                _("The deadline (%(date)s) has already passed: it can no longer be extended.")
                % {"date": _d(state.deadline.due_on)},
                "occurred_on",
            )
        details["working_days"] = days
        rule_used = limit.rule
    elif kind == StepKind.DECISION:
        if state.cell_resolution is None:
            raise _order_error(kind, str(StepKind.CELL_RESOLUTION.label))
        if pipeline.committee_required(case.organization) and state.committee_resolution is None:
            raise _order_error(kind, str(StepKind.COMMITTEE_RESOLUTION.label))
        if state.decision is not None:
            raise refuse("step_twice", _("The admission decision is already recorded."))
        _not_before(kind, occurred_on, state.cell_resolution)
        _not_before(kind, occurred_on, state.committee_resolution)
        deadline = state.deadline
        assert deadline is not None
        if occurred_on > deadline.due_on:
            raise refuse(
                "decision_late",
                _(
                    "The decision must be made by %(due)s: %(span)s after the cell resolution "
                    "of %(start)s (%(basis)s). Record an extension (at most once) before the "
                    "deadline, or the cell must consider the candidate again."
                )
                % {
                    "due": _d(deadline.due_on),
                    "span": deadline.duration,
                    "start": _d(deadline.start_on),
                    "basis": deadline.basis,
                },
                "occurred_on",
            )
        if case.kind == CaseKind.READMISSION and not normalize_text(
            details.get("consent_number", "")
        ):
            raise refuse(
                "readmission_consent",
                _(
                    "Readmission needs the written consent of the standing committee of the "
                    "city party committee: enter its document number (294-QĐ/TW điểm 3.5.1)."
                ),
                "consent_number",
            )
        if not step.document_number:
            raise refuse(
                "number_required", _("Enter the number of the decision."), "document_number"
            )
        step.received_on = received_on or occurred_on
        if step.received_on < occurred_on:
            raise refuse(
                "received_before_decision",
                _("The decision cannot be received before it is made."),
                "received_on",
            )
        rule_used = pipeline.value("decision_deadline", deadline.start_on).rule
    elif kind == StepKind.CEREMONY:
        if state.decision is None:
            raise _order_error(kind, str(StepKind.DECISION.label))
        if state.ceremony is not None:
            raise refuse("step_twice", _("The ceremony is already recorded."))
        received = state.decision.received_on or state.decision.occurred_on
        if occurred_on < received:
            raise refuse(
                "ceremony_before_decision",
                _("The ceremony cannot be held before the decision is received (%(date)s).")
                % {"date": _d(received)},
                "occurred_on",
            )
        deadline = state.deadline
        assert deadline is not None
        if occurred_on > deadline.due_on and not normalize_text(details.get("late_consent", "")):
            raise refuse(
                "ceremony_late",
                _(
                    "The ceremony must be held by %(due)s: %(span)s after the decision was "
                    "received (%(basis)s). Later only with the consent of the upper-level "
                    "committee: enter its document number."
                )
                % {"due": _d(deadline.due_on), "span": deadline.duration, "basis": deadline.basis},
                "late_consent",
            )
        rule_used = pipeline.value("ceremony_deadline", received).rule
        member_action = ("admit", state)
    elif kind == StepKind.RECOGNITION_CELL_RESOLUTION:
        if state.ceremony is None:
            raise _order_error(kind, str(StepKind.CEREMONY.label))
        if state.recognition_resolution is not None:
            raise refuse(
                "step_twice", _("The cell has already adopted its resolution on recognition.")
            )
        if state.escalated:
            raise refuse(
                "escalated",
                _(
                    "The cell has voted %(n)s times without reaching the threshold: the upper "
                    "level decides now."
                )
                % {"n": state.failed_recognition_rounds},
            )
        if occurred_on < state.probation_ends_on:  # type: ignore[operator]
            raise refuse(
                "probation_not_over",
                _("The probation ends on %(date)s: the cell considers recognition after that.")
                % {"date": _d(state.probation_ends_on)},
                "occurred_on",
            )
        proposal = details.get("proposal") or RecognitionOutcome.RECOGNISED
        if proposal not in RecognitionOutcome.values:
            raise refuse("proposal", _("Choose what the cell proposes."), "proposal")
        details["proposal"] = proposal
        base = vote_base(case.organization, occurred_on, exempt_present=exempt_present)
        details["vote_base"] = base
        step.vote_base = base["base"]
        step.votes_for = votes_for
        step.passed, rv = _check_vote(kind, occurred_on, votes_for, base["base"])
        rule_used = rv.rule
    elif kind == StepKind.RECOGNITION_DECISION:
        if state.ceremony is None:
            raise _order_error(kind, str(StepKind.CEREMONY.label))
        if not state.escalated:
            if state.recognition_resolution is None:
                raise _order_error(kind, str(StepKind.RECOGNITION_CELL_RESOLUTION.label))
            if (
                pipeline.committee_required(case.organization)
                and state.recognition_committee is None
            ):
                raise _order_error(kind, str(StepKind.RECOGNITION_COMMITTEE_RESOLUTION.label))
            _not_before(kind, occurred_on, state.recognition_resolution)
            _not_before(kind, occurred_on, state.recognition_committee)
            details["outcome"] = state.recognition_resolution.details.get("proposal")
            deadline = state.deadline
            assert deadline is not None
            if occurred_on > deadline.due_on:
                raise refuse(
                    "decision_late",
                    _(
                        "The decision must be made by %(due)s: %(span)s after the cell "
                        "resolution of %(start)s (%(basis)s). Record an extension (at most "
                        "once) before the deadline."
                    )
                    % {
                        "due": _d(deadline.due_on),
                        "span": deadline.duration,
                        "start": _d(deadline.start_on),
                        "basis": deadline.basis,
                    },
                    "occurred_on",
                )
            rule_used = pipeline.value("recognition_decision_deadline", deadline.start_on).rule
        else:
            if details.get("outcome") not in RecognitionOutcome.values:
                raise refuse("outcome", _("Choose the decision of the upper level."), "outcome")
            if occurred_on < state.probation_ends_on:  # type: ignore[operator]
                raise refuse(
                    "probation_not_over",
                    _("The probation ends on %(date)s.") % {"date": _d(state.probation_ends_on)},
                    "occurred_on",
                )
        if not step.document_number:
            raise refuse(
                "number_required", _("Enter the number of the decision."), "document_number"
            )
        member_action = ("recognise", state)
    elif kind == StepKind.CLOSED:
        if state.ceremony is not None:
            raise refuse(
                "already_admitted",
                _(
                    "The candidate is already admitted: the probation ends with a decision on "
                    "recognition."
                ),
            )
        if not normalize_text(details.get("reason", "")):
            raise refuse("reason_required", _("Enter why the case is closed."), "reason")

    step.details = details
    step.rule = rule_used
    _bump_version(case, expected_version)
    step.save()
    for row in related:
        row.step = step
        row.save()
    for upload in files:
        StepFile.objects.create(step=step, file=upload, name=getattr(upload, "name", "")[:255])

    if member_action is not None:
        _write_member(actor, case, step, member_action[1])
    steps = case_steps(case)
    new_state = pipeline.derive(case, steps)
    _write_state(case, new_state)
    history.refresh(case, steps, new_state, occurred_on)
    record(
        actor=actor,
        action=f"admissions.{kind}",
        target=case,
        organization=case.organization,
        changes={
            "step": {
                "kind": kind,
                "occurred_on": occurred_on,
                "document_number": step.document_number,
                "votes_for": step.votes_for,
                "vote_base": step.vote_base,
                "passed": step.passed,
            },
            "after": {
                "stage": new_state.stage,
                "status": new_state.status,
                "due_on": new_state.due_on,
            },
        },
    )
    return step


def _write_member(
    actor: Any, case: AdmissionCase, step: CaseStep, state: pipeline.CaseState
) -> None:
    """The registry side: the ceremony admits (or readmits), the decision on recognition
    recognises as of the end of probation or strikes off."""
    if step.kind == StepKind.CEREMONY:
        decision = state.decision
        if case.kind == CaseKind.ADMISSION:
            case.member = member_services.member_admit(
                actor=actor,
                person=case.person,
                organization=case.organization,
                admitted_on=decision.occurred_on,
                ceremony_on=step.occurred_on,
                decision_number=decision.document_number,
            )
        else:
            member_services.member_record_event(
                actor=actor,
                member=case.member,  # type: ignore[arg-type]
                kind=EventKind.READMITTED,
                occurred_on=step.occurred_on,
                decision_on=decision.occurred_on,
                decision_number=decision.document_number,
                organization=case.organization,
                expected_version=None,
            )
        return
    assert case.member_id is not None  # set by the ceremony
    member = Member.objects.get(pk=case.member_id)
    span, _rv = pipeline.duration("probation", state.ceremony.occurred_on)
    ends = span.after(state.ceremony.occurred_on)
    if step.details.get("outcome") == RecognitionOutcome.RECOGNISED:
        member_services.member_record_event(
            actor=actor,
            member=member,
            kind=EventKind.RECOGNISED_OFFICIAL,
            occurred_on=ends,
            decision_on=step.occurred_on,
            decision_number=step.document_number,
            expected_version=None,
        )
    else:
        member_services.member_record_event(
            actor=actor,
            member=member,
            kind=EventKind.STRUCK_OFF,
            occurred_on=step.occurred_on,
            decision_on=step.occurred_on,
            decision_number=step.document_number,
            note=_("Not recognised as official member at the end of probation."),
            expected_version=None,
        )
