"""Review fixtures: two indicators of our own registered for the tests (whatever the
registry holds besides), a small city with members, and a review of its first half-year."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, register, share, unregister
from tcxd.members.selectors import member_counts, member_counts_by_child
from tcxd.testing.factories import make_member

from .. import services

MEMBERS_END = "test_reviews.members_end"
OFFICIAL_SHARE = "test_reviews.official_share"
H1_2026 = Period.half(2026, 1)


def _members_end(org: Any, period: Period) -> int:
    return member_counts(org, period.end)["total"]


def _members_end_by_child(org: Any, period: Period) -> dict[int, Any]:
    return {k: v["total"] for k, v in member_counts_by_child(org, period.end).items()}


def _official_share(org: Any, period: Period) -> Decimal | None:
    c = member_counts(org, period.end)
    return share(c["official"], c["total"])  # type: ignore[return-value]


def _official_share_by_child(org: Any, period: Period) -> dict[int, Any]:
    return {
        k: share(v["official"], v["total"])
        for k, v in member_counts_by_child(org, period.end).items()
    }


@pytest.fixture
def indicators() -> Iterator[None]:
    register(
        Indicator(
            code=MEMBERS_END,
            label="Members at the end of the period (test)",
            unit=Unit.COUNT,
            app="reviews",
            group="Test",
            compute=_members_end,
            by_child=_members_end_by_child,
        )
    )
    register(
        Indicator(
            code=OFFICIAL_SHARE,
            label="Share of official members (test)",
            unit=Unit.PERCENT,
            app="reviews",
            group="Test",
            compute=_official_share,
            by_child=_official_share_by_child,
        )
    )
    yield
    unregister(MEMBERS_END)
    unregister(OFFICIAL_SHARE)


@dataclasses.dataclass
class City:
    tree: Any
    personas: Any
    review: Any

    def submission(self, org: Any) -> Any:
        return self.review.submissions.get(organization=org)


@pytest.fixture
def city(tree, personas, indicators) -> City:  # type: ignore[no-untyped-def]
    """Members (by hand): ward cell 1: 2 official + 1 probationary; ward cell 2: 1 official;
    commune cell: 1 official; the department's cell: 1 probationary. On 30/06/2026 the
    ward has 4 members (3 official, 75,00 %), the commune 1 (100,00 %), the agency 1
    (0,00 %), the city 6 (4 official, 66,67 %)."""
    officer = personas.board_specialist
    for name, cell, official in [
        ("Lê Thị Hoa", tree.cell1, True),
        ("Trần Văn Bình", tree.cell1, True),
        ("Phan Thị Cúc", tree.cell1, False),
        ("Võ Văn Dũng", tree.cell2, True),
        ("Hồ Thị Én", tree.commune_cell, True),
        ("Đoàn Văn Giang", tree.department_cell, False),
    ]:
        make_member(
            officer,
            cell,
            full_name=name,
            admitted_on=dt.date(2024, 9, 2) if not official else dt.date(2015, 5, 19),
            official_on=dt.date(2016, 5, 19) if official else None,
        )
    review = services.review_open(
        actor=personas.board_specialist,
        organization=tree.root,
        kind="half_year",
        period=H1_2026,
        deadline_on=dt.date(2026, 6, 20),
    )
    return City(tree, personas, review)


NARRATIVE = {
    "results": "Hoàn thành kiện toàn cấp ủy.\nKết nạp đảng viên đúng kế hoạch.",
    "limitations": "Tỷ lệ kết nạp còn thấp, do nguồn quần chúng ưu tú ít.",
    "directions": "Tập trung tạo nguồn phát triển đảng viên.",
    "proposals": "",
}


def send(city: City, org: Any, actor: Any, **extra: Any) -> Any:
    sub = city.submission(org)
    return services.submission_update(
        actor=actor,
        submission=sub,
        expected_version=sub.version,
        narrative={**NARRATIVE, **extra},
        figure_comments={},
        send=True,
    )
