"""Meeting fixtures: cell 1 of the standard tree with 12 members on 05/06/2026, one of
them on temporary transfer to cell 2 since 01/03/2026 and one exempt since 01/01/2026."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tcxd.members.models import Member
from tcxd.members.services import member_record_event
from tcxd.testing.factories import make_member

from ..services import Mark

MEETING_DAY = dt.date(2026, 6, 5)
TODAY = dt.date(2026, 6, 20)

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Văn Dũng",
    "Hoàng Văn Em",
    "Võ Thị Phương",
    "Đặng Văn Giang",
    "Bùi Thị Hạnh",
    "Đỗ Văn Khoa",
    "Hồ Thị Lan",
    "Ngô Văn Minh",  # on temporary transfer to cell 2
    "Dương Thị Nga",  # exempt from activities
]


@dataclasses.dataclass
class Cell:
    tree: Any
    personas: Any
    members: list[Member]

    @property
    def away(self) -> Member:
        return self.members[10]

    @property
    def exempt(self) -> Member:
        return self.members[11]

    @property
    def expected(self) -> list[Member]:
        return self.members[:10]

    def by_name(self, name: str) -> Member:
        return next(m for m in self.members if m.person.full_name == name)


@pytest.fixture
def cell(tree, personas) -> Cell:  # type: ignore[no-untyped-def]
    actor = personas.admin
    members = [
        make_member(
            actor,
            tree.cell1,
            full_name=name,
            admitted_on=dt.date(2010, 3, 26),
            official_on=dt.date(2011, 3, 26),
        )
        for name in NAMES
    ]
    away, exempt = members[10], members[11]
    member_record_event(
        actor=actor,
        member=away,
        kind="temporary_transfer",
        occurred_on=dt.date(2026, 3, 1),
        organization=tree.cell2,
        expected_version=None,
    )
    member_record_event(
        actor=actor,
        member=exempt,
        kind="exempted",
        occurred_on=dt.date(2026, 1, 1),
        expected_version=None,
    )
    for m in members:
        m.refresh_from_db()
    return Cell(tree, personas, members)


def values(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "regular",
        "held_on": MEETING_DAY,
        "starts_at": dt.time(19, 30),
        "ends_at": dt.time(21, 0),
        "place": "Nhà văn hóa tổ dân phố 1",
        "topic": "",
        "chair": None,
        "secretary": None,
        "upper_attendee": "Lê Văn Cường, Đảng ủy viên phụ trách",
        "agenda": "Đánh giá kết quả tháng 5\nTriển khai nhiệm vụ tháng 6",
        "documents": "Dự thảo nghị quyết tháng 6",
        "documents_shared_on": dt.date(2026, 6, 4),
        "minutes": "Đồng chí Bí thư khai mạc, điểm danh, thông qua chương trình.",
        "speakers_count": 5,
        "results": "Hoàn thành các nhiệm vụ tháng 5.",
        "tasks_text": "Vận động nhân dân giữ gìn vệ sinh môi trường.",
        "assignment": "Đồng chí Bí thư phụ trách chung.",
        "self_assessment": "Buổi sinh hoạt đạt yêu cầu.",
    }
    data.update(extra)
    return data


def hand_marks(cell: Cell) -> dict[int, Mark]:
    """8 present, Phạm Văn Dũng absent with reason, Hoàng Văn Em absent without reason;
    the member away is not marked; the exempt member did not come."""
    marks = {m.pk: Mark("present", dues_paid=True) for m in cell.expected}
    marks[cell.by_name("Phạm Văn Dũng").pk] = Mark("excused", reason="Ốm, nằm viện")
    marks[cell.by_name("Hoàng Văn Em").pk] = Mark("unexcused")
    marks[cell.by_name("Bùi Thị Hạnh").pk] = Mark("present", dues_paid=False)
    return marks
