"""The admission path against the rules: order, deadlines, thresholds, validity, ages.

Calendar used by the hand counts below (Vietnam, 2025): Giỗ Tổ Hùng Vương Mon 07/04;
30/4 Wed and 1/5 Thu; the compensatory day off Fri 02/05 with the make-up working Saturday
26/04 (tcxd/rules migrations). A count "n working days after D" starts the day after D.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tcxd.admissions import pipeline, services
from tcxd.admissions.choices import (
    CaseKind,
    CaseStatus,
    IntroducerKind,
    RecognitionOutcome,
    Stage,
    StepKind,
)
from tcxd.admissions.models import CaseStep
from tcxd.core.errors import DomainError
from tcxd.members.choices import EventKind, MemberStatus
from tcxd.members.models import Member
from tcxd.members.selectors import party_age_of
from tcxd.members.services import member_record_event, person_create
from tcxd.rules.models import RuleSet
from tcxd.testing.factories import make_member, person_data

from .conftest import D, World, dossier, introducers, step

pytestmark = pytest.mark.django_db


RESOLUTION_ON = D(2025, 3, 3)


def to_cell_resolution(world: World, on: dt.date = RESOLUTION_ON, votes: int = 9) -> None:
    dossier(world)
    step(world, StepKind.CELL_RESOLUTION, on, votes_for=votes, document_number="05-NQ/CB")


def refused(world: World, code: str, kind: str, on: dt.date, **kwargs) -> DomainError:  # type: ignore[no-untyped-def]
    before = CaseStep.objects.filter(case=world.case).count()
    version = world.case.version
    with pytest.raises(DomainError) as info:
        step(world, kind, on, **kwargs)
    assert info.value.code == code, info.value.message
    assert CaseStep.objects.filter(case=world.case).count() == before  # nothing saved
    world.case.refresh_from_db()
    assert world.case.version == version
    return info.value


def test_the_whole_path_to_official_member(world: World) -> None:
    to_cell_resolution(world)
    assert world.case.stage == Stage.COMMITTEE
    # 60 working days after Mon 03/03/2025: the 60 weekdays Tue 04/03 … Mon 26/05, less
    # 07/04, 30/04, 01/05, 02/05 (4), plus Sat 26/04 (1) → 57 on 26/05; 27, 28, 29/05.
    assert world.case.due_on == D(2025, 5, 29)
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    assert world.case.stage == Stage.DECISION
    step(
        world,
        StepKind.DECISION,
        D(2025, 4, 15),
        document_number="112-QĐ/ĐU",
        received_on=D(2025, 4, 16),
    )
    assert world.case.stage == Stage.CEREMONY
    # 30 working days after Wed 16/04: 17, 18 (2), 21–25 (7), Sat 26 (8), 28, 29 (10),
    # 05–09/05 (15), 12–16 (20), 19–23 (25), 26–30 (30) → Fri 30/05/2025.
    assert world.case.due_on == D(2025, 5, 30)
    step(world, StepKind.CEREMONY, D(2025, 5, 19))
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.PROBATION
    member = Member.objects.get(person=world.case.person)
    assert member.status == MemberStatus.PROBATIONARY
    assert member.admitted_on == D(2025, 4, 15)  # party age counts from the decision
    assert member.organization == world.cell
    event = member.events.get()
    assert (event.kind, event.occurred_on, event.decision_on) == (
        EventKind.ADMITTED,
        D(2025, 5, 19),
        D(2025, 4, 15),
    )
    # Probation: 12 months from the ceremony → 19/05/2026; the cell considers within 30
    # working days: 20–22/05 (3), 25–29 (8), 01–05/06 (13), 08–12 (18), 15–19 (23),
    # 22–26 (28), 29, 30/06 (30) → 30/06/2026.
    assert world.case.due_on == D(2026, 6, 30)
    refused(
        world,
        "probation_not_over",
        StepKind.RECOGNITION_CELL_RESOLUTION,
        D(2026, 5, 18),
        votes_for=9,
    )
    step(world, StepKind.RECOGNITION_CELL_RESOLUTION, D(2026, 5, 25), votes_for=10)
    step(
        world,
        StepKind.RECOGNITION_COMMITTEE_RESOLUTION,
        D(2026, 6, 1),
        votes_for=9,
        vote_base_value=9,
    )
    step(world, StepKind.RECOGNITION_DECISION, D(2026, 6, 15), document_number="140-QĐ/ĐU")
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.OFFICIAL
    assert world.case.official_on == D(2026, 5, 19)
    member.refresh_from_db()
    assert member.status == MemberStatus.OFFICIAL
    assert member.official_on == D(2026, 5, 19)  # as of the end of probation, not the decision
    state = services.member_services.stored_events(member)
    assert [e.kind for e in state] == [EventKind.ADMITTED, EventKind.RECOGNISED_OFFICIAL]
    # Party age from the decision 15/04/2025 to 27/11/2026: 1 year 7 months.
    age = party_age_of(member, D(2026, 11, 27))
    assert age is not None and (age.years, age.months) == (1, 7)


def test_vote_base_excludes_members_away_and_exempt_members_absent(world: World, tree) -> None:  # type: ignore[no-untyped-def]
    away, exempt = world.members[8], world.members[9]
    member_record_event(
        actor=world.actor,
        member=away,
        kind=EventKind.TEMPORARY_TRANSFER,
        occurred_on=D(2025, 2, 1),
        organization=tree.cell2,
        expected_version=away.version,
    )
    member_record_event(
        actor=world.actor,
        member=exempt,
        kind=EventKind.EXEMPTED,
        occurred_on=D(2025, 2, 1),
        expected_version=exempt.version,
    )
    base = services.vote_base(world.cell, D(2025, 3, 3))
    assert base == {"official": 10, "away": 1, "exempt": 1, "exempt_present": 0, "base": 8}
    dossier(world)
    # Base 8: 2/3 of 8 is 5.33 → 6 votes needed; 5 is not enough.
    five = step(world, StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=5)
    assert (five.vote_base, five.passed) == (8, False)
    assert world.case.stage == Stage.CELL
    six = step(world, StepKind.CELL_RESOLUTION, D(2025, 3, 4), votes_for=6)
    assert (six.vote_base, six.passed) == (8, True)
    assert world.case.stage == Stage.COMMITTEE
    # The exempt member who attends and votes counts: base 9, 6 of 9 = 2/3 passes.
    assert services.vote_base(world.cell, D(2025, 3, 4), exempt_present=1)["base"] == 9


def test_vote_counts_beyond_the_base_are_refused(world: World) -> None:
    dossier(world)
    refused(world, "too_many_votes", StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=11)


def test_decision_deadline_both_sides_and_one_extension(world: World) -> None:
    to_cell_resolution(world)
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    error = refused(
        world, "decision_late", StepKind.DECISION, D(2025, 5, 30), document_number="1-QĐ/ĐU"
    )
    assert "29/05/2025" in error.message and "60" in error.message
    # One extension of at most 30 working days, before the deadline.
    refused(
        world,
        "extension_too_long",
        StepKind.DECISION_EXTENSION,
        D(2025, 5, 20),
        details={"working_days": 31},
    )
    step(world, StepKind.DECISION_EXTENSION, D(2025, 5, 20), details={"working_days": 30})
    # 30 working days after Thu 29/05/2025: 30/05 (1), 02–06/06 (6), 09–13 (11), 16–20 (16),
    # 23–27 (21), 30/06–04/07 (26), 07–10/07 (30) → Thu 10/07/2025.
    assert world.case.due_on == D(2025, 7, 10)
    refused(
        world,
        "extension_twice",
        StepKind.DECISION_EXTENSION,
        D(2025, 5, 21),
        details={"working_days": 5},
    )
    refused(world, "decision_late", StepKind.DECISION, D(2025, 7, 11), document_number="1-QĐ/ĐU")
    step(world, StepKind.DECISION, D(2025, 7, 10), document_number="1-QĐ/ĐU")
    assert world.case.stage == Stage.CEREMONY


def test_decision_on_the_last_day_is_accepted(world: World) -> None:
    to_cell_resolution(world)
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    step(world, StepKind.DECISION, D(2025, 5, 29), document_number="1-QĐ/ĐU")
    assert world.case.stage == Stage.CEREMONY


def test_ceremony_after_30_working_days_needs_the_upper_levels_consent(world: World) -> None:
    to_cell_resolution(world)
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    step(world, StepKind.DECISION, D(2025, 4, 15), document_number="1", received_on=D(2025, 4, 16))
    # Due Fri 30/05/2025 (see the whole-path test); Mon 02/06 is the first day outside.
    refused(world, "ceremony_late", StepKind.CEREMONY, D(2025, 6, 2))
    step(world, StepKind.CEREMONY, D(2025, 6, 2), details={"late_consent": "45-CV/ĐU"})
    assert world.case.status == CaseStatus.PROBATION


@pytest.mark.parametrize(
    ("certificate_on", "ok"),
    [
        # Valid 60 months: issued 03/03/2020 → valid through 03/03/2025 (the day the 60th
        # month ends, Bộ luật Dân sự 2015 Điều 147–148); the resolution is 03/03/2025.
        (D(2020, 3, 3), True),
        (D(2020, 3, 2), False),
    ],
)
def test_certificate_valid_60_months(world: World, certificate_on: dt.date, ok: bool) -> None:
    dossier(world, certificate_on=certificate_on)
    if ok:
        step(world, StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=9)
        assert world.case.stage == Stage.COMMITTEE
    else:
        error = refused(
            world, "certificate_expired", StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=9
        )
        assert "02/03/2025" in error.message


@pytest.mark.parametrize(
    ("birth_on", "code"),
    [
        (D(2007, 3, 4), "too_young"),  # 17 years 11 months on 03/03/2025
        (D(2007, 3, 3), None),  # 18 full years that day
        (D(1965, 3, 3), None),  # 60 years 0 months
        (D(1965, 2, 2), "over_age"),  # 60 years 1 month: needs the city's consent
    ],
)
def test_age_counted_in_months(tree, personas, birth_on, code) -> None:  # type: ignore[no-untyped-def]
    actor = personas.ward_officer
    members = [
        make_member(actor, tree.cell1, full_name=f"Người giới thiệu {i}", official_on=D(2011, 3, 1))
        for i in range(2)
    ]
    person = person_create(
        actor=actor,
        data=person_data("Phan Văn Tú", birth_on=birth_on),
        organization=tree.cell1,
    )
    case = services.case_open(
        actor=actor, person=person, organization=tree.cell1, opened_on=D(2025, 1, 6)
    )
    world = World(actor, tree.cell1, members, case)
    dossier(world)
    if code is None:
        step(world, StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=2)
        assert world.case.stage == Stage.COMMITTEE
    else:
        error = refused(world, code, StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=2)
        if code == "too_young":
            assert "17" in error.message and "11" in error.message
        step(
            world,
            StepKind.CELL_RESOLUTION,
            D(2025, 3, 3),
            votes_for=2,
            details={"over_age_consent": "12-CV/TU"},
        ) if code == "over_age" else None


def test_introducers(world: World, tree) -> None:  # type: ignore[no-untyped-def]
    step(world, StepKind.CERTIFICATE, D(2025, 1, 10))
    probationary = make_member(
        world.actor, world.cell, full_name="Dự Bị", admitted_on=D(2024, 6, 1)
    )
    # A probationary member cannot introduce.
    refused(
        world,
        "introducer_not_official",
        StepKind.INTRODUCTION,
        D(2025, 2, 12),
        introducers=[
            {
                "kind": IntroducerKind.MEMBER,
                "member": world.members[0],
                "known_since": D(2020, 1, 1),
            },
            {"kind": IntroducerKind.MEMBER, "member": probationary, "known_since": D(2020, 1, 1)},
        ],
    )
    # Known 11 months (12/03/2024 → 12/02/2025): refused; 12 months (12/02/2024): accepted.
    error = refused(
        world,
        "introducer_too_recent",
        StepKind.INTRODUCTION,
        D(2025, 2, 12),
        introducers=introducers(world, known_since=D(2024, 3, 12)),
    )
    assert "11 tháng" in error.message and "ít nhất 12 tháng" in error.message
    refused(
        world,
        "introducers",
        StepKind.INTRODUCTION,
        D(2025, 2, 12),
        introducers=introducers(world)[:1],
    )
    step(
        world,
        StepKind.INTRODUCTION,
        D(2025, 2, 12),
        introducers=[
            {"kind": IntroducerKind.YOUTH_UNION, "name": "BCH Đoàn phường An Hòa"},
            {
                "kind": IntroducerKind.MEMBER,
                "member": world.members[0],
                "known_since": D(2024, 2, 12),
            },
        ],
    )
    assert world.case.steps.get(kind=StepKind.INTRODUCTION).introducers.count() == 2


def test_steps_out_of_order_are_refused(world: World) -> None:
    refused(world, "out_of_order", StepKind.PERSONAL_HISTORY, D(2025, 1, 20))
    refused(world, "out_of_order", StepKind.DECISION, D(2025, 1, 20), document_number="1")
    refused(world, "out_of_order", StepKind.CELL_RESOLUTION, D(2025, 1, 20), votes_for=9)
    refused(world, "out_of_order", StepKind.CEREMONY, D(2025, 1, 20))
    to_cell_resolution(world)
    refused(world, "out_of_order", StepKind.DECISION, D(2025, 3, 20), document_number="1")
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    error = refused(
        world, "date_before_previous", StepKind.DECISION, D(2025, 3, 1), document_number="1"
    )
    assert "03/03/2025" in error.message or "10/03/2025" in error.message
    refused(world, "dossier_closed", StepKind.COMMENTS, D(2025, 3, 20))


def test_the_rule_in_force_on_the_resolution_date_is_used(world: World) -> None:
    """A hypothetical new version from 04/03/2025 with 45 working days: a resolution of
    03/03/2025 keeps the 60 days of the old version."""
    old = RuleSet.objects.get(
        code="admission", effective_from__lte=D(2025, 3, 3), effective_to__gte=D(2025, 3, 3)
    )
    new_values = {**old.values, "decision_deadline": {"value": 45, "unit": "working_days"}}
    RuleSet.objects.filter(pk=old.pk).update(effective_to=D(2025, 3, 3))
    RuleSet.objects.create(
        code="admission",
        name="Thử nghiệm",
        legal_basis="Quy định thử nghiệm",
        effective_from=D(2025, 3, 4),
        effective_to=old.effective_to,
        values=new_values,
    )
    to_cell_resolution(world, on=D(2025, 3, 3))
    assert world.case.due_on == D(2025, 5, 29)  # 60 working days, as counted above
    state = pipeline.derive(world.case, services.case_steps(world.case))
    assert old.legal_basis.split(";")[0] in state.deadline.basis  # type: ignore[union-attr]


def test_struck_off_when_not_recognised(world: World) -> None:
    to_cell_resolution(world)
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    step(world, StepKind.DECISION, D(2025, 4, 15), document_number="1")
    step(world, StepKind.CEREMONY, D(2025, 5, 19))
    step(
        world,
        StepKind.RECOGNITION_CELL_RESOLUTION,
        D(2026, 5, 25),
        votes_for=8,
        details={"proposal": RecognitionOutcome.STRUCK_OFF},
    )
    step(
        world,
        StepKind.RECOGNITION_COMMITTEE_RESOLUTION,
        D(2026, 6, 1),
        votes_for=9,
        vote_base_value=9,
    )
    step(world, StepKind.RECOGNITION_DECISION, D(2026, 6, 15), document_number="2")
    assert world.case.status == CaseStatus.STRUCK_OFF
    member = Member.objects.get(person=world.case.person)
    assert member.status == MemberStatus.STRUCK_OFF


def test_three_failed_recognition_votes_go_to_the_upper_level(world: World) -> None:
    to_cell_resolution(world)
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    step(world, StepKind.DECISION, D(2025, 4, 15), document_number="1")
    step(world, StepKind.CEREMONY, D(2025, 5, 19))
    for day in (D(2026, 5, 25), D(2026, 6, 1), D(2026, 6, 8)):
        step(world, StepKind.RECOGNITION_CELL_RESOLUTION, day, votes_for=6)  # 6 of 10 < 2/3
    assert world.case.stage == Stage.ESCALATED
    refused(world, "escalated", StepKind.RECOGNITION_CELL_RESOLUTION, D(2026, 6, 15), votes_for=9)
    step(
        world,
        StepKind.RECOGNITION_DECISION,
        D(2026, 6, 20),
        document_number="3-QĐ/TU",
        details={"outcome": RecognitionOutcome.RECOGNISED},
    )
    assert world.case.status == CaseStatus.OFFICIAL


def test_out_of_scope_officer_cannot_record(world: World, personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as info:
        services.step_record(
            actor=personas.outsider,
            case=world.case,
            kind=StepKind.CERTIFICATE,
            occurred_on=D(2025, 1, 10),
            expected_version=world.case.version,
        )
    assert info.value.code == "out_of_scope"


def test_readmission_36_months_once_and_the_exclusions(tree, personas) -> None:  # type: ignore[no-untyped-def]
    """Struck off on 04/03/2022: 36 months end on 04/03/2025. A cell resolution of
    03/03/2025 (35 months) is refused; 04/03/2025 passes once the exclusions are checked."""
    actor = personas.ward_officer
    members = [
        make_member(actor, tree.cell1, full_name=f"Người giới thiệu {i}", official_on=D(2011, 3, 1))
        for i in range(3)
    ]
    former = members[2]
    member_record_event(
        actor=actor,
        member=former,
        kind=EventKind.STRUCK_OFF,
        occurred_on=D(2022, 3, 4),
        expected_version=former.version,
    )
    former.refresh_from_db()
    with pytest.raises(DomainError) as info:
        services.case_open(
            actor=actor, person=former.person, organization=tree.cell1, opened_on=D(2025, 1, 6)
        )
    assert info.value.code == "use_readmission"
    case = services.case_open(
        actor=actor,
        person=former.person,
        organization=tree.cell1,
        opened_on=D(2025, 1, 6),
        kind=CaseKind.READMISSION,
    )
    world = World(actor, tree.cell1, members, case)
    dossier(world)
    refused(
        world,
        "readmission_too_soon",
        StepKind.CELL_RESOLUTION,
        D(2025, 3, 3),
        votes_for=2,
        details={"exclusions_checked": True},
    )
    refused(world, "readmission_exclusions", StepKind.CELL_RESOLUTION, D(2025, 3, 4), votes_for=2)
    step(
        world,
        StepKind.CELL_RESOLUTION,
        D(2025, 3, 4),
        votes_for=2,
        details={"exclusions_checked": True},
    )
    step(world, StepKind.COMMITTEE_RESOLUTION, D(2025, 3, 10), votes_for=7, vote_base_value=9)
    refused(world, "readmission_consent", StepKind.DECISION, D(2025, 4, 15), document_number="9")
    step(
        world,
        StepKind.DECISION,
        D(2025, 4, 15),
        document_number="9-QĐ/ĐU",
        details={"consent_number": "33-CV/TU"},
    )
    step(world, StepKind.CEREMONY, D(2025, 5, 19))
    former.refresh_from_db()
    assert former.status == MemberStatus.PROBATIONARY
    assert former.events.filter(kind=EventKind.READMITTED, occurred_on=D(2025, 5, 19)).exists()
