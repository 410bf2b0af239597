"""Shared pytest fixtures: a small standard tree and the named personas.

The tree (codes in brackets)::

    Đảng bộ thành phố Thử nghiệm [T]                      provincial_committee
    ├── Đảng bộ phường An Hòa [T-AH]                      commune_committee
    │   ├── Chi bộ Tổ dân phố 1 [T-AH-1]                  cell
    │   ├── Chi bộ Tổ dân phố 2 [T-AH-2]                  cell
    │   └── Chi bộ Tổ dân phố 9 [T-AH-9]                  cell, dissolved 01/01/2024
    ├── Đảng bộ xã Bình Điền [T-BD]                       commune_committee
    │   └── Chi bộ thôn Bình Thành [T-BD-1]               cell
    └── Đảng bộ Ủy ban nhân dân thành phố [T-UB]          agency_committee
        └── Đảng bộ Sở Y tế [T-UB-YT]                     grassroots_committee
            └── Chi bộ Văn phòng Sở [T-UB-YT-1]           cell
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tcxd.accounts.choices import Role
from tcxd.accounts.models import User
from tcxd.organizations.models import Organization

from .factories import make_org, make_user


@dataclasses.dataclass
class Tree:
    root: Organization
    ward: Organization
    cell1: Organization
    cell2: Organization
    dissolved_cell: Organization
    commune: Organization
    commune_cell: Organization
    agency: Organization
    department: Organization
    department_cell: Organization


@pytest.fixture
def tree(db) -> Tree:  # type: ignore[no-untyped-def]
    root = make_org(None, "provincial_committee", "T", "Đảng bộ thành phố Thử nghiệm")
    ward = make_org(
        root, "commune_committee", "T-AH", "Đảng bộ phường An Hòa", founded_on=dt.date(2025, 7, 1)
    )
    cell1 = make_org(ward, "cell", "T-AH-1", "Chi bộ Tổ dân phố 1")
    cell2 = make_org(ward, "cell", "T-AH-2", "Chi bộ Tổ dân phố 2")
    dissolved = make_org(
        ward, "cell", "T-AH-9", "Chi bộ Tổ dân phố 9", dissolved_on=dt.date(2024, 1, 1)
    )
    commune = make_org(root, "commune_committee", "T-BD", "Đảng bộ xã Bình Điền")
    commune_cell = make_org(commune, "cell", "T-BD-1", "Chi bộ thôn Bình Thành")
    agency = make_org(root, "agency_committee", "T-UB", "Đảng bộ Ủy ban nhân dân thành phố")
    department = make_org(agency, "grassroots_committee", "T-UB-YT", "Đảng bộ Sở Y tế")
    department_cell = make_org(department, "cell", "T-UB-YT-1", "Chi bộ Văn phòng Sở")
    for org in (root, ward, commune, agency, department):
        org.refresh_from_db()
    return Tree(
        root,
        ward,
        cell1,
        cell2,
        dissolved,
        commune,
        commune_cell,
        agency,
        department,
        department_cell,
    )


@dataclasses.dataclass
class Personas:
    admin: User
    board_leader: User
    board_specialist: User
    deputy_secretary: User
    ward_officer: User
    cell_secretary: User
    outsider: User  # an organization officer of the other commune

    def all(self) -> dict[str, User]:
        return dataclasses.asdict(self)  # type: ignore[return-value]


PERSONA_NAMES = [
    "anonymous",
    "admin",
    "board_leader",
    "board_specialist",
    "deputy_secretary",
    "ward_officer",
    "cell_secretary",
    "outsider",
]


@pytest.fixture
def personas(tree: Tree) -> Personas:
    return Personas(
        admin=make_user("admin", is_superuser=True, is_staff=True),
        board_leader=make_user("leader", role=Role.BOARD_LEADER, organization=tree.root),
        board_specialist=make_user(
            "specialist", role=Role.BOARD_SPECIALIST, organization=tree.root
        ),
        deputy_secretary=make_user(
            "deputy", role=Role.STANDING_DEPUTY_SECRETARY, organization=tree.root
        ),
        ward_officer=make_user("ward", role=Role.ORGANIZATION_OFFICER, organization=tree.ward),
        cell_secretary=make_user("secretary", role=Role.CELL_SECRETARY, organization=tree.cell1),
        outsider=make_user("outsider", role=Role.ORGANIZATION_OFFICER, organization=tree.commune),
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    # Argon2 is the production hasher (tested in accounts); tests hash faster.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
