"""Objects and rows of the staffing app for the permission matrix
(tcxd/tests/test_permission_matrix.py): an agency placed at the ward (visible to the board
at the root and to the ward's officer; changed by the specialist and the ward's officer),
a position, a person on its staff, a course and a training plan; the city's roadmap at the
root (viewed and exported by the board, targets set by the specialist)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tcxd.members.models import Person
from tcxd.organizations.models import Organization

from ..models import Agency, Course, Position, Roadmap, StaffChange, TrainingPlan

VIEW_ROOT = {"admin", "board_leader", "board_specialist", "deputy_secretary"}
VIEW_WARD = VIEW_ROOT | {"ward_officer"}
CHANGE_WARD = {"admin", "board_specialist", "ward_officer"}
CHANGE_ROOT = {"admin", "board_specialist"}
# Action.CHANGE anywhere: may add a course (at the root they hold) or record on one.
CHANGERS = {"admin", "board_specialist", "ward_officer", "cell_secretary", "outsider"}


@dataclasses.dataclass
class StaffingObjects:
    agency: Agency
    position: Position
    person: Person
    roadmap: Roadmap
    course: Course
    plan: TrainingPlan


def staffing_objects(world: Any) -> StaffingObjects:
    cached = getattr(world, "_staffing", None)
    if cached is not None:
        return cached
    ward = world.ward
    root = Organization.objects.get(path=ward.path[: Organization.steplen])
    agency = Agency.objects.create(
        name="Văn phòng Đảng ủy phường An Hòa",
        code="VP-AH",
        sector="party",
        kind="cadres",
        organization=ward,
        organization_path=ward.path,
        has_party_organization=False,
    )
    position = Position.objects.create(
        agency=agency, agency_path=ward.path, title="Chánh Văn phòng", group="leadership"
    )
    person = Person.objects.create(full_name="Trần Văn Hùng", given_name="Hùng", gender="male")
    StaffChange.objects.create(
        agency=agency,
        agency_path=ward.path,
        kind="recruitment",
        occurred_on=dt.date(2015, 1, 5),
        person=person,
    )
    roadmap = Roadmap.objects.create(
        organization=root,
        organization_path=root.path,
        base_year=2021,
        end_year=2026,
        cadres_target=0,
        employees_target=0,
    )
    course = Course.objects.create(
        title="Trung cấp lý luận chính trị",
        kind="political_theory",
        level="intermediate",
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 9, 30),
        organization=root,
        organization_path=root.path,
    )
    plan = TrainingPlan.objects.create(agency=agency, agency_path=ward.path, year=2025)
    world._staffing = StaffingObjects(agency, position, person, roadmap, course, plan)
    return world._staffing


def staffing_rows(Row: Any, statuses: Any) -> list[Any]:
    def o(w: Any) -> StaffingObjects:
        return staffing_objects(w)

    return [
        Row("staffing-index", "staffing:index", "GET", statuses(True, 200)),
        Row(
            "staffing-agency",
            "staffing:agency",
            "GET",
            statuses(True, 200, VIEW_WARD),
            kwargs=lambda w: {"pk": o(w).agency.pk},
        ),
        Row(
            "staffing-change-new",
            "staffing:change_new",
            "GET",
            statuses(True, 200, CHANGE_WARD),
            kwargs=lambda w: {"pk": o(w).agency.pk},
        ),
        Row(
            "staffing-change-retire",
            "staffing:change_new",
            "POST",
            statuses(True, 302, CHANGE_WARD),
            kwargs=lambda w: {"pk": o(w).agency.pk},
            data=lambda w: {
                "kind": "retirement",
                "occurred_on": "01/06/2025",
                "person": str(o(w).person.pk),
                "in_headcount": "1",
                "posts": "1",
            },
        ),
        Row(
            "staffing-headcount-new",
            "staffing:headcount_new",
            "GET",
            statuses(True, 200, CHANGE_WARD),
            kwargs=lambda w: {"pk": o(w).agency.pk},
        ),
        Row(
            "staffing-position-new",
            "staffing:position_new",
            "GET",
            statuses(True, 200, CHANGE_WARD),
            kwargs=lambda w: {"pk": o(w).agency.pk},
        ),
        Row(
            "staffing-position-edit",
            "staffing:position_edit",
            "GET",
            statuses(True, 200, CHANGE_WARD),
            kwargs=lambda w: {"pk": o(w).position.pk},
        ),
        Row(
            "staffing-appointment-new",
            "staffing:appointment_new",
            "GET",
            statuses(True, 200, CHANGE_WARD),
            kwargs=lambda w: {"pk": o(w).position.pk},
        ),
        Row(
            "staffing-roadmap",
            "staffing:roadmap",
            "GET",
            statuses(True, 200, VIEW_ROOT),
            kwargs=lambda w: {"pk": o(w).roadmap.pk},
        ),
        Row(
            "staffing-roadmap-targets",
            "staffing:roadmap_targets",
            "GET",
            statuses(True, 200, CHANGE_ROOT),
            kwargs=lambda w: {"pk": o(w).roadmap.pk},
        ),
        Row(
            "staffing-roadmap-xlsx",
            "staffing:roadmap_xlsx",
            "GET",
            statuses(True, 200, VIEW_ROOT),
            kwargs=lambda w: {"pk": o(w).roadmap.pk},
        ),
        Row("staffing-gaps", "staffing:gaps", "GET", statuses(True, 200)),
        Row(
            "staffing-person",
            "staffing:person",
            "GET",
            statuses(True, 200, VIEW_WARD),
            kwargs=lambda w: {"pk": o(w).person.pk},
        ),
        Row("staffing-courses", "staffing:courses", "GET", statuses(True, 200)),
        Row(
            "staffing-course",
            "staffing:course",
            "GET",
            statuses(True, 200),
            kwargs=lambda w: {"pk": o(w).course.pk},
        ),
        Row(
            "staffing-plan",
            "staffing:plan",
            "GET",
            statuses(True, 200, VIEW_WARD),
            kwargs=lambda w: {"pk": o(w).plan.pk},
        ),
    ]
