"""The expected meetings across a year, worked out by hand: a cell founded on 15/06/2026 and
a cell dissolved on 10/09/2026 in a restructuring (a cell owes the meetings of a month or a
quarter in which it existed on every day); postponements; and the indicators of a ward
over a past year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tcxd.indicators.periods import Period
from tcxd.indicators.registry import get
from tcxd.testing.factories import make_member, make_org

from .. import selectors, services
from ..choices import SlotKind, SlotState
from ..services import Mark

AFTER_THE_YEAR = dt.date(2027, 1, 10)


def meet(actor, org, day, kind="regular", marks=None):  # type: ignore[no-untyped-def]
    return services.meeting_save(
        actor=actor,
        organization=org,
        values={
            "kind": kind,
            "held_on": day,
            "starts_at": dt.time(19, 30),
            "ends_at": dt.time(21, 30),
            "place": "Nhà văn hóa",
        },
        marks=marks or {},
        today=AFTER_THE_YEAR,
    )


def states(slots, kind):  # type: ignore[no-untyped-def]
    return {s.start.month: s.state for s in slots if s.kind == kind}


@pytest.fixture
def cells(tree, personas):  # type: ignore[no-untyped-def]
    founded = make_org(
        tree.ward, "cell", "T-AH-3", "Chi bộ Tổ dân phố 3", founded_on=dt.date(2026, 6, 15)
    )
    dissolved = make_org(
        tree.ward, "cell", "T-AH-4", "Chi bộ Tổ dân phố 4", dissolved_on=dt.date(2026, 9, 10)
    )
    return founded, dissolved


def test_a_cell_founded_mid_year(cells, personas) -> None:
    founded, _dissolved = cells
    admin = personas.admin
    meet(admin, founded, dt.date(2026, 6, 20))  # its first meeting, in a month it did not owe
    for month in (7, 8, 10, 11):
        meet(admin, founded, dt.date(2026, month, 5))
    meet(admin, founded, dt.date(2026, 9, 5), kind="combined")
    services.postpone(
        actor=admin,
        organization=founded,
        slot=SlotKind.TOPICAL,
        period_start=dt.date(2026, 11, 1),  # any day of the quarter: Q4
        reason="Chờ tài liệu chuyên đề của Thành ủy",
        new_on=dt.date(2027, 1, 15),
    )
    slots = selectors.year_schedule(founded, 2026, AFTER_THE_YEAR)
    regular = states(slots, SlotKind.REGULAR)
    assert [regular[m] for m in range(1, 6)] == [SlotState.NOT_EXPECTED] * 5
    assert regular[6] == SlotState.HELD  # held although not owed
    assert [regular[m] for m in range(7, 12)] == [SlotState.HELD] * 5
    assert regular[12] == SlotState.OVERDUE
    topical = states(slots, SlotKind.TOPICAL)
    assert topical == {
        1: SlotState.NOT_EXPECTED,
        4: SlotState.NOT_EXPECTED,  # founded within Q2
        7: SlotState.HELD,  # the combined meeting of September
        10: SlotState.POSTPONED,
    }
    [summary] = [
        s
        for s in selectors.overview(
            founded, dt.date(2026, 1, 1), dt.date(2026, 12, 31), AFTER_THE_YEAR
        )
    ]
    assert (summary.expected_regular, summary.held_regular, summary.overdue_regular) == (6, 5, 1)
    assert (summary.expected_topical, summary.held_topical, summary.postponed) == (2, 1, 1)
    assert not summary.complete


def test_a_cell_dissolved_in_a_restructuring(cells, personas) -> None:
    _founded, dissolved = cells
    admin = personas.admin
    for month in range(1, 8):
        meet(
            admin, dissolved, dt.date(2026, month, 5), kind="combined" if month == 3 else "regular"
        )
    slots = selectors.year_schedule(dissolved, 2026, AFTER_THE_YEAR)
    regular = states(slots, SlotKind.REGULAR)
    assert [regular[m] for m in range(1, 8)] == [SlotState.HELD] * 7
    assert regular[8] == SlotState.OVERDUE  # it still existed all of August
    assert [regular[m] for m in range(9, 13)] == [SlotState.NOT_EXPECTED] * 4
    topical = states(slots, SlotKind.TOPICAL)
    assert topical == {
        1: SlotState.HELD,
        4: SlotState.OVERDUE,
        7: SlotState.NOT_EXPECTED,
        10: SlotState.NOT_EXPECTED,
    }


def test_slots_of_the_current_month_are_due_not_overdue(cells, personas) -> None:
    founded, _dissolved = cells
    slots = selectors.year_schedule(founded, 2026, dt.date(2026, 8, 20))
    regular = states(slots, SlotKind.REGULAR)
    assert regular[7] == SlotState.OVERDUE
    assert regular[8] == SlotState.DUE
    assert regular[9] == SlotState.UPCOMING


def test_a_meeting_is_refused_before_the_cell_was_founded(cells, personas) -> None:
    founded, _dissolved = cells
    from tcxd.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        meet(personas.admin, founded, dt.date(2026, 6, 10))
    assert exc.value.code == "organization_not_existing"


def test_indicators_of_a_ward_over_a_past_year(tree, personas) -> None:
    """Year 2025 in the ward: cell 1 holds every month (Q1–Q4 topical: combined in March,
    June, September, December), 10 present of 10 each time; cell 2 holds Jan–Oct only
    (November postponed, December overdue), no topical, 1 of 2 present each time. The
    dissolved cell 9 owes nothing (dissolved 01/01/2024)."""
    admin = personas.admin
    m1 = [
        make_member(admin, tree.cell1, full_name=f"Đảng viên A{n}", admitted_on=dt.date(2010, 1, 1))
        for n in range(10)
    ]
    m2 = [
        make_member(admin, tree.cell2, full_name=f"Đảng viên B{n}", admitted_on=dt.date(2010, 1, 1))
        for n in range(2)
    ]
    for month in range(1, 13):
        kind = "combined" if month % 3 == 0 else "regular"
        meet(admin, tree.cell1, dt.date(2025, month, 5), kind, {m.pk: Mark("present") for m in m1})
    for month in range(1, 11):
        marks = {m2[0].pk: Mark("present"), m2[1].pk: Mark("unexcused")}
        meet(admin, tree.cell2, dt.date(2025, month, 5), marks=marks)
    services.postpone(
        actor=admin,
        organization=tree.cell2,
        slot="regular",
        period_start=dt.date(2025, 11, 1),
        reason="Bão số 13",
    )
    year = Period.year(2025)
    value = {
        code: get(f"meetings.{code}").compute(tree.ward, year)
        for code in (
            "cells_every_month",
            "cells_every_month_share",
            "regular_held",
            "regular_overdue",
            "topical_per_cell_quarter",
            "attendance",
            "repeat_absentees",
        )
    }
    assert value["cells_every_month"] == 1
    assert value["cells_every_month_share"] == Decimal("50.00")
    assert value["regular_held"] == 22
    assert value["regular_overdue"] == 1
    # 4 topical (combined) meetings over 2 cells × 4 quarters owed.
    assert value["topical_per_cell_quarter"] == Decimal("0.5000")
    # (12 × 10 + 10 × 1) present over (12 × 10 + 10 × 2) expected = 130/140.
    assert value["attendance"] == Decimal("92.86")
    assert value["repeat_absentees"] == 1
    by_child = get("meetings.regular_held").by_child(tree.root, year)
    assert by_child[tree.ward.pk] == 22 and by_child[tree.commune.pk] == 0
