"""Writes to the organization tree: codes, scope, dissolution, villages, terms and seats."""

from __future__ import annotations

import datetime as dt

import pytest

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError
from tcxd.members.services import member_record_event, person_create
from tcxd.organizations.models import CommitteeSeat, Organization, Term, Village
from tcxd.organizations.services import (
    organization_create,
    organization_dissolve,
    seat_assign,
    term_create,
    village_create,
)
from tcxd.testing.factories import kind, make_member, person_data

D = dt.date


def create_cell(actor, parent, code="T-AH-3", name="Chi bộ Tổ dân phố 3", **extra):
    return organization_create(
        actor=actor, parent=parent, kind=kind("cell"), code=code, name=name, **extra
    )


# --- organization_create ---------------------------------------------------------------


def test_create_normalises_places_and_audits(tree, personas) -> None:
    org = create_cell(
        personas.ward_officer, tree.ward, code=" t-ah-3 ", name="  Chi bộ   Tổ dân phố 3 "
    )
    org.refresh_from_db()
    assert (org.code, org.name, org.name_fold) == (
        "T-AH-3",
        "Chi bộ Tổ dân phố 3",
        "chi bo to dan pho 3",
    )
    assert Organization.objects.get_parent(org) == tree.ward
    assert org.path.startswith(tree.ward.path) and org.depth == tree.ward.depth + 1
    entry = AuditEntry.objects.get(action="organizations.create")
    assert entry.actor == personas.ward_officer
    assert entry.target_id == str(org.pk)
    assert entry.organization_path == org.path
    assert entry.changes["after"]["code"] == "T-AH-3"


def test_duplicate_code_is_refused(tree, personas) -> None:
    before = Organization.objects.count()
    with pytest.raises(DomainError) as info:
        create_cell(personas.ward_officer, tree.ward, code="t-ah-1")  # T-AH-1 exists
    assert info.value.code == "duplicate_code"
    assert "code" in info.value.fields
    assert Organization.objects.count() == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("persona", "parent"),
    [
        ("ward_officer", "commune"),  # the other commune
        ("ward_officer", "root"),  # above the ward
        ("cell_secretary", "cell1"),  # a secretary does not manage organizations
        ("board_leader", "ward"),  # reads only
    ],
)
def test_create_outside_scope_is_refused(tree, personas, persona, parent) -> None:
    before = Organization.objects.count()
    with pytest.raises(DomainError) as info:
        create_cell(getattr(personas, persona), getattr(tree, parent))
    assert info.value.code == "out_of_scope"
    assert Organization.objects.count() == before


def test_only_an_administrator_adds_a_root(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        organization_create(
            actor=personas.board_specialist,
            parent=None,
            kind=kind("provincial_committee"),
            code="X",
            name="Đảng bộ tỉnh khác",
        )
    assert info.value.code == "out_of_scope"
    root = organization_create(
        actor=personas.admin,
        parent=None,
        kind=kind("provincial_committee"),
        code="X",
        name="Đảng bộ tỉnh khác",
    )
    assert root.depth == 1


def test_create_under_a_dissolved_organization_is_refused(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        create_cell(personas.ward_officer, tree.dissolved_cell, code="T-AH-9-1")
    assert info.value.code == "organization_dissolved"
    # Founded before the dissolution (01/01/2024): accepted, as a historical record.
    org = create_cell(
        personas.ward_officer, tree.dissolved_cell, code="T-AH-9-1", founded_on=D(2023, 12, 31)
    )
    assert Organization.objects.get_parent(org) == tree.dissolved_cell


# --- organization_dissolve ----------------------------------------------------------------


def test_dissolve_is_refused_while_members_remain(tree, personas) -> None:
    member = make_member(personas.ward_officer, tree.cell2, admitted_on=D(2015, 1, 1))
    with pytest.raises(DomainError) as info:
        organization_dissolve(
            actor=personas.ward_officer, organization=tree.cell2, dissolved_on=D(2025, 9, 1)
        )
    assert info.value.code == "has_members"
    assert Organization.objects.get(pk=tree.cell2.pk).dissolved_on is None
    # Once the member has moved, the cell can be dissolved.
    member_record_event(
        actor=personas.ward_officer,
        member=member,
        kind="transfer",
        occurred_on=D(2025, 8, 1),
        expected_version=member.version,
        organization=tree.cell1,
    )
    organization_dissolve(
        actor=personas.ward_officer, organization=tree.cell2, dissolved_on=D(2025, 9, 1)
    )
    assert Organization.objects.get(pk=tree.cell2.pk).dissolved_on == D(2025, 9, 1)
    entry = AuditEntry.objects.get(action="organizations.dissolve")
    assert entry.changes == {
        "before": {"dissolved_on": None},
        "after": {"dissolved_on": "2025-09-01"},
    }


def test_dissolution_dated_before_the_last_member_left_is_refused(tree, personas) -> None:
    """The member is in cell 2 until 31/07/2025 (transferred 01/08/2025): a dissolution on
    31/07/2025 would leave a member in a dissolved cell; on 01/08/2025 it is fine."""
    member = make_member(personas.ward_officer, tree.cell2, admitted_on=D(2015, 1, 1))
    member_record_event(
        actor=personas.ward_officer,
        member=member,
        kind="transfer",
        occurred_on=D(2025, 8, 1),
        expected_version=member.version,
        organization=tree.cell1,
    )
    with pytest.raises(DomainError) as info:
        organization_dissolve(
            actor=personas.ward_officer, organization=tree.cell2, dissolved_on=D(2025, 7, 31)
        )
    assert info.value.code == "has_members"
    organization_dissolve(
        actor=personas.ward_officer, organization=tree.cell2, dissolved_on=D(2025, 8, 1)
    )
    assert Organization.objects.get(pk=tree.cell2.pk).dissolved_on == D(2025, 8, 1)


def test_dissolving_a_committee_whose_cells_have_members_is_refused(tree, personas) -> None:
    make_member(personas.board_specialist, tree.department_cell, admitted_on=D(2015, 1, 1))
    with pytest.raises(DomainError) as info:
        organization_dissolve(
            actor=personas.board_specialist,
            organization=tree.department,
            dissolved_on=D(2025, 9, 1),
        )
    assert info.value.code == "has_members"
    assert Organization.objects.get(pk=tree.department.pk).dissolved_on is None


def test_dissolving_a_cell_that_hosts_a_temporary_member_is_refused(tree, personas) -> None:
    guest = make_member(personas.admin, tree.commune_cell, admitted_on=D(2015, 1, 1))
    member_record_event(
        actor=personas.admin,
        member=guest,
        kind="temporary_transfer",
        occurred_on=D(2024, 1, 1),
        expected_version=guest.version,
        organization=tree.cell2,
    )
    with pytest.raises(DomainError) as info:
        organization_dissolve(
            actor=personas.ward_officer, organization=tree.cell2, dissolved_on=D(2025, 9, 1)
        )
    assert info.value.code == "has_members"


def test_former_members_do_not_block_a_dissolution(tree, personas) -> None:
    member = make_member(personas.ward_officer, tree.cell2, admitted_on=D(2015, 1, 1))
    member_record_event(
        actor=personas.ward_officer,
        member=member,
        kind="died",
        occurred_on=D(2020, 1, 1),
        expected_version=member.version,
    )
    organization_dissolve(
        actor=personas.ward_officer, organization=tree.cell2, dissolved_on=D(2025, 9, 1)
    )
    assert Organization.objects.get(pk=tree.cell2.pk).dissolved_on == D(2025, 9, 1)


def test_dissolution_before_founding_is_refused(tree, personas) -> None:
    # Phường An Hòa was founded on 01/07/2025 (the 2025 reorganisation).
    with pytest.raises(DomainError) as info:
        organization_dissolve(
            actor=personas.board_specialist, organization=tree.ward, dissolved_on=D(2025, 6, 30)
        )
    assert info.value.code == "invalid"
    assert not AuditEntry.objects.filter(action="organizations.dissolve").exists()


def test_dissolve_outside_scope_is_refused(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        organization_dissolve(
            actor=personas.ward_officer, organization=tree.commune_cell, dissolved_on=D(2025, 9, 1)
        )
    assert info.value.code == "out_of_scope"


# --- villages -------------------------------------------------------------------------------


def test_village_under_a_ward_with_heads(tree, personas) -> None:
    head = person_create(
        actor=personas.ward_officer, data=person_data("Võ Văn Tư"), organization=tree.ward
    )
    village = village_create(
        actor=personas.ward_officer,
        organization=tree.ward,
        kind="residential_group",
        name="  Tổ dân phố   3 ",
        cell=tree.cell1,
        head=head,
    )
    assert village.name == "Tổ dân phố 3"
    entry = AuditEntry.objects.get(action="organizations.village_create")
    assert entry.organization_id == tree.ward.pk
    assert entry.changes["after"] == {
        "name": "Tổ dân phố 3",
        "kind": "residential_group",
        "cell": tree.cell1.pk,
        "head": head.pk,
        "front_head": None,
    }


def test_village_under_a_non_commune_is_refused(tree, personas) -> None:
    for org in (tree.cell1, tree.root):
        with pytest.raises(DomainError) as info:
            village_create(actor=personas.admin, organization=org, kind="village", name="Thôn Một")
        assert info.value.code == "no_villages"
    assert not Village.objects.exists()


def test_village_cell_must_belong_to_the_commune(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        village_create(
            actor=personas.admin,
            organization=tree.ward,
            kind="village",
            name="Thôn Hai",
            cell=tree.commune_cell,
        )
    assert info.value.code == "cell_outside"


def test_village_names_are_unique_in_a_commune(tree, personas) -> None:
    village_create(
        actor=personas.outsider, organization=tree.commune, kind="village", name="Thôn Ba"
    )
    with pytest.raises(DomainError) as info:
        village_create(
            actor=personas.outsider, organization=tree.commune, kind="village", name="Thôn Ba"
        )
    assert info.value.code == "invalid"
    assert Village.objects.count() == 1
    # The same name in another commune is fine.
    village_create(actor=personas.admin, organization=tree.ward, kind="village", name="Thôn Ba")


def test_village_outside_scope_is_refused(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        village_create(
            actor=personas.ward_officer, organization=tree.commune, kind="village", name="Thôn Bốn"
        )
    assert info.value.code == "out_of_scope"


# --- terms and seats ---------------------------------------------------------------------------


def test_term_must_end_after_it_starts(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        term_create(
            actor=personas.ward_officer,
            organization=tree.ward,
            name="2025–2030",
            start_on=D(2025, 10, 1),
            end_on=D(2025, 10, 1),
        )
    assert info.value.code == "invalid"
    term = term_create(
        actor=personas.ward_officer,
        organization=tree.ward,
        name="2025–2030",
        start_on=D(2025, 10, 1),
        end_on=D(2025, 10, 2),
    )
    assert term.end_on == D(2025, 10, 2)
    assert AuditEntry.objects.filter(action="organizations.term_create").count() == 1


def test_two_terms_cannot_start_the_same_day(tree, personas) -> None:
    term_create(
        actor=personas.ward_officer,
        organization=tree.ward,
        name="2025–2030",
        start_on=D(2025, 10, 1),
    )
    with pytest.raises(DomainError) as info:
        term_create(
            actor=personas.ward_officer,
            organization=tree.ward,
            name="Khác",
            start_on=D(2025, 10, 1),
        )
    assert info.value.code == "invalid"
    assert Term.objects.count() == 1


def test_term_outside_scope_is_refused(tree, personas) -> None:
    with pytest.raises(DomainError) as info:
        term_create(
            actor=personas.cell_secretary,
            organization=tree.cell1,
            name="2025–2027",
            start_on=D(2025, 10, 1),
        )
    assert info.value.code == "out_of_scope"


def test_seat_assignment(tree, personas) -> None:
    term = term_create(
        actor=personas.ward_officer,
        organization=tree.ward,
        name="2025–2030",
        start_on=D(2025, 10, 1),
    )
    secretary = make_member(personas.ward_officer, tree.cell1, full_name="Ngô Thị Hằng")
    seat = seat_assign(
        actor=personas.ward_officer,
        term=term,
        position="secretary",
        person=secretary.person,
        start_on=D(2025, 10, 1),
        decision_number=" 15-QĐ/TU ",
    )
    assert seat.decision_number == "15-QĐ/TU"
    assert seat.order == 0
    entry = AuditEntry.objects.get(action="organizations.seat_assign")
    assert entry.organization_id == tree.ward.pk
    assert entry.changes["after"] == {
        "position": "secretary",
        "person": secretary.person_id,
        "start_on": "2025-10-01",
    }
    with pytest.raises(DomainError) as info:
        seat_assign(
            actor=personas.ward_officer,
            term=term,
            position="chairman",  # not a seat of a party committee
            person=secretary.person,
            start_on=D(2025, 10, 1),
        )
    assert info.value.code == "invalid"
    with pytest.raises(DomainError) as info:
        seat_assign(
            actor=personas.outsider,
            term=term,
            position="committee_member",
            person=secretary.person,
            start_on=D(2025, 10, 1),
        )
    assert info.value.code == "out_of_scope"
    assert CommitteeSeat.objects.count() == 1
