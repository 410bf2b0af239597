"""The staffing rules worked by hand (docs/staffing.md): the roadmap arithmetic, the
targets that must add up, the gap list entering and leaving on the right dates, and bad
input refused with the reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError

from .. import selectors, services
from ..choices import AppointmentKind, ChangeKind, CourseKind, Gap, RecordStatus
from ..models import Appointment, Roadmap
from .conftest import D, hire, leave, make_person, position

pytestmark = pytest.mark.django_db


def _roadmap_200(world, target: int = 10) -> Roadmap:
    services.headcount_record(actor=world.actor, agency=world.office, year=2021, approved=200)
    return services.roadmap_set(
        actor=world.actor, organization=world.tree.root, cadres_target=target, employees_target=0
    )


# --- the roadmap (Kết luận 40-KL/TW: at least 5 % of cadres and civil servants, at least 10 %
# of budget-paid public employees over 2022–2026, base 2021) --------------------------------


def test_kl40_5_percent_of_200_is_10_and_9_is_refused(world) -> None:
    """Kết luận 40-KL/TW: 5 % of 200 = 10 exactly; a city target of 9 is below it."""
    services.headcount_record(actor=world.actor, agency=world.office, year=2021, approved=200)
    with translation.override("en"), pytest.raises(DomainError) as info:
        services.roadmap_set(
            actor=world.actor, organization=world.tree.root, cadres_target=9, employees_target=0
        )
    assert info.value.code == "roadmap_below_minimum"
    assert "target 9 is below the least reduction of 10" in info.value.message
    assert "Kết luận 40-KL/TW" in info.value.message
    roadmap = services.roadmap_set(
        actor=world.actor, organization=world.tree.root, cadres_target=10, employees_target=0
    )
    assert (roadmap.base_year, roadmap.end_year) == (2021, 2026)


def test_kl40_5_percent_of_201_rounds_up_to_11(world) -> None:
    """Kết luận 40-KL/TW: "at least" 5 %: 5 % of 201 = 10,05 → 11 people; 10 is refused."""
    services.headcount_record(actor=world.actor, agency=world.office, year=2021, approved=201)
    with pytest.raises(DomainError):
        services.roadmap_set(
            actor=world.actor, organization=world.tree.root, cadres_target=10, employees_target=0
        )
    services.roadmap_set(
        actor=world.actor, organization=world.tree.root, cadres_target=11, employees_target=0
    )


def test_kl40_10_percent_of_budget_paid_public_employees(world) -> None:
    """Kết luận 40-KL/TW: 10 % of 50 budget-paid public employees = 5; 4 is refused."""
    services.headcount_record(actor=world.actor, agency=world.hospital, year=2021, approved=50)
    with pytest.raises(DomainError):
        services.roadmap_set(
            actor=world.actor, organization=world.tree.root, cadres_target=0, employees_target=4
        )
    services.roadmap_set(
        actor=world.actor, organization=world.tree.root, cadres_target=0, employees_target=5
    )


def test_public_employees_not_paid_by_the_budget_are_outside_the_roadmap(world) -> None:
    world.hospital.budget_paid = False
    world.hospital.save()
    services.headcount_record(actor=world.actor, agency=world.hospital, year=2021, approved=50)
    services.headcount_record(actor=world.actor, agency=world.office, year=2021, approved=20)
    roadmap = services.roadmap_set(
        actor=world.actor, organization=world.tree.root, cadres_target=1, employees_target=0
    )
    table = selectors.roadmap_table(roadmap, D(2023, 12, 31))
    assert [r.agency for r in table.rows] == [world.office]


def test_roadmap_worked_by_hand_after_2023(world) -> None:
    """Base 2021 = 200 civil servants, target 10. Recorded in 2022–2023: 6 people leaving
    (2 retirements, 1 resignation, 1 transfer out, 2 under the streamlining decree) and 1
    newly approved post. Before 2022 and on contracts: not counted.

    On 31/12/2023: achieved 6 − 1 = 5 = 2,50 % of 200; remaining 10 − 5 = 5; the board's
    targets 2022: 2, 2023: 2, 2024: 2, 2025: 2, 2026: 2 → expected 4 by then, so not
    behind; forecast linear: 5 × 1 826 days (01/01/2022–31/12/2026) / 730 days elapsed
    (01/01/2022–31/12/2023) = 12,51 → 12 ≥ 10: on track."""
    roadmap = _roadmap_200(world)
    services.roadmap_targets_set(
        actor=world.actor,
        roadmap=roadmap,
        targets={(world.office.pk, y): 2 for y in range(2022, 2027)},
    )
    people = [hire(world, world.office, f"Cán bộ {i}") for i in range(8)]
    leave(world, world.office, people[7], ChangeKind.RETIREMENT, D(2021, 12, 31))  # before 2022
    for person, kind, day in [
        (people[0], ChangeKind.RETIREMENT, D(2022, 3, 1)),
        (people[1], ChangeKind.RETIREMENT, D(2022, 9, 1)),
        (people[2], ChangeKind.RESIGNATION, D(2023, 1, 15)),
        (people[3], ChangeKind.TRANSFER_OUT, D(2023, 5, 2)),
        (people[4], ChangeKind.STREAMLINING, D(2023, 6, 30)),
        (people[5], ChangeKind.STREAMLINING, D(2023, 12, 31)),
    ]:
        leave(world, world.office, person, kind, day)
    services.staff_change_record(
        actor=world.actor,
        agency=world.office,
        kind=ChangeKind.NEW_POSTS,
        occurred_on=D(2023, 7, 1),
        decision_number="12/QĐ-TU",
    )
    contract = make_person(world, "Hợp đồng")
    services.staff_change_record(
        actor=world.actor,
        agency=world.office,
        kind=ChangeKind.RECRUITMENT,
        occurred_on=D(2022, 2, 1),
        person=contract,
        in_headcount=False,
    )
    # A change after the day asked about is not counted.
    leave(world, world.office, people[6], ChangeKind.RETIREMENT, D(2024, 1, 1))

    table = selectors.roadmap_table(roadmap, D(2023, 12, 31))
    (row,) = table.rows
    p = row.progress
    assert (p.base, p.target, p.achieved, p.remaining, p.expected) == (200, 10, 5, 5, 4)
    assert p.share == Decimal("2.50")
    assert p.forecast == 12
    assert not p.behind and p.on_track
    assert row.achieved_by_year == {2022: 2, 2023: 5, 2024: None, 2025: None, 2026: None}
    (total,) = table.totals
    assert (total.progress.target, total.progress.achieved) == (10, 5)

    # Filled on 31/12/2023: 8 hired − 7 left (the 2024 retirement not yet) = 1, 1 contract.
    hc = selectors.headcounts([world.office], 2021, D(2023, 12, 31))[world.office.pk]
    assert (hc.approved, hc.filled, hc.contracts) == (200, 1, 1)


def test_an_agency_behind_its_targets(world) -> None:
    """Targets 2022: 3, 2023: 3; by 31/12/2023 only 1 left: expected 6, behind; forecast
    1 × 1 826 / 730 = 2 < 10: not on track."""
    roadmap = _roadmap_200(world)
    services.roadmap_targets_set(
        actor=world.actor,
        roadmap=roadmap,
        targets={
            (world.office.pk, 2022): 3,
            (world.office.pk, 2023): 3,
            (world.office.pk, 2024): 4,
        },
    )
    person = hire(world, world.office, "Nguyễn Văn Lộc")
    leave(world, world.office, person, ChangeKind.RETIREMENT, D(2023, 4, 1))
    p = selectors.roadmap_table(roadmap, D(2023, 12, 31)).rows[0].progress
    assert (p.expected, p.achieved, p.forecast) == (6, 1, 2)
    assert p.behind and not p.on_track


def test_agency_targets_that_do_not_add_up_are_refused_with_the_difference(world) -> None:
    services.headcount_record(actor=world.actor, agency=world.office, year=2021, approved=200)
    services.headcount_record(actor=world.actor, agency=world.hospital, year=2021, approved=50)
    roadmap = services.roadmap_set(
        actor=world.actor, organization=world.tree.root, cadres_target=10, employees_target=5
    )
    with translation.override("en"), pytest.raises(DomainError) as info:
        services.roadmap_targets_set(
            actor=world.actor,
            roadmap=roadmap,
            targets={
                (world.office.pk, 2022): 4,
                (world.office.pk, 2023): 5,
                (world.hospital.pk, 2022): 7,
            },
        )
    assert info.value.code == "targets_do_not_add_up"
    message = info.value.message
    assert "add up to 9, the city's target is 10: 1 short" in message
    assert "add up to 7, the city's target is 5: 2 too many" in message
    assert not roadmap.targets.exists()
    services.roadmap_targets_set(
        actor=world.actor,
        roadmap=roadmap,
        targets={
            (world.office.pk, 2022): 4,
            (world.office.pk, 2023): 6,
            (world.hospital.pk, 2025): 5,
        },
    )
    assert roadmap.targets.count() == 3
    assert AuditEntry.objects.filter(action="staffing.targets_set").count() == 1


# --- people in posts and the gap list -------------------------------------------------


def test_gap_list_enters_on_appointment_and_leaves_on_completion(world) -> None:
    """Position requires trung cấp political theory; the person has sơ cấp. Appointed
    01/03/2024: on the list from that day (not the day before); the trung cấp course starts
    01/04/2024 and the certificate is dated 15/10/2024: off the list from that day."""
    deputy = position(world, world.office, "Phó Chánh Văn phòng", theory_required="intermediate")
    person = hire(world, world.office, "Trần Thị Mai", theory_level="elementary")
    services.appointment_record(
        actor=world.actor,
        position=deputy,
        person=person,
        kind=AppointmentKind.APPOINTMENT,
        starts_on=D(2024, 3, 1),
    )
    course = services.course_create(
        actor=world.actor,
        organization=world.tree.root,
        data={
            "title": "Trung cấp lý luận chính trị K12",
            "kind": CourseKind.POLITICAL_THEORY,
            "level": "intermediate",
            "starts_on": D(2024, 4, 1),
            "ends_on": D(2024, 10, 1),
        },
    )
    services.record_save(
        actor=world.actor,
        course=course,
        person=person,
        agency=world.office,
        status=RecordStatus.ATTENDING,
    )
    appointments = Appointment.objects.all()

    def listed(day: dt.date) -> list:
        return [
            (g.person.pk, [r for r, _d in g.reasons]) for g in selectors.gaps(appointments, day)
        ]

    assert listed(D(2024, 2, 29)) == []
    assert listed(D(2024, 3, 1)) == [(person.pk, [Gap.THEORY])]
    rec = services.record_save(
        actor=world.actor,
        course=course,
        person=person,
        agency=world.office,
        status=RecordStatus.COMPLETED,
        completed_on=D(2024, 10, 15),
        certificate_number="TC-0042",
        expected_version=0,
    )
    assert rec.version == 1
    assert listed(D(2024, 10, 14)) == [(person.pk, [Gap.THEORY])]
    assert listed(D(2024, 10, 15)) == []


def test_state_management_and_degree_gaps(world) -> None:
    head = position(
        world,
        world.office,
        "Chánh Văn phòng",
        state_management_required="principal",
        degree_required="university",
    )
    person = hire(world, world.office, "Lê Văn Hải", professional_level="college")
    services.appointment_record(
        actor=world.actor, position=head, person=person, kind="appointment", starts_on=D(2024, 1, 2)
    )
    (row,) = selectors.gaps(Appointment.objects.all(), D(2024, 6, 1))
    assert [r for r, _d in row.reasons] == [Gap.STATE_MANAGEMENT, Gap.DEGREE]


def test_appointment_age_boundary(world) -> None:
    """Quy định 80-QĐ/TW (rule staffing_appointment, [U]): a first appointment needs 60
    months of work left before the retirement age (Bộ luật Lao động 2019 Điều 169, Nghị
    định 135/2020: a man born 15/01/1970 reaches 62 years, the age from 2028, on
    15/01/2032). Appointed 15/01/2027: 60 months left, meets; 16/01/2027: 59, over age."""
    assert selectors.retirement_on(D(1970, 1, 15), "male", on=D(2027, 1, 1)) == D(2032, 1, 15)
    pos_a = position(world, world.office, "Chánh Văn phòng")
    pos_b = position(world, world.office, "Phó Chánh Văn phòng")
    a = hire(world, world.office, "Hồ Văn An", birth_on=D(1970, 1, 15))
    b = hire(world, world.office, "Hồ Văn Bình", birth_on=D(1970, 1, 15))
    services.appointment_record(
        actor=world.actor, position=pos_a, person=a, kind="appointment", starts_on=D(2027, 1, 15)
    )
    services.appointment_record(
        actor=world.actor, position=pos_b, person=b, kind="appointment", starts_on=D(2027, 1, 16)
    )
    rows = selectors.gaps(Appointment.objects.all(), D(2027, 2, 1))
    assert [(r.person.pk, [k for k, _d in r.reasons]) for r in rows] == [(b.pk, [Gap.AGE])]


def test_retirement_age_of_a_woman_born_in_march_1975() -> None:
    """Nghị định 135/2020 ([U]): women 55 y 4 m in 2021, + 4 months a year: in 2034 the age is
    59 y 8 m; born 10/03/1975 → 10/11/2034."""
    assert selectors.retirement_on(D(1975, 3, 10), "female", on=D(2025, 1, 1)) == D(2034, 11, 10)


def test_reappointment_ends_the_previous_term_and_rotation_ends_posts_elsewhere(world) -> None:
    head = position(world, world.office, "Chánh Văn phòng")
    deputy = position(world, world.office, "Phó Chánh Văn phòng")
    person = hire(world, world.office, "Phan Văn Tâm")
    first = services.appointment_record(
        actor=world.actor,
        position=deputy,
        person=person,
        kind="appointment",
        starts_on=D(2019, 5, 1),
    )
    services.appointment_record(
        actor=world.actor,
        position=deputy,
        person=person,
        kind="reappointment",
        starts_on=D(2024, 5, 1),
    )
    first.refresh_from_db()
    assert first.ends_on == D(2024, 4, 30)
    services.appointment_record(
        actor=world.actor, position=head, person=person, kind="rotation", starts_on=D(2025, 1, 1)
    )
    held = Appointment.objects.filter(selectors.held_on(D(2025, 1, 1)))
    assert [a.position.title for a in held] == ["Chánh Văn phòng"]


# --- bad input --------------------------------------------------------------------------


def test_headcount_below_zero_is_refused(world) -> None:
    with translation.override("en"), pytest.raises(DomainError) as info:
        services.headcount_record(actor=world.actor, agency=world.office, year=2024, approved=-1)
    assert info.value.code == "headcount_negative"
    assert info.value.fields == {"approved": ["The approved headcount cannot be below zero."]}
    services.headcount_record(actor=world.actor, agency=world.office, year=2024, approved=0)


def test_appointment_to_a_position_with_no_free_slot_is_refused(world) -> None:
    deputy = position(world, world.office, "Phó Chánh Văn phòng", slots=1)
    a = hire(world, world.office, "Nguyễn Văn A")
    b = hire(world, world.office, "Nguyễn Văn B")
    services.appointment_record(
        actor=world.actor, position=deputy, person=a, kind="appointment", starts_on=D(2024, 1, 1)
    )
    with translation.override("en"), pytest.raises(DomainError) as info:
        services.appointment_record(
            actor=world.actor,
            position=deputy,
            person=b,
            kind="appointment",
            starts_on=D(2024, 6, 1),
        )
    assert info.value.code == "no_free_slot"
    assert (
        "no free slot on 01/06/2024: its 1 slot(s) are held by Nguyễn Văn A" in info.value.message
    )
    # When A leaves, the slot is free again.
    leave(world, world.office, a, ChangeKind.RETIREMENT, D(2024, 6, 30))
    services.appointment_record(
        actor=world.actor, position=deputy, person=b, kind="appointment", starts_on=D(2024, 7, 1)
    )


def test_duplicate_overlapping_appointment_is_refused(world) -> None:
    deputy = position(world, world.office, "Phó Chánh Văn phòng", slots=2)
    a = hire(world, world.office, "Nguyễn Văn A")
    services.appointment_record(
        actor=world.actor,
        position=deputy,
        person=a,
        kind="appointment",
        starts_on=D(2024, 1, 1),
        ends_on=D(2024, 12, 31),
    )
    with translation.override("en"), pytest.raises(DomainError) as info:
        services.appointment_record(
            actor=world.actor,
            position=deputy,
            person=a,
            kind="appointment",
            starts_on=D(2024, 12, 31),
        )
    assert info.value.code == "appointment_overlap"
    assert "from 01/01/2024 to 31/12/2024" in info.value.message
    services.appointment_record(
        actor=world.actor, position=deputy, person=a, kind="appointment", starts_on=D(2025, 1, 1)
    )


def test_course_completion_before_its_start_is_refused(world) -> None:
    person = hire(world, world.office, "Võ Thị Lan")
    course = services.course_create(
        actor=world.actor,
        organization=world.tree.root,
        data={
            "title": "Bồi dưỡng chuyên viên chính",
            "kind": CourseKind.STATE_MANAGEMENT,
            "level": "principal",
            "starts_on": D(2025, 3, 3),
            "ends_on": D(2025, 5, 30),
        },
    )
    with translation.override("en"), pytest.raises(DomainError) as info:
        services.record_save(
            actor=world.actor,
            course=course,
            person=person,
            agency=world.office,
            status="completed",
            completed_on=D(2025, 3, 2),
        )
    assert info.value.code == "completion_before_start"
    assert "02/03/2025 is before the start of the course (03/03/2025)" in info.value.message
    services.record_save(
        actor=world.actor,
        course=course,
        person=person,
        agency=world.office,
        status="completed",
        completed_on=D(2025, 3, 3),
    )


def test_a_person_leaving_must_be_on_the_staff_and_arriving_must_not(world) -> None:
    person = hire(world, world.office, "Đặng Văn Long")
    with pytest.raises(DomainError) as info:
        services.staff_change_record(
            actor=world.actor,
            agency=world.office,
            kind="recruitment",
            occurred_on=D(2020, 1, 1),
            person=person,
        )
    assert info.value.code == "already_on_staff"
    with pytest.raises(DomainError) as info:
        leave(world, world.hospital, person, ChangeKind.RETIREMENT, D(2024, 1, 1))
    assert info.value.code == "not_on_staff"
    with pytest.raises(DomainError) as info:
        leave(world, world.office, person, ChangeKind.RETIREMENT, D(2014, 1, 1))
    assert info.value.code == "change_backdated"


def test_an_officer_outside_the_agency_cannot_record(world) -> None:
    with pytest.raises(DomainError) as info:
        services.headcount_record(
            actor=world.personas.outsider, agency=world.office, year=2024, approved=3
        )
    assert info.value.code == "out_of_scope"


def _course_tc_2024(world):  # type: ignore[no-untyped-def]
    """Trung cấp lý luận chính trị, 08/01–28/06/2024."""
    return services.course_create(
        actor=world.actor,
        organization=world.tree.root,
        data={
            "title": "TC 2024",
            "kind": "political_theory",
            "level": "intermediate",
            "starts_on": D(2024, 1, 8),
            "ends_on": D(2024, 6, 28),
        },
    )


def _complete(world, course, person, on) -> None:  # type: ignore[no-untyped-def]
    services.record_save(
        actor=world.actor,
        course=course,
        person=person,
        agency=world.office,
        status="completed",
        completed_on=on,
    )


def test_plan_completion(world) -> None:
    """Plan 2025: two people for trung cấp; one completes in 2025 (counts), the other
    completed in 2024 (before the plan's year: does not count): 1 of 2."""
    a = hire(world, world.office, "Nguyễn Thị A")
    b = hire(world, world.office, "Nguyễn Thị B")
    for p in (a, b):
        services.plan_entry_add(
            actor=world.actor,
            agency=world.office,
            year=2025,
            person=p,
            kind="political_theory",
            level="intermediate",
        )
    c24 = _course_tc_2024(world)
    c25 = services.course_create(
        actor=world.actor,
        organization=world.tree.root,
        data={
            "title": "CC 2025",
            "kind": "political_theory",
            "level": "advanced",
            "starts_on": D(2025, 1, 6),
            "ends_on": D(2025, 9, 30),
        },
    )
    _complete(world, c25, a, D(2025, 10, 6))
    _complete(world, c24, b, D(2024, 7, 1))
    plan = world.office.plans.get()
    assert selectors.plan_completion([plan], D(2025, 12, 31)) == {plan.pk: (1, 2)}
    assert selectors.plan_completion([plan], D(2025, 10, 5)) == {plan.pk: (0, 2)}


def test_plan_completion_of_several_years_in_one_read(world, django_assert_num_queries) -> None:
    """Plans 2024 and 2025 for B, read together: B's course completed on 01/07/2024
    completes the 2024 plan only (each plan counts the courses of its own year)."""
    b = hire(world, world.office, "Nguyễn Thị B")
    for year in (2024, 2025):
        services.plan_entry_add(
            actor=world.actor,
            agency=world.office,
            year=year,
            person=b,
            kind="political_theory",
            level="intermediate",
        )
    course = _course_tc_2024(world)
    _complete(world, course, b, D(2024, 7, 1))
    plans = list(world.office.plans.order_by("year").prefetch_related("entries"))
    with django_assert_num_queries(1):  # the completed courses of both plans
        done = selectors.plan_completion(plans, D(2025, 12, 31))
    assert done == {plans[0].pk: (1, 1), plans[1].pk: (0, 1)}
    assert selectors.plan_completion(plans, D(2024, 6, 30)) == {
        plans[0].pk: (0, 1),  # not yet completed on 30/06/2024
        plans[1].pk: (0, 1),
    }
