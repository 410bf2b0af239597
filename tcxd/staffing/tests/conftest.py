"""Staffing fixtures: two agencies of the test tree (a Party agency of cadres and civil
servants at the ward, a budget-paid public service unit under the department) with their
base-year headcount, and helpers to build people and staff changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tcxd.members.models import Person
from tcxd.members.services import person_create
from tcxd.testing.factories import person_data

from .. import services
from ..choices import AgencyKind, ChangeKind, PositionGroup, Sector

D = dt.date
HIRED_ON = D(2015, 1, 5)


@dataclasses.dataclass
class World:
    tree: Any
    personas: Any
    office: Any  # cadres and civil servants, at the ward
    hospital: Any  # public employees paid by the budget, under the department

    @property
    def actor(self) -> Any:
        return self.personas.board_specialist


def make_person(world: World, name: str, **extra: Any) -> Person:
    return person_create(
        actor=world.actor, data=person_data(name, **extra), organization=world.tree.root
    )


def hire(world: World, agency: Any, name: str, on: dt.date = HIRED_ON, **extra: Any) -> Person:
    person = make_person(world, name, **extra)
    services.staff_change_record(
        actor=world.actor, agency=agency, kind=ChangeKind.RECRUITMENT, occurred_on=on, person=person
    )
    return person


def leave(world: World, agency: Any, person: Person, kind: str, on: dt.date) -> Any:
    return services.staff_change_record(
        actor=world.actor, agency=agency, kind=kind, occurred_on=on, person=person
    )


@pytest.fixture
def world(tree, personas) -> World:  # type: ignore[no-untyped-def]
    actor = personas.board_specialist
    office = services.agency_create(
        actor=actor,
        organization=tree.ward,
        data={
            "name": "Văn phòng Đảng ủy phường An Hòa",
            "code": "VP-AH",
            "sector": Sector.PARTY,
            "kind": AgencyKind.CADRES,
            "budget_paid": True,
            "has_party_organization": False,
        },
    )
    hospital = services.agency_create(
        actor=actor,
        organization=tree.department,
        data={
            "name": "Trung tâm Y tế thành phố",
            "code": "TTYT",
            "sector": Sector.PUBLIC_SERVICE,
            "kind": AgencyKind.PUBLIC_EMPLOYEES,
            "budget_paid": True,
            "has_party_organization": True,
        },
    )
    return World(tree, personas, office, hospital)


def position(world: World, agency: Any, title: str, **data: Any) -> Any:
    values = {"title": title, "group": PositionGroup.LEADERSHIP, "slots": 1, **data}
    return services.position_save(actor=world.actor, agency=agency, data=values)
