"""The staffing indicators agree with the pages' selectors, for the subtree and for each
organization directly below (worked by hand)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tcxd.indicators.periods import Period
from tcxd.indicators.registry import batch, get

from .. import services
from ..choices import ChangeKind
from .conftest import D, hire, leave, position

pytestmark = pytest.mark.django_db


def test_staffing_indicators_by_hand(world) -> None:
    """Office (ward): approved 2023 = 10, 3 hired, 1 retired in 2023 → 2 in post, reduction 1;
    targets 2022: 1, 2023: 1, 2024: 1 → 2 to 2023. Hospital (under the agency committee):
    approved 2023 = 5, 1 hired. A deputy lacking trung cấp → 1 below standard. Plan 2023 of
    the office: 2 people, 1 completed → 50,00 %."""
    a = world.actor
    services.headcount_record(actor=a, agency=world.office, year=2021, approved=20)
    services.headcount_record(actor=a, agency=world.office, year=2023, approved=10)
    services.headcount_record(actor=a, agency=world.hospital, year=2023, approved=5)
    roadmap = services.roadmap_set(
        actor=a, organization=world.tree.root, cadres_target=1, employees_target=0
    )
    services.roadmap_targets_set(
        actor=a,
        roadmap=roadmap,
        targets={
            (world.office.pk, 2022): 1,
            (world.office.pk, 2023): 0,
            (world.office.pk, 2024): 0,
        },
    )
    people = [hire(world, world.office, f"Cán bộ {i}") for i in range(3)]
    hire(world, world.hospital, "Bác sĩ")
    leave(world, world.office, people[0], ChangeKind.RETIREMENT, D(2023, 3, 1))
    deputy = position(world, world.office, "Phó Chánh Văn phòng", theory_required="intermediate")
    services.appointment_record(
        actor=a, position=deputy, person=people[1], kind="appointment", starts_on=D(2023, 2, 1)
    )
    course = services.course_create(
        actor=a,
        organization=world.tree.root,
        data={
            "title": "Tin học",
            "kind": "language_it",
            "level": "",
            "starts_on": D(2023, 5, 1),
            "ends_on": D(2023, 5, 5),
        },
    )
    for p in people[1:]:
        services.plan_entry_add(
            actor=a, agency=world.office, year=2023, person=p, kind="language_it"
        )
    services.record_save(
        actor=a,
        course=course,
        person=people[2],
        agency=world.office,
        status="completed",
        completed_on=D(2023, 5, 5),
    )
    root, year = world.tree.root, Period.year(2023)
    with batch():
        values = {
            code: get(f"staffing.{code}").compute(root, year)
            for code in (
                "approved",
                "filled",
                "reduction_achieved",
                "reduction_target",
                "below_standard",
                "plan_completion",
            )
        }
        by_child = get("staffing.filled").by_child(root, year)
    assert values == {
        "approved": 15,
        "filled": 3,
        "reduction_achieved": 1,
        "reduction_target": 1,
        "below_standard": 1,
        "plan_completion": Decimal("50.00"),
    }
    assert by_child == {world.tree.ward.pk: 2, world.tree.commune.pk: 0, world.tree.agency.pk: 1}
