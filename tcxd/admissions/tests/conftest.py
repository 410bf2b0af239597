"""A candidate with a complete dossier in ``tree.cell1`` (10 official members), for the tests
of the admission path. Dates are in 2025–2026; every expected deadline in the tests is
counted by hand on the calendar (public holidays and the compensatory days of
``tcxd/rules`` migrations), as the comments there show."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tcxd.admissions import services
from tcxd.admissions.choices import IntroducerKind, Relation, StepKind, VerificationResult
from tcxd.admissions.models import AdmissionCase
from tcxd.members.models import Member
from tcxd.members.services import person_create
from tcxd.testing.factories import make_member, person_data

D = dt.date
LONG_AGO = D(2020, 1, 1)
CERTIFICATE_ON = D(2025, 1, 10)


@dataclasses.dataclass
class World:
    actor: Any
    cell: Any
    members: list[Member]
    case: AdmissionCase


def step(world: World, kind: str, on: dt.date, **kwargs: Any) -> Any:
    world.case.refresh_from_db()
    result = services.step_record(
        actor=world.actor,
        case=world.case,
        kind=kind,
        occurred_on=on,
        expected_version=world.case.version,
        **kwargs,
    )
    world.case.refresh_from_db()
    return result


def introducers(world: World, known_since: dt.date = LONG_AGO) -> list[dict[str, Any]]:
    return [
        {"kind": IntroducerKind.MEMBER, "member": world.members[0], "known_since": known_since},
        {"kind": IntroducerKind.MEMBER, "member": world.members[1], "known_since": known_since},
    ]


def dossier(world: World, *, certificate_on: dt.date = CERTIFICATE_ON) -> None:
    step(world, StepKind.CERTIFICATE, certificate_on, document_number="125/GCN")
    step(world, StepKind.APPLICATION, D(2025, 1, 15))
    step(world, StepKind.PERSONAL_HISTORY, D(2025, 1, 20))
    step(
        world,
        StepKind.VERIFICATION,
        D(2025, 2, 10),
        verifications=[
            {
                "relation": Relation.SELF,
                "name": "Lê Thị Mai",
                "result": VerificationResult.VERIFIED,
            },
            {
                "relation": Relation.FATHER,
                "name": "Lê Văn Hòa",
                "result": VerificationResult.VERIFIED,
            },
        ],
    )
    step(world, StepKind.INTRODUCTION, D(2025, 2, 12), introducers=introducers(world))
    step(world, StepKind.COMMENTS, D(2025, 2, 20))


@pytest.fixture
def world(tree, personas) -> World:  # type: ignore[no-untyped-def]
    actor = personas.ward_officer
    members = [
        make_member(
            actor,
            tree.cell1,
            full_name=f"Đảng viên Thử {i}",
            admitted_on=D(2010, 3, 1),
            official_on=D(2011, 3, 1),
        )
        for i in range(10)
    ]
    person = person_create(
        actor=actor,
        data=person_data("Lê Thị Mai", birth_on=D(1995, 4, 10), gender="female"),
        organization=tree.cell1,
    )
    case = services.case_open(
        actor=actor, person=person, organization=tree.cell1, opened_on=D(2025, 1, 6)
    )
    return World(actor, tree.cell1, members, case)
