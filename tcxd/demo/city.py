"""The demo city: a fictional but realistic Đảng bộ Thành phố Huế after July 2025.

Everything is built through the services (organizations, people, villages, terms and
seats one by one; members through ``members_bulk_create``, which derives and checks every
history like a single write), so the demo obeys the rules and fills the audit log. The
people are invented: names from ``demo.names``, citizen IDs and card numbers drawn at
random. The same seed always gives the same city.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import random
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from tcxd.accounts.choices import Role
from tcxd.accounts.models import RoleAssignment, User
from tcxd.core.bulk import gc_paused
from tcxd.core.text import fold
from tcxd.members import changes, rollup
from tcxd.members.bulk import BulkEvent, NewMember, members_bulk_create
from tcxd.members.choices import EventKind, EventSource, Gender
from tcxd.members.importers import PROFESSIONAL, THEORY
from tcxd.members.models import Member
from tcxd.members.services import person_create, person_values
from tcxd.members.state import EventIn, OrgRef
from tcxd.organizations.choices import SeatPosition, VillageKind
from tcxd.organizations.models import Organization, OrganizationKind
from tcxd.organizations.services import (
    organization_create,
    seat_assign,
    term_create,
    village_create,
)

from . import names

TODAY = dt.date(2026, 11, 1)  # the demo's "now": events stop here, whatever the clock says
# The registry was imported up to this day; later admissions come from admission cases
# (tcxd/admissions/demo.py): every admission since then has its case.
IMPORTED_UNTIL = dt.date(2026, 6, 30)
MERGER_DAY = dt.date(2025, 7, 1)  # communes and wards of the new two-level system
HISTORY_FROM = dt.date(2015, 1, 1)
DEMO_PASSWORD = "tcxd-demo-2026"

# (user name, full name, position, role, where: "root" / "ward" / "cell")
PERSONAS = [
    (
        "truongban",
        "Trưởng Ban Tổ chức (demo)",
        "Trưởng Ban Tổ chức Thành ủy",
        Role.BOARD_LEADER,
        "root",
    ),
    (
        "chuyenvien",
        "Chuyên viên Ban Tổ chức (demo)",
        "Chuyên viên Ban Tổ chức Thành ủy",
        Role.BOARD_SPECIALIST,
        "root",
    ),
    (
        "phobithu",
        "Phó Bí thư Thường trực (demo)",
        "Phó Bí thư Thường trực Thành ủy",
        Role.STANDING_DEPUTY_SECRETARY,
        "root",
    ),
    (
        "canbo.thuanhoa",
        "Cán bộ tổ chức phường Thuận Hóa (demo)",
        "Cán bộ Văn phòng Đảng ủy phường Thuận Hóa",
        Role.ORGANIZATION_OFFICER,
        "ward",
    ),
    (
        "bithu.chibo",
        "Bí thư chi bộ (demo)",
        "Bí thư Chi bộ Tổ dân phố 1, phường Thuận Hóa",
        Role.CELL_SECRETARY,
        "cell",
    ),
]
ADMIN_USERNAME = "quantri"
PERSONA_WARD = "Phường Thuận Hóa"

# Party committees of city agencies and armed forces: name, short name, code, grassroots units.
# A unit is (name, code, kind, cells); kind "grassroots_committee" has the named cells under
# it, "grassroots_cell" holds members itself.
AGENCIES: list[tuple[str, str, str, list[tuple[str, str, str, list[str]]]]] = [
    (
        "Đảng bộ các cơ quan Đảng thành phố",
        "Các cơ quan Đảng",
        "HUE-CQD",
        [
            ("Chi bộ Văn phòng Thành ủy", "VPTU", "grassroots_cell", []),
            ("Chi bộ Ban Tổ chức Thành ủy", "BTCTU", "grassroots_cell", []),
            ("Chi bộ Ban Tuyên giáo và Dân vận Thành ủy", "BTGDV", "grassroots_cell", []),
            ("Chi bộ Ủy ban Kiểm tra Thành ủy", "UBKT", "grassroots_cell", []),
            ("Chi bộ Ban Nội chính Thành ủy", "BNC", "grassroots_cell", []),
            (
                "Đảng bộ Báo và Phát thanh, Truyền hình Huế",
                "BAOHUE",
                "grassroots_committee",
                [
                    "Chi bộ Ban Thời sự",
                    "Chi bộ Ban Điện tử",
                    "Chi bộ Ban Biên tập",
                    "Chi bộ Hành chính",
                ],
            ),
            (
                "Đảng bộ Trường Chính trị Nguyễn Chí Thanh",
                "TCT",
                "grassroots_committee",
                ["Chi bộ Khoa Lý luận cơ sở", "Chi bộ Khoa Xây dựng Đảng", "Chi bộ Phòng Đào tạo"],
            ),
        ],
    ),
    (
        "Đảng bộ Ủy ban nhân dân thành phố",
        "UBND thành phố",
        "HUE-UBND",
        [
            (
                "Đảng bộ Sở Y tế",
                "SYT",
                "grassroots_committee",
                [
                    "Chi bộ Văn phòng Sở",
                    "Chi bộ Bệnh viện Đa khoa thành phố",
                    "Chi bộ Trung tâm Kiểm soát bệnh tật",
                    "Chi bộ Bệnh viện Y học cổ truyền",
                    "Chi bộ Bệnh viện Mắt",
                ],
            ),
            (
                "Đảng bộ Sở Giáo dục và Đào tạo",
                "SGD",
                "grassroots_committee",
                [
                    "Chi bộ Văn phòng Sở",
                    "Chi bộ Trường THPT Quốc Học",
                    "Chi bộ Trường THPT Hai Bà Trưng",
                    "Chi bộ Trường THPT Nguyễn Huệ",
                    "Chi bộ Trường THPT Chuyên ngữ",
                    "Chi bộ Trung tâm Giáo dục thường xuyên",
                ],
            ),
            (
                "Đảng bộ Sở Tài chính",
                "STC",
                "grassroots_committee",
                ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Ngân sách", "Chi bộ Phòng Đầu tư"],
            ),
            (
                "Đảng bộ Sở Nông nghiệp và Môi trường",
                "SNNMT",
                "grassroots_committee",
                [
                    "Chi bộ Văn phòng Sở",
                    "Chi bộ Chi cục Thủy lợi",
                    "Chi bộ Chi cục Kiểm lâm",
                    "Chi bộ Trung tâm Khuyến nông",
                ],
            ),
            (
                "Đảng bộ Trung tâm Bảo tồn Di tích Cố đô Huế",
                "BTDT",
                "grassroots_committee",
                ["Chi bộ Phòng Quản lý di tích", "Chi bộ Phòng Nghiên cứu", "Chi bộ Đội Bảo vệ"],
            ),
            ("Chi bộ Sở Tư pháp", "STP", "grassroots_cell", []),
            ("Chi bộ Sở Nội vụ", "SNV", "grassroots_cell", []),
            ("Chi bộ Sở Xây dựng", "SXD", "grassroots_cell", []),
            ("Chi bộ Sở Văn hóa và Thể thao", "SVHTT", "grassroots_cell", []),
            ("Chi bộ Sở Du lịch", "SDL", "grassroots_cell", []),
            ("Chi bộ Sở Khoa học và Công nghệ", "SKHCN", "grassroots_cell", []),
        ],
    ),
    (
        "Đảng bộ Đại học Huế",
        "Đại học Huế",
        "HUE-DHH",
        [
            (
                "Đảng bộ Trường Đại học Y - Dược",
                "YDUOC",
                "grassroots_committee",
                [
                    "Chi bộ Khoa Y",
                    "Chi bộ Khoa Dược",
                    "Chi bộ Khoa Điều dưỡng",
                    "Chi bộ Bệnh viện Trường",
                ],
            ),
            (
                "Đảng bộ Trường Đại học Sư phạm",
                "SUPHAM",
                "grassroots_committee",
                [
                    "Chi bộ Khoa Toán",
                    "Chi bộ Khoa Ngữ văn",
                    "Chi bộ Khoa Lịch sử",
                    "Chi bộ Khoa Vật lý",
                ],
            ),
            (
                "Đảng bộ Trường Đại học Khoa học",
                "KHOAHOC",
                "grassroots_committee",
                ["Chi bộ Khoa Công nghệ thông tin", "Chi bộ Khoa Sinh học", "Chi bộ Khoa Luật"],
            ),
            (
                "Đảng bộ Trường Đại học Nông Lâm",
                "NONGLAM",
                "grassroots_committee",
                ["Chi bộ Khoa Nông học", "Chi bộ Khoa Lâm nghiệp", "Chi bộ Khoa Chăn nuôi - Thú y"],
            ),
            ("Chi bộ Trường Đại học Nghệ thuật", "NGHETHUAT", "grassroots_cell", []),
        ],
    ),
    (
        "Đảng bộ Quân sự thành phố",
        "Quân sự thành phố",
        "HUE-QS",
        [
            (
                "Đảng bộ Cơ quan Bộ Chỉ huy Quân sự thành phố",
                "CQBCH",
                "grassroots_committee",
                [
                    "Chi bộ Phòng Tham mưu",
                    "Chi bộ Phòng Chính trị",
                    "Chi bộ Phòng Hậu cần - Kỹ thuật",
                ],
            ),
            (
                "Đảng bộ Trung đoàn bộ binh",
                "TRUNGDOAN",
                "grassroots_committee",
                [
                    "Chi bộ Tiểu đoàn 1",
                    "Chi bộ Tiểu đoàn 2",
                    "Chi bộ Tiểu đoàn 3",
                    "Chi bộ Cơ quan",
                ],
            ),
            (
                "Đảng bộ Ban Chỉ huy Phòng thủ khu vực 1",
                "PTKV1",
                "grassroots_committee",
                ["Chi bộ Cơ quan", "Chi bộ Dân quân thường trực"],
            ),
            (
                "Đảng bộ Ban Chỉ huy Phòng thủ khu vực 2",
                "PTKV2",
                "grassroots_committee",
                ["Chi bộ Cơ quan", "Chi bộ Dân quân thường trực"],
            ),
        ],
    ),
    (
        "Đảng bộ Công an thành phố",
        "Công an thành phố",
        "HUE-CA",
        [
            (
                "Đảng bộ Phòng Cảnh sát hình sự",
                "PC02",
                "grassroots_committee",
                ["Chi bộ Đội 1", "Chi bộ Đội 2", "Chi bộ Đội 3"],
            ),
            (
                "Đảng bộ Phòng Cảnh sát giao thông",
                "PC08",
                "grassroots_committee",
                ["Chi bộ Đội Tuần tra", "Chi bộ Đội Đăng ký xe", "Chi bộ Trạm Cảnh sát giao thông"],
            ),
            (
                "Đảng bộ Phòng Cảnh sát quản lý hành chính",
                "PC06",
                "grassroots_committee",
                ["Chi bộ Đội Căn cước", "Chi bộ Đội Cư trú", "Chi bộ Đội Xuất nhập cảnh"],
            ),
            ("Chi bộ Phòng Tham mưu", "PV01", "grassroots_cell", []),
            ("Chi bộ Phòng Tổ chức cán bộ", "PX01", "grassroots_cell", []),
        ],
    ),
    (
        "Đảng bộ Bộ đội Biên phòng thành phố",
        "Biên phòng thành phố",
        "HUE-BP",
        [
            (
                "Đảng bộ Cơ quan Bộ Chỉ huy Bộ đội Biên phòng",
                "CQBP",
                "grassroots_committee",
                ["Chi bộ Phòng Tham mưu", "Chi bộ Phòng Chính trị"],
            ),
            ("Chi bộ Đồn Biên phòng A Đớt", "DONADOT", "grassroots_cell", []),
            ("Chi bộ Đồn Biên phòng Hồng Vân", "DONHONGVAN", "grassroots_cell", []),
            ("Chi bộ Đồn Biên phòng Thuận An", "DONTHUANAN", "grassroots_cell", []),
            ("Chi bộ Đồn Biên phòng Lăng Cô", "DONLANGCO", "grassroots_cell", []),
        ],
    ),
]
# Cells of the institutions every commune or ward has.
COMMUNE_CELLS = [
    ("Chi bộ Cơ quan Đảng - Mặt trận - đoàn thể", "CQDT", "office"),
    ("Chi bộ Ủy ban nhân dân", "UBND", "office"),
    ("Chi bộ Quân sự", "QS", "army"),
    ("Chi bộ Công an", "CA", "police"),
    ("Chi bộ Trường Trung học cơ sở", "THCS", "school"),
    ("Chi bộ Trường Tiểu học", "TH", "school"),
    ("Chi bộ Trạm Y tế", "YT", "health"),
]

OUTSIDE_PLACES = [
    "Đảng bộ tỉnh Quảng Trị",
    "Đảng bộ thành phố Đà Nẵng",
    "Đảng bộ tỉnh Nghệ An",
    "Đảng bộ tỉnh Hà Tĩnh",
    "Đảng bộ thành phố Hồ Chí Minh",
    "Đảng bộ thành phố Hà Nội",
    "Đảng bộ tỉnh Quảng Ngãi",
    "Đảng bộ Quân khu 4",
]


@dataclasses.dataclass
class Cell:
    org: Organization
    ref: OrgRef
    group: str  # "village", "office", "army", "police", "school", "health", "agency"
    commune: str  # commune or ward name, "" for agencies
    unit: Organization  # the commune/ward or agency committee above it
    size: int = 0


@dataclasses.dataclass
class DemoSummary:
    organizations: int
    members: int
    current_members: int
    villages: int
    accounts: list[tuple[str, str, str]]


class DemoCity:
    def __init__(self, *, seed: int, progress: Callable[[str], None]) -> None:
        self.rng = random.Random(seed)
        self.names = names.NameGenerator(random.Random(seed + 1))
        self.progress = progress
        self.kinds = {k.code: k for k in OrganizationKind.objects.all()}
        self.cells: list[Cell] = []
        self.citizen_ids: set[str] = set()
        self.cards: set[str] = set()
        self.admin: User | None = None
        self.communes: list[Organization] = []
        self.cell_members: dict[int, list[Any]] = {}

    # --- organizations ------------------------------------------------------------------

    def org(
        self,
        parent: Organization | None,
        kind: str,
        code: str,
        name: str,
        short: str = "",
        founded: dt.date | None = None,
        unit_code: str = "",
    ) -> Organization:
        return organization_create(
            actor=self.admin,
            parent=parent,
            kind=self.kinds[kind],
            code=code,
            name=name,
            short_name=short,
            founded_on=founded,
            administrative_unit_code=unit_code,
        )

    def build_tree(self) -> Organization:
        root = self.org(
            None,
            "provincial_committee",
            "HUE",
            "Đảng bộ thành phố Huế",
            "Thành ủy Huế",
            dt.date(1930, 4, 1),
        )
        wards = json.loads(open(names_path()).read())  # noqa: SIM115
        hue = next(p for p in wards if p["codename"] == "hue")
        for ward in sorted(
            hue["wards"], key=lambda w: (w["division_type"] != "phường", fold(w["name"]))
        ):
            self.build_commune(root, ward)
        for name, short, code, units in AGENCIES:
            agency = self.org(root, "agency_committee", code, name, short, dt.date(1976, 1, 1))
            for unit_name, unit_code, kind, cell_names in units:
                unit = self.org(agency, kind, f"{code}-{unit_code}", unit_name)
                if kind == "grassroots_cell":
                    self.cells.append(Cell(unit, OrgRef.of(unit), "agency", "", agency))  # type: ignore[arg-type]
                for index, cell_name in enumerate(cell_names, start=1):
                    cell = self.org(unit, "cell", f"{code}-{unit_code}-{index:02d}", cell_name)
                    self.cells.append(Cell(cell, OrgRef.of(cell), "agency", "", agency))  # type: ignore[arg-type]
        return root

    def build_commune(self, root: Organization, ward: dict[str, Any]) -> None:
        is_ward = ward["division_type"] == "phường"
        label = ward["name"]  # "Phường Thuận Hóa" / "Xã A Lưới 1"
        short = label.split(" ", 1)[1]
        code = "HUE-" + ward["short_codename"].upper().replace("_", "")[:20]
        prefix = "Đảng bộ phường " if is_ward else "Đảng bộ xã "
        commune = self.org(
            root, "commune_committee", code, prefix + short, label, MERGER_DAY, str(ward["code"])
        )
        commune._demo_label = label  # type: ignore[attr-defined]
        self.communes.append(commune)
        kind = names.RESIDENTIAL_GROUP if is_ward else names.VILLAGE
        count = self.rng.randint(18, 30) if is_ward else self.rng.randint(14, 26)
        village_names = names.village_names(self.rng, label, kind, count)
        commune._demo_villages = []  # type: ignore[attr-defined]
        for index, village in enumerate(village_names, start=1):
            cell = None
            if self.rng.random() > 0.06:  # a few villages have no cell of their own
                cell = self.org(commune, "cell", f"{code}-{index:02d}", f"Chi bộ {village}")
                self.cells.append(Cell(cell, OrgRef.of(cell), "village", label, commune))  # type: ignore[arg-type]
            commune._demo_villages.append((village, cell))  # type: ignore[attr-defined]
        for cell_name, cell_code, group in COMMUNE_CELLS:
            suffix = (" phường " if is_ward else " xã ") + short
            cell = self.org(commune, "cell", f"{code}-{cell_code}", cell_name + suffix)
            self.cells.append(Cell(cell, OrgRef.of(cell), group, label, commune))  # type: ignore[arg-type]

    # --- people -------------------------------------------------------------------------

    def citizen_id(self, birth: dt.date, gender: str) -> str:
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender == Gender.FEMALE else 0)
        while True:
            value = f"046{digit}{birth.year % 100:02d}{self.rng.randrange(10**6):06d}"
            if value not in self.citizen_ids:
                self.citizen_ids.add(value)
                return value

    def card_number(self) -> str:
        while True:
            value = f"46{self.rng.randrange(10**6):06d}"
            if value not in self.cards:
                self.cards.add(value)
                return value

    def person(self, cell: Cell, birth: dt.date, gender: str) -> dict[str, Any]:
        rng = self.rng
        weights = names.ethnicity_weights(cell.commune) if cell.commune else names.ETHNICITIES
        ethnicity = names.pick(rng, weights)
        family, middle, given = self.names.person(
            gender,
            minority_ethnicity=None if ethnicity == names.KINH else ethnicity,
            birth_year=birth.year,
        )
        occupation = self.occupation(cell, birth)
        education, professional, theory = names.education_profile(
            rng, birth.year, occupation, reference_year=TODAY.year
        )
        return person_values(
            {
                "full_name": names.full_name([family, middle, given]),
                "birth_on": birth,
                "gender": gender,
                "ethnicity": ethnicity,
                "religion": names.pick(rng, names.RELIGIONS),
                "hometown": names.pick(rng, names.HOMETOWNS),
                "citizen_id": self.citizen_id(birth, gender),
                "education": education,
                "professional_level": PROFESSIONAL.get(fold(professional), ""),
                "theory_level": THEORY.get(fold(theory), ""),
                "occupation": occupation,
            }
        )

    def occupation(self, cell: Cell, birth: dt.date) -> str:
        age = TODAY.year - birth.year
        if age >= 62:
            return names.OCC_RETIRED
        if cell.group in ("army", "police") or cell.unit.code in ("HUE-QS", "HUE-CA", "HUE-BP"):
            return names.OCC_ARMED_FORCES
        if cell.group == "office":
            return names.OCC_CIVIL_SERVANT
        if cell.group in ("school", "health") or cell.unit.code == "HUE-DHH":
            return names.OCC_PUBLIC_EMPLOYEE
        if cell.group == "agency":
            return names.pick(
                self.rng, [(names.OCC_CIVIL_SERVANT, 6), (names.OCC_PUBLIC_EMPLOYEE, 4)]
            )
        while True:
            occupation = names.pick(self.rng, names.OCCUPATIONS)
            if occupation != names.OCC_RETIRED or age >= 55:
                return occupation

    # --- members ------------------------------------------------------------------------

    def sizes(self, target: int) -> None:
        """Share ``target`` current members among the cells (villages and agencies differ)."""
        weights = []
        for cell in self.cells:
            base = {
                "village": 28,
                "office": 30,
                "army": 14,
                "police": 18,
                "school": 16,
                "health": 9,
                "agency": 32,
            }[cell.group]
            if cell.commune.startswith("Phường"):
                base = int(base * 1.25)
            weights.append(base * self.rng.uniform(0.6, 1.4))
        total = sum(weights)
        for cell, weight in zip(self.cells, weights, strict=True):
            cell.size = max(3, round(target * weight / total))

    def birth_date(self, cell: Cell) -> dt.date:
        rng = self.rng
        if cell.group in ("army", "police"):
            age = rng.randint(22, 52)
        elif cell.group in ("agency", "office", "school", "health"):
            age = rng.randint(25, 60)
        else:  # village and residential-group cells: many retired members
            age = int(rng.triangular(20, 92, 68))
        year = TODAY.year - age
        return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))

    def admission(self, birth: dt.date) -> dt.date:
        rng = self.rng
        earliest = dt.date(birth.year + 18, birth.month, birth.day) + dt.timedelta(days=31)
        latest = IMPORTED_UNTIL
        age = int(rng.triangular(19, 45, 26))
        day = dt.date(birth.year + age, rng.randint(1, 12), rng.randint(1, 28))
        if day > latest:  # young people: admitted some time in the last years, not all today
            start = max(earliest, latest - dt.timedelta(days=6 * 365))
            if start >= latest:
                return latest
            day = start + dt.timedelta(days=rng.randrange((latest - start).days))
        return max(day, earliest)

    def history(self, cell: Cell, birth: dt.date) -> tuple[list[BulkEvent], bool]:
        """The events of one member, and whether he or she is still a member at the end."""
        rng = self.rng
        events: list[BulkEvent] = []
        admitted = self.admission(birth)
        # came from another province (admitted there, transferred here later)
        outside = HISTORY_FROM < admitted < TODAY - dt.timedelta(days=1100) and rng.random() < 0.06
        first_org = None if outside else cell.ref
        events.append(
            BulkEvent(
                EventIn(
                    EventKind.ADMITTED,
                    admitted,
                    admitted,
                    first_org,
                    external_place=rng.choice(OUTSIDE_PLACES) if outside else "",
                ),
                decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU",
            )
        )
        official = admitted + dt.timedelta(days=rng.randint(380, 440))
        day = admitted
        if official < TODAY:
            events.append(
                BulkEvent(
                    EventIn(EventKind.RECOGNISED_OFFICIAL, official),
                    decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU",
                )
            )
            day = official
        if outside:
            moved = max(day + dt.timedelta(days=30), HISTORY_FROM)
            moved = min(
                moved + dt.timedelta(days=rng.randint(0, 2000)), TODAY - dt.timedelta(days=5)
            )
            events.append(
                BulkEvent(
                    EventIn(EventKind.TRANSFER, moved, organization=cell.ref, external_place="")
                )
            )
            day = moved
        status_official = official < TODAY
        age_now = (TODAY - birth).days // 365
        start = max(day, HISTORY_FROM) + dt.timedelta(days=1)
        if start >= TODAY:
            return events, True

        def when(after: dt.date) -> dt.date:
            span = (TODAY - after).days
            return after + dt.timedelta(days=rng.randint(1, max(1, span - 1)))

        roll = rng.random()
        # Exemption of elderly members (they remain members).
        if age_now >= 72 and rng.random() < 0.45:
            exempt_on = when(start)
            events.append(BulkEvent(EventIn(EventKind.EXEMPTED, exempt_on)))
            start = exempt_on + dt.timedelta(days=1)
        if start >= TODAY:
            return events, True
        # Endings: death (mostly the elderly), transfer out of the city, removals.
        death_chance = 0.01 + max(0, age_now - 60) * 0.007
        if roll < death_chance:
            events.append(BulkEvent(EventIn(EventKind.DIED, when(start))))
            return events, False
        roll -= death_chance
        if roll < 0.04 and age_now < 60:
            events.append(
                BulkEvent(
                    EventIn(
                        EventKind.TRANSFER, when(start), external_place=rng.choice(OUTSIDE_PLACES)
                    )
                )
            )
            return events, False
        roll -= 0.04
        if roll < 0.006:
            kind = rng.choice(
                [EventKind.STRUCK_OFF, EventKind.LEFT]
                + ([EventKind.EXPELLED] if status_official else [])
            )
            left_on = when(start)
            events.append(
                BulkEvent(EventIn(kind, left_on), decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU")
            )
            back = left_on + dt.timedelta(days=365 * 3 + rng.randint(40, 400))
            if kind != EventKind.EXPELLED and back <= IMPORTED_UNTIL and rng.random() < 0.3:
                events.append(
                    BulkEvent(
                        EventIn(EventKind.READMITTED, back, back, cell.ref),
                        decision_number=f"{rng.randint(1, 999)}-QĐ/TU",
                    )
                )
                return events, True
            return events, False
        # Moves inside the city: a permanent transfer from another cell of the same unit.
        last = max(e.event.occurred_on for e in events)
        if rng.random() < 0.07 and events[0].event.organization is not None:
            other = rng.choice(self.by_unit[cell.unit.pk])
            moved = when(last)
            if other.org.pk != cell.org.pk and moved < TODAY:
                # The member was first in ``other`` and moved here on ``moved``.
                first = events[0]
                events[0] = BulkEvent(
                    dataclasses.replace(first.event, organization=other.ref), first.decision_number
                )
                events.append(
                    BulkEvent(
                        EventIn(EventKind.TRANSFER, moved, organization=cell.ref),
                        decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU",
                    )
                )
                last = moved
        # A few members currently attend another cell temporarily (study, work).
        if rng.random() < 0.012 and age_now < 55:
            host = rng.choice(self.cells)
            away = max(last + dt.timedelta(days=1), TODAY - dt.timedelta(days=rng.randint(10, 200)))
            if host.org.pk != cell.org.pk and away < TODAY:
                events.append(
                    BulkEvent(EventIn(EventKind.TEMPORARY_TRANSFER, away, organization=host.ref))
                )
        return events, True

    def build_members(self, target: int) -> int:
        self.by_unit: dict[int, list[Cell]] = {}
        for cell in self.cells:
            self.by_unit.setdefault(cell.unit.pk, []).append(cell)
        self.sizes(target)
        records: list[NewMember] = []
        current = 0
        for index, cell in enumerate(self.cells):
            made = 0
            while made < cell.size:
                female_share = {"school": 0.7, "health": 0.65, "army": 0.08, "police": 0.15}.get(
                    cell.group, 0.36
                )
                gender = Gender.FEMALE if self.rng.random() < female_share else Gender.MALE
                birth = self.birth_date(cell)
                events, is_current = self.history(cell, birth)
                dates = [e.event.occurred_on for e in events]
                if dates != sorted(dates):
                    raise AssertionError(f"unsorted demo history: {events}")
                records.append(
                    NewMember(
                        events=events,
                        person=self.person(cell, birth, gender),
                        card_number=self.card_number()
                        if events[-1].event.occurred_on < TODAY - dt.timedelta(days=400)
                        or len(events) > 1
                        else None,
                        audit_changes={"source": "seed_demo"},
                    )
                )
                if is_current:
                    made += 1
                    current += 1
            if index % 200 == 0:
                self.progress(f"  {current:,} current members generated")
        self.progress(f"  writing {len(records):,} memberships …")
        for start in range(0, len(records), 20000):
            members_bulk_create(
                actor=self.admin,
                records=records[start : start + 20000],
                source=EventSource.DEMO,
                action="members.seed_demo",
                tallies=False,
            )
        rollup.rebuild()
        changes.rebuild()
        return len(records)

    # --- villages, committees, accounts -------------------------------------------------

    def build_villages(self) -> int:
        count = 0
        for commune in self.communes:
            label = commune._demo_label  # type: ignore[attr-defined]
            kind = (
                VillageKind.RESIDENTIAL_GROUP if label.startswith("Phường") else VillageKind.VILLAGE
            )
            for name, cell in commune._demo_villages:  # type: ignore[attr-defined]
                head = self.village_person(commune, cell, 0.62)
                front = self.village_person(commune, cell, 0.45)
                village_create(
                    actor=self.admin,
                    organization=commune,
                    kind=kind,
                    name=name,
                    cell=cell,
                    head=head,
                    front_head=front,
                )
                count += 1
        return count

    def village_person(self, commune: Organization, cell: Organization | None, member_share: float):  # type: ignore[no-untyped-def]
        rng = self.rng
        if cell is not None and rng.random() < member_share:
            members = self.cell_members.get(cell.pk)
            if members:
                return rng.choice(members)
        gender = Gender.FEMALE if rng.random() < 0.25 else Gender.MALE
        birth = dt.date(TODAY.year - rng.randint(30, 68), rng.randint(1, 12), rng.randint(1, 28))
        label = commune._demo_label  # type: ignore[attr-defined]
        fake_cell = Cell(commune, OrgRef.of(commune), "village", label, commune)  # type: ignore[arg-type]
        return person_create(
            actor=self.admin, data=self.person(fake_cell, birth, gender), organization=commune
        )

    def build_committees(self, root: Organization) -> None:
        units = [
            root,
            *Organization.objects.filter(kind__code__in=["commune_committee", "agency_committee"]),
        ]
        for unit in units:
            start = dt.date(2025, 10, 4) if unit.depth == 1 else dt.date(2025, 8, 20)
            term = term_create(
                actor=self.admin,
                organization=unit,
                name="2025–2030",
                start_on=start,
                end_on=dt.date(2030, 10, 1),
            )
            pool = list(
                Member.objects.filter(
                    organization_path__gte=unit.path,
                    organization_path__lt=unit.path + "~",
                    status="official",
                    person__birth_on__gt=dt.date(1966, 1, 1),
                )
                .select_related("person")
                .order_by("id")[:400]
            )
            self.rng.shuffle(pool)
            seats = [
                SeatPosition.SECRETARY,
                SeatPosition.STANDING_DEPUTY_SECRETARY,
                SeatPosition.DEPUTY_SECRETARY,
            ] + [SeatPosition.STANDING_COMMITTEE_MEMBER] * 4
            for position, member in zip(seats, pool, strict=False):
                seat_assign(
                    actor=self.admin,
                    term=term,
                    position=position,
                    person=member.person,
                    start_on=start,
                    decision_number=f"{self.rng.randint(1, 300)}-QĐ/TU",
                )

    def build_accounts(self, root: Organization) -> list[tuple[str, str, str]]:
        ward = Organization.objects.get(kind__code="commune_committee", short_name=PERSONA_WARD)
        cell = (
            Organization.objects.filter(path__startswith=ward.path, kind__holds_members=True)
            .order_by("path")
            .first()
        )
        where = {"root": root, "ward": ward, "cell": cell}
        accounts = [(ADMIN_USERNAME, "Quản trị hệ thống", "superuser")]
        for username, full_name, position, role, place in PERSONAS:
            user = User.objects.create_user(
                username=username, password=DEMO_PASSWORD, full_name=full_name, position=position
            )
            RoleAssignment.objects.create(user=user, organization=where[place], role=role)
            accounts.append((username, str(Role(role).label), where[place].name))  # type: ignore[union-attr]
        return accounts


def names_path() -> str:
    import vietnam_provinces

    return str(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH)


# Later apps add their demo data after the registry is built, in this order (each module
# has ``build(*, seed, progress)``; admissions first: reviews count its admissions).
DEMO_EXTENSIONS = [
    "tcxd.admissions.demo",
    "tcxd.indicators.demo",
    "tcxd.staffing.demo",
    "tcxd.meetings.demo",
    "tcxd.reviews.demo",
    "tcxd.votes.demo",
    "tcxd.directives.demo",  # after reviews: brings the review conference's task in
    "tcxd.news.demo",  # last: a draft from the review conference, links to the register
]


def build_demo_city(
    *, seed: int = 1, members: int = 58_280, progress: Callable[[str], None] = print
) -> DemoSummary:
    if Organization.objects.exists():
        raise RuntimeError(
            "The database already holds organizations; the demo city needs an "
            "empty database (delete var/tcxd.sqlite3 or use --reset)."
        )
    city = DemoCity(seed=seed, progress=progress)
    with gc_paused(), transaction.atomic():
        city.admin = User.objects.create_superuser(
            username=ADMIN_USERNAME,
            password=DEMO_PASSWORD,
            full_name="Quản trị hệ thống",
            position="Quản trị hệ thống (demo)",
        )
        progress("Building the organization tree …")
        root = city.build_tree()
        progress(f"  {len(city.cells):,} cells")
        progress("Generating members and their history since 2015 …")
        total = city.build_members(members)
        current = Member.objects.filter(status__in=["official", "probationary"])
        for member in current.select_related("person"):
            city.cell_members.setdefault(member.organization_id, []).append(member.person)  # type: ignore[arg-type]
        progress("Villages and residential groups, with their heads …")
        villages = city.build_villages()
        progress("Committees of the city, the communes and wards, and the agencies …")
        city.build_committees(root)
        accounts = city.build_accounts(root)
        for module_name in DEMO_EXTENSIONS:
            importlib.import_module(module_name).build(seed=seed, progress=progress)
    with connection.cursor() as cursor:  # fresh statistics for the query planner
        cursor.execute("ANALYZE")
    current_count = Member.objects.filter(status__in=["official", "probationary"]).count()
    return DemoSummary(Organization.objects.count(), total, current_count, villages, accounts)


def demo_accounts() -> list[tuple[str, str, str]]:
    """The demo accounts that exist in this database, with role and organization."""
    rows = (
        [(ADMIN_USERNAME, "Quản trị hệ thống", "superuser")]
        if User.objects.filter(username=ADMIN_USERNAME).exists()
        else []
    )
    for username, *_rest in PERSONAS:
        ra = (
            RoleAssignment.objects.filter(user__username=username)
            .select_related("organization")
            .first()
        )
        if ra:
            rows.append((username, str(Role(ra.role).label), ra.organization.name))
    return rows
