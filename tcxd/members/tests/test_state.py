"""The pure derivation of a membership from its events (``members.state``).

Every expected value below is worked out by hand from the rule it tests; dates are written
dd/mm/yyyy in the comments, as the users write them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcxd.members.choices import EventKind, MemberStatus
from tcxd.members.services import rule_lookup
from tcxd.members.state import (
    EventIn,
    HistoryError,
    OrgRef,
    Period,
    State,
    apply,
    derive,
    next_badge,
    party_age,
)

D = dt.date

CELL1 = OrgRef(id=1, path="000100010001", name="Chi bộ Tổ dân phố 1")
CELL2 = OrgRef(id=2, path="000100010002", name="Chi bộ Tổ dân phố 2")
DISSOLVED = OrgRef(
    id=3, path="000100010003", name="Chi bộ Tổ dân phố 9", dissolved_on=D(2024, 1, 1)
)
WARD = OrgRef(id=4, path="00010001", name="Đảng bộ phường An Hòa", holds_members=False)
NEW_CELL = OrgRef(id=5, path="000100010004", name="Chi bộ mới", founded_on=D(2025, 7, 1))
OTHER_CELL = OrgRef(id=6, path="000100020001", name="Chi bộ thôn Bình Thành")

# Huy hiệu Đảng levels, Hướng dẫn 01-HD/TW (28/9/2021) mục 18.1.
BADGE_LEVELS = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]


def ev(kind: str, on: dt.date, org: OrgRef | None = None, **extra: Any) -> EventIn:
    return EventIn(kind=kind, occurred_on=on, organization=org, **extra)


ADMISSION_DAY = D(2010, 3, 26)


def admitted(on: dt.date = ADMISSION_DAY, org: OrgRef | None = CELL1) -> EventIn:
    return ev(EventKind.ADMITTED, on, org)


def refused(events: list[EventIn], rules: Any = None) -> HistoryError:
    with pytest.raises(HistoryError) as info:
        if rules is None:
            derive(events)
        else:
            derive(events, rules)
    return info.value


def period(
    status: str,
    org: OrgRef | None,
    start: dt.date,
    end: dt.date | None,
    *,
    host: OrgRef | None = None,
    exempt: bool = False,
) -> Period:
    return Period(
        status=status, organization=org, host=host, is_exempt=exempt, start_on=start, end_on=end
    )


PROB, OFF = MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL


# --- admission and recognition ---------------------------------------------------------


def test_admission_opens_a_probationary_period() -> None:
    state, periods = derive([admitted(D(2010, 3, 26))])
    assert state.status == PROB
    assert state.status_since == D(2010, 3, 26)
    assert state.organization == CELL1
    assert state.admitted_on == D(2010, 3, 26)
    assert state.official_on is None
    assert periods == [period(PROB, CELL1, D(2010, 3, 26), None)]


def test_party_age_counts_from_the_admission_decision_date() -> None:
    """The decision date, not the ceremony, is the admission date (Điều lệ Đảng Điều 5)."""
    event = EventIn(
        kind=EventKind.ADMITTED,
        occurred_on=D(2015, 7, 30),
        decision_on=D(2015, 7, 26),
        organization=CELL1,
    )
    state, _ = derive([event])
    assert state.admitted_on == D(2015, 7, 26)


def test_recognition_as_official_splits_the_period_at_that_day() -> None:
    state, periods = derive(
        [admitted(D(2010, 3, 26)), ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26))]
    )
    assert state.status == OFF
    assert state.official_on == D(2011, 3, 26)
    assert state.status_since == D(2011, 3, 26)
    assert periods == [
        period(PROB, CELL1, D(2010, 3, 26), D(2011, 3, 26)),
        period(OFF, CELL1, D(2011, 3, 26), None),
    ]


def test_official_before_admitted_is_refused() -> None:
    error = refused([ev(EventKind.RECOGNISED_OFFICIAL, D(2009, 1, 1)), admitted()])
    assert error.code == "official_before_admitted"
    assert error.index == 0


def test_recognition_on_the_admission_day_is_refused() -> None:
    error = refused([admitted(D(2010, 3, 26)), ev(EventKind.RECOGNISED_OFFICIAL, D(2010, 3, 26))])
    assert error.code == "official_before_admitted"
    assert error.index == 1


def test_recognition_the_day_after_admission_is_accepted() -> None:
    state, _ = derive([admitted(D(2010, 3, 26)), ev(EventKind.RECOGNISED_OFFICIAL, D(2010, 3, 27))])
    assert state.status == OFF


def test_recognising_an_official_member_again_is_refused() -> None:
    error = refused(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2012, 3, 26)),
        ]
    )
    assert (error.code, error.index) == ("not_probationary", 2)


def test_history_must_begin_with_the_admission() -> None:
    error = refused([ev(EventKind.TRANSFER, D(2010, 1, 1), CELL2), admitted(D(2010, 3, 26))])
    assert (error.code, error.index) == ("not_admitted", 0)


def test_admitting_a_current_member_is_refused() -> None:
    error = refused([admitted(D(2010, 3, 26)), admitted(D(2012, 1, 1), CELL2)])
    assert (error.code, error.index) == ("already_member", 1)


def test_admitting_a_former_member_asks_for_a_readmission() -> None:
    error = refused(
        [admitted(D(2010, 3, 26)), ev(EventKind.LEFT, D(2012, 1, 1)), admitted(D(2016, 1, 1))]
    )
    assert (error.code, error.index) == ("use_readmission", 2)


def test_unknown_event_kind_is_refused() -> None:
    error = refused([admitted(), ev("promoted", D(2012, 1, 1))])
    assert (error.code, error.index) == ("unknown_event", 1)


def test_events_out_of_date_order_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        derive([admitted(D(2010, 3, 26)), ev(EventKind.EXEMPTED, D(2010, 3, 25))])


# --- after death ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "org"),
    [
        (EventKind.RECOGNISED_OFFICIAL, None),
        (EventKind.TRANSFER, CELL2),
        (EventKind.TEMPORARY_TRANSFER, CELL2),
        (EventKind.EXEMPTED, None),
        (EventKind.DIED, None),
        (EventKind.EXPELLED, None),
        (EventKind.LEFT, None),
        (EventKind.READMITTED, CELL2),
        (EventKind.ADMITTED, CELL2),
    ],
)
def test_no_event_can_follow_death(kind: str, org: OrgRef | None) -> None:
    error = refused(
        [admitted(D(2010, 3, 26)), ev(EventKind.DIED, D(2020, 5, 1)), ev(kind, D(2020, 5, 2), org)]
    )
    assert (error.code, error.index) == ("after_death", 2)


def test_death_closes_the_period_and_ends_the_membership() -> None:
    state, periods = derive([admitted(D(2010, 3, 26)), ev(EventKind.DIED, D(2020, 5, 1))])
    assert state.status == MemberStatus.DIED
    assert state.ended_on == D(2020, 5, 1)
    assert not state.is_current
    assert periods == [period(PROB, CELL1, D(2010, 3, 26), D(2020, 5, 1))]


# --- transfers --------------------------------------------------------------------------


def test_transfer_between_cells_moves_the_open_period() -> None:
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)),
            ev(EventKind.TRANSFER, D(2018, 9, 1), CELL2),
        ]
    )
    assert state.organization == CELL2
    assert state.status == OFF  # a transfer keeps the standing
    assert state.status_since == D(2011, 3, 26)
    assert periods == [
        period(PROB, CELL1, D(2010, 3, 26), D(2011, 3, 26)),
        period(OFF, CELL1, D(2011, 3, 26), D(2018, 9, 1)),
        period(OFF, CELL2, D(2018, 9, 1), None),
    ]


def test_same_day_admission_and_transfer_leave_no_empty_period() -> None:
    _, periods = derive([admitted(D(2020, 1, 1)), ev(EventKind.TRANSFER, D(2020, 1, 1), CELL2)])
    assert periods == [period(PROB, CELL2, D(2020, 1, 1), None)]


def test_transfer_into_a_dissolved_cell_is_refused() -> None:
    # DISSOLVED was dissolved on 01/01/2024: from that day on it takes no members.
    error = refused([admitted(D(2010, 3, 26)), ev(EventKind.TRANSFER, D(2024, 1, 1), DISSOLVED)])
    assert (error.code, error.index) == ("organization_dissolved", 1)
    assert "01/01/2024" in error.message


def test_transfer_into_a_cell_the_day_before_its_dissolution_is_accepted() -> None:
    state, _ = derive(
        [admitted(D(2010, 3, 26)), ev(EventKind.TRANSFER, D(2023, 12, 31), DISSOLVED)]
    )
    assert state.organization == DISSOLVED


def test_admission_into_a_dissolved_cell_is_refused() -> None:
    error = refused([admitted(D(2024, 6, 1), DISSOLVED)])
    assert (error.code, error.index) == ("organization_dissolved", 0)


def test_transfer_into_an_organization_that_is_not_a_cell_is_refused() -> None:
    error = refused([admitted(), ev(EventKind.TRANSFER, D(2015, 1, 1), WARD)])
    assert (error.code, error.index) == ("organization_holds_no_members", 1)


def test_transfer_into_a_cell_before_its_founding_is_refused_unless_imported() -> None:
    events = [admitted(D(2010, 3, 26)), ev(EventKind.TRANSFER, D(2025, 6, 30), NEW_CELL)]
    error = refused(events)
    assert (error.code, error.index) == ("organization_not_founded", 1)
    # On the founding day it is accepted.
    state, _ = derive([events[0], ev(EventKind.TRANSFER, D(2025, 7, 1), NEW_CELL)])
    assert state.organization == NEW_CELL
    # An imported history may predate the organization that now holds it.
    imported = EventIn(
        kind=EventKind.TRANSFER,
        occurred_on=D(2025, 6, 30),
        organization=NEW_CELL,
        check_founding=False,
    )
    state, _ = derive([events[0], imported])
    assert state.organization == NEW_CELL


def test_transfer_into_the_same_cell_is_refused() -> None:
    error = refused([admitted(), ev(EventKind.TRANSFER, D(2015, 1, 1), CELL1)])
    assert (error.code, error.index) == ("same_organization", 1)


def test_transfer_needs_an_organization_or_a_place() -> None:
    error = refused([admitted(), ev(EventKind.TRANSFER, D(2015, 1, 1))])
    assert (error.code, error.index) == ("organization_required", 1)


def test_transfer_away_and_back_keeps_the_standing_and_the_party_age() -> None:
    away = ev(EventKind.TRANSFER, D(2016, 4, 1), external_place="Đảng bộ tỉnh Quảng Trị")
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)),
            away,
        ]
    )
    assert state.status == MemberStatus.TRANSFERRED_AWAY
    assert state.status_since == D(2016, 4, 1)
    assert state.organization == CELL1  # the history stays visible where it was kept
    assert periods[-1] == period(OFF, CELL1, D(2011, 3, 26), D(2016, 4, 1))

    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)),
            away,
            ev(EventKind.TRANSFER, D(2019, 2, 15), CELL2),
        ]
    )
    assert state.status == OFF  # back as the official member he was
    assert state.organization == CELL2
    assert state.gap_days == 0  # a member transferred away stayed a member
    assert periods == [
        period(PROB, CELL1, D(2010, 3, 26), D(2011, 3, 26)),
        period(OFF, CELL1, D(2011, 3, 26), D(2016, 4, 1)),
        period(OFF, CELL2, D(2019, 2, 15), None),
    ]


def test_a_member_transferred_away_cannot_transfer_away_again_or_die_here() -> None:
    away = ev(EventKind.TRANSFER, D(2016, 4, 1), external_place="Tỉnh Quảng Trị")
    error = refused([admitted(), away, ev(EventKind.TRANSFER, D(2017, 1, 1), external_place="X")])
    assert (error.code, error.index) == ("not_a_member", 2)
    error = refused([admitted(), away, ev(EventKind.DIED, D(2017, 1, 1))])
    assert (error.code, error.index) == ("not_a_member", 2)


def test_probationary_member_returning_from_away_is_still_probationary() -> None:
    state, _ = derive(
        [
            admitted(D(2020, 3, 26)),
            ev(EventKind.TRANSFER, D(2020, 6, 1), external_place="Tỉnh Quảng Nam"),
            ev(EventKind.TRANSFER, D(2020, 9, 1), CELL2),
        ]
    )
    assert state.status == PROB


def test_temporary_transfer_and_return() -> None:
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.TEMPORARY_TRANSFER, D(2019, 1, 10), CELL2),
        ]
    )
    assert state.organization == CELL1  # still registered at home
    assert state.host == CELL2
    assert state.temporarily_away
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.TEMPORARY_TRANSFER, D(2019, 1, 10), CELL2),
            ev(EventKind.TEMPORARY_RETURN, D(2019, 7, 10)),
        ]
    )
    assert state.host is None
    assert not state.temporarily_away
    assert periods == [
        period(PROB, CELL1, D(2010, 3, 26), D(2019, 1, 10)),
        period(PROB, CELL1, D(2019, 1, 10), D(2019, 7, 10), host=CELL2),
        period(PROB, CELL1, D(2019, 7, 10), None),
    ]


def test_temporary_transfer_errors() -> None:
    base = [admitted(D(2010, 3, 26)), ev(EventKind.TEMPORARY_TRANSFER, D(2019, 1, 10), CELL2)]
    error = refused([*base, ev(EventKind.TEMPORARY_TRANSFER, D(2019, 2, 1), OTHER_CELL)])
    assert (error.code, error.index) == ("already_away", 2)
    error = refused([admitted(), ev(EventKind.TEMPORARY_RETURN, D(2019, 2, 1))])
    assert (error.code, error.index) == ("not_away", 1)
    error = refused([admitted(), ev(EventKind.TEMPORARY_TRANSFER, D(2019, 2, 1), CELL1)])
    assert (error.code, error.index) == ("same_organization", 1)
    error = refused([admitted(), ev(EventKind.TEMPORARY_TRANSFER, D(2019, 2, 1), WARD)])
    assert (error.code, error.index) == ("organization_holds_no_members", 1)


def test_a_permanent_transfer_ends_a_temporary_one() -> None:
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.TEMPORARY_TRANSFER, D(2019, 1, 10), CELL2),
            ev(EventKind.TRANSFER, D(2019, 5, 1), CELL2),
        ]
    )
    assert (state.organization, state.host, state.temporarily_away) == (CELL2, None, False)
    assert periods[-1] == period(PROB, CELL2, D(2019, 5, 1), None)


# --- exemption --------------------------------------------------------------------------


def test_exemption_and_its_end() -> None:
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)),
            ev(EventKind.EXEMPTED, D(2020, 1, 1)),
            ev(EventKind.EXEMPTION_ENDED, D(2021, 1, 1)),
        ]
    )
    assert not state.is_exempt
    assert periods == [
        period(PROB, CELL1, D(2010, 3, 26), D(2011, 3, 26)),
        period(OFF, CELL1, D(2011, 3, 26), D(2020, 1, 1)),
        period(OFF, CELL1, D(2020, 1, 1), D(2021, 1, 1), exempt=True),
        period(OFF, CELL1, D(2021, 1, 1), None),
    ]


def test_exemption_errors() -> None:
    error = refused(
        [admitted(), ev(EventKind.EXEMPTED, D(2020, 1, 1)), ev(EventKind.EXEMPTED, D(2020, 2, 1))]
    )
    assert (error.code, error.index) == ("already_exempt", 2)
    error = refused([admitted(), ev(EventKind.EXEMPTION_ENDED, D(2020, 1, 1))])
    assert (error.code, error.index) == ("not_exempt", 1)


# --- endings ----------------------------------------------------------------------------


def test_expelling_a_probationary_member_is_refused() -> None:
    """A probationary member is struck off, not expelled (Điều lệ Đảng Điều 5.3)."""
    error = refused([admitted(D(2020, 3, 26)), ev(EventKind.EXPELLED, D(2020, 9, 1))])
    assert (error.code, error.index) == ("expel_probationary", 1)
    state, _ = derive([admitted(D(2020, 3, 26)), ev(EventKind.STRUCK_OFF, D(2020, 9, 1))])
    assert state.status == MemberStatus.STRUCK_OFF


def test_expelling_an_official_member() -> None:
    state, periods = derive(
        [
            admitted(D(2010, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)),
            ev(EventKind.EXEMPTED, D(2015, 1, 1)),
            ev(EventKind.EXPELLED, D(2016, 6, 1)),
        ]
    )
    assert state.status == MemberStatus.EXPELLED
    assert state.ended_on == D(2016, 6, 1)
    assert not state.is_exempt
    assert periods[-1] == period(OFF, CELL1, D(2015, 1, 1), D(2016, 6, 1), exempt=True)


def test_leaving_twice_is_refused() -> None:
    error = refused(
        [admitted(), ev(EventKind.LEFT, D(2015, 1, 1)), ev(EventKind.STRUCK_OFF, D(2015, 2, 1))]
    )
    assert (error.code, error.index) == ("not_a_member", 2)


# --- readmission (Quy định 232-QĐ/TW, then 294-QĐ/TW, điểm 3.5.1) ------------------------


def left_then_readmitted(left_on: dt.date, back_on: dt.date) -> list[EventIn]:
    return [
        admitted(D(2005, 3, 26)),
        ev(EventKind.RECOGNISED_OFFICIAL, D(2006, 3, 26)),
        ev(EventKind.LEFT, left_on),
        ev(EventKind.READMITTED, back_on, CELL2),
    ]


@pytest.mark.django_db
def test_readmission_36_months_after_leaving_is_accepted_qd_294_diem_3_5_1() -> None:
    """Quy định 294-QĐ/TW điểm 3.5.1: at least 36 months since leaving.

    Left 10/08/2022; 10/08/2025 is exactly 36 months later → accepted.
    """
    state, periods = derive(left_then_readmitted(D(2022, 8, 10), D(2025, 8, 10)), rule_lookup)
    assert state.status == PROB
    assert state.organization == CELL2
    assert state.official_on is None
    assert state.readmissions == 1
    # 10/08/2022 → 10/08/2025: 365 + 365 + 366 (29/02/2024) = 1096 days out of the Party.
    assert state.gap_days == 1096
    assert periods[-2:] == [
        period(OFF, CELL1, D(2006, 3, 26), D(2022, 8, 10)),
        period(PROB, CELL2, D(2025, 8, 10), None),
    ]


@pytest.mark.django_db
def test_readmission_one_day_short_of_36_months_is_refused_qd_294_diem_3_5_1() -> None:
    """Quy định 294-QĐ/TW điểm 3.5.1: left 10/08/2022, back 09/08/2025 = 35 full months."""
    error = refused(left_then_readmitted(D(2022, 8, 10), D(2025, 8, 9)), rule_lookup)
    assert (error.code, error.index) == ("readmission_too_soon", 3)
    assert "294-QĐ/TW" in error.message
    assert "36" in error.message and "35" in error.message


@pytest.mark.django_db
def test_readmission_rule_is_the_one_in_force_on_the_readmission_date_qd_232_diem_3_5_1() -> None:
    """Quy định 232-QĐ/TW điểm 3.5.1 (20/01/2025–30/06/2025): left 15/03/2022.

    Back 14/03/2025 = 35 months → refused citing 232; back 15/03/2025 = 36 → accepted.
    """
    error = refused(left_then_readmitted(D(2022, 3, 15), D(2025, 3, 14)), rule_lookup)
    assert error.code == "readmission_too_soon"
    assert "232-QĐ/TW" in error.message
    state, _ = derive(left_then_readmitted(D(2022, 3, 15), D(2025, 3, 15)), rule_lookup)
    assert state.status == PROB


@pytest.mark.django_db
def test_readmission_rule_follows_the_readmission_not_the_leaving_date_qd_294() -> None:
    """Left 02/07/2022 (no numeric rule then); back 01/07/2025, when 294-QĐ/TW điểm 3.5.1
    has just come into force: 35 full months → refused under 294."""
    error = refused(left_then_readmitted(D(2022, 7, 2), D(2025, 7, 1)), rule_lookup)
    assert error.code == "readmission_too_soon"
    assert "294-QĐ/TW" in error.message


@pytest.mark.django_db
def test_before_20_01_2025_no_numeric_readmission_rule_applies_qd_232() -> None:
    """Quy định 232-QĐ/TW takes effect 20/01/2025; before it we hold no numeric rule.

    Left 01/01/2023: back 19/01/2025 (24 months) is accepted; the same on 20/01/2025 is
    refused (24 < 36).
    """
    state, _ = derive(left_then_readmitted(D(2023, 1, 1), D(2025, 1, 19)), rule_lookup)
    assert state.status == PROB
    error = refused(left_then_readmitted(D(2023, 1, 1), D(2025, 1, 20)), rule_lookup)
    assert error.code == "readmission_too_soon"
    assert "232-QĐ/TW" in error.message


@pytest.mark.django_db
def test_readmission_only_once_qd_294_diem_3_5_1() -> None:
    """Quy định 294-QĐ/TW điểm 3.5.1: a person is readmitted only once.

    Readmitted on 01/01/2012 (no numeric rule then), left again 01/01/2015; a second
    readmission on 01/09/2025 (far more than 36 months later) is refused.
    """
    events = [
        admitted(D(2005, 3, 26)),
        ev(EventKind.RECOGNISED_OFFICIAL, D(2006, 3, 26)),
        ev(EventKind.LEFT, D(2010, 1, 1)),
        ev(EventKind.READMITTED, D(2012, 1, 1), CELL2),
        ev(EventKind.STRUCK_OFF, D(2015, 1, 1)),
        ev(EventKind.READMITTED, D(2025, 9, 1), CELL1),
    ]
    error = refused(events, rule_lookup)
    assert (error.code, error.index) == ("readmission_limit", 5)
    assert "294-QĐ/TW" in error.message
    # Without a numeric rule (the pure default) the same history goes through.
    state, _ = derive(events)
    assert state.readmissions == 2


def test_readmission_errors() -> None:
    error = refused([admitted(), ev(EventKind.READMITTED, D(2015, 1, 1), CELL2)])
    assert (error.code, error.index) == ("already_member", 1)
    error = refused(
        [
            admitted(),
            ev(EventKind.TRANSFER, D(2012, 1, 1), external_place="Tỉnh Quảng Trị"),
            ev(EventKind.READMITTED, D(2015, 1, 1), CELL2),
        ]
    )
    assert (error.code, error.index) == ("not_readmissible", 2)
    error = refused([ev(EventKind.READMITTED, D(2015, 1, 1), CELL2)])
    assert (error.code, error.index) == ("not_admitted", 0)
    error = refused(
        [admitted(), ev(EventKind.LEFT, D(2012, 1, 1)), ev(EventKind.READMITTED, D(2015, 1, 1))]
    )
    assert (error.code, error.index) == ("organization_required", 2)


# --- party age --------------------------------------------------------------------------


def test_party_age_worked_by_hand() -> None:
    state, _ = derive([admitted(D(2015, 7, 26))])
    # 26/07/2015 → 25/07/2045: 30 × 12 = 360 months, less one because day 25 < day 26:
    # 359 months = 29 years 11 months.
    assert party_age(state, D(2045, 7, 25)) == (29, 11)
    # 26/07/2045: 360 full months = 30 years 0 months.
    assert party_age(state, D(2045, 7, 26)) == (30, 0)
    # 26/07/2015 → 15/09/2016: 14 months, day 15 < 26 → 13 months = 1 year 1 month.
    assert party_age(state, D(2016, 9, 15)) == (1, 1)
    assert party_age(state, D(2015, 7, 26)) == (0, 0)
    assert party_age(state, D(2015, 7, 25)) is None  # before admission


def test_party_age_less_the_time_out_of_the_party() -> None:
    """Điều lệ Đảng Điều 5.4; Quy định 294-QĐ/TW điểm 4.5: time out of the Party is not
    counted."""
    state, _ = derive(
        [
            admitted(D(2015, 7, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(2016, 7, 26)),
            ev(EventKind.LEFT, D(2020, 1, 1)),
            ev(EventKind.READMITTED, D(2020, 3, 1), CELL2),  # 2020: no numeric rule
        ]
    )
    # Out of the Party 01/01/2020 → 01/03/2020: 31 (January) + 29 (February 2020) = 60 days.
    assert state.gap_days == 60
    # The count starts 60 days after 26/07/2015: 5 days to 31/07, 31 in August, 24 in
    # September → 24/09/2015.
    # 24/09/2015 → 23/09/2045: 360 months less one (23 < 24) = 29 years 11 months.
    assert party_age(state, D(2045, 9, 23)) == (29, 11)
    assert party_age(state, D(2045, 9, 24)) == (30, 0)


def test_party_age_of_a_former_member_stops_when_the_membership_ended() -> None:
    state, _ = derive([admitted(D(2000, 1, 10)), ev(EventKind.DIED, D(2020, 6, 9))])
    # 10/01/2000 → 09/06/2020: 20 × 12 + 5 = 245 months, less one (9 < 10) = 244
    # = 20 years 4 months, however late we ask.
    assert party_age(state, D(2030, 1, 1)) == (20, 4)
    assert party_age(state, D(2010, 1, 10)) == (10, 0)


# --- next badge (Hướng dẫn 01-HD/TW mục 18.1) -------------------------------------------


def test_badge_anniversary_earlier_this_year_still_gives_that_level_hd_01() -> None:
    """Hướng dẫn 01-HD/TW mục 18.1: 30 years of party age on 10/03/2025; asked on
    20/11/2025 the 30-year badge is still this year's."""
    state, _ = derive([admitted(D(1995, 3, 10))])
    assert next_badge(state, BADGE_LEVELS, D(2025, 11, 20)) == (30, 2025)
    # Asked a year before: the same badge, in 2025.
    assert next_badge(state, BADGE_LEVELS, D(2024, 12, 31)) == (30, 2025)
    # Asked in 2026 the 30-year badge is past: the 40-year one is due in 2035.
    assert next_badge(state, BADGE_LEVELS, D(2026, 1, 1)) == (40, 2035)


def test_badge_levels_after_40_come_every_five_years_hd_01() -> None:
    # Admitted 01/05/1980: 45 years on 01/05/2025.
    state, _ = derive([admitted(D(1980, 5, 1))])
    assert next_badge(state, BADGE_LEVELS, D(2025, 1, 1)) == (45, 2025)
    # Admitted 01/05/1979: 45 years in 2024, so in 2025 the next is 50 years, in 2029.
    state, _ = derive([admitted(D(1979, 5, 1))])
    assert next_badge(state, BADGE_LEVELS, D(2025, 1, 1)) == (50, 2029)
    # Admitted in 2010: the first badge is the 30-year one, in 2040.
    state, _ = derive([admitted(D(2010, 3, 26))])
    assert next_badge(state, BADGE_LEVELS, D(2025, 6, 1)) == (30, 2040)


def test_badge_year_shifts_with_the_time_out_of_the_party() -> None:
    state, _ = derive(
        [
            admitted(D(1995, 12, 1)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(1996, 12, 1)),
            ev(EventKind.LEFT, D(2000, 1, 1)),
            ev(EventKind.READMITTED, D(2000, 3, 1), CELL2),
        ]
    )
    # 01/01/2000 → 01/03/2000: 31 + 29 (2000 is a leap year) = 60 days; the count starts
    # 60 days after 01/12/1995: 30 days to 31/12, 30 more → 30/01/1996. Thirty years on:
    # 30/01/2026, so in 2025 the next badge is the 30-year one in 2026, not 2025.
    assert state.gap_days == 60
    assert next_badge(state, BADGE_LEVELS, D(2025, 6, 1)) == (30, 2026)


def test_former_members_get_no_badge() -> None:
    state, _ = derive(
        [
            admitted(D(1990, 3, 26)),
            ev(EventKind.RECOGNISED_OFFICIAL, D(1991, 3, 26)),
            ev(EventKind.LEFT, D(2019, 1, 1)),
        ]
    )
    assert next_badge(state, BADGE_LEVELS, D(2025, 1, 1)) is None
    assert next_badge(State(), BADGE_LEVELS, D(2025, 1, 1)) is None


def test_no_level_left_gives_none() -> None:
    state, _ = derive([admitted(D(1930, 2, 3))])
    # 90 years of party age in 2020: every level is in the past by 2025.
    assert next_badge(state, BADGE_LEVELS, D(2025, 1, 1)) is None


@pytest.mark.django_db
def test_badge_levels_in_the_rule_data_hd_01_muc_18_1() -> None:
    """The levels held in the rule data are those of Hướng dẫn 01-HD/TW mục 18.1."""
    rule = rule_lookup("party_badges", D(2025, 1, 1))
    assert rule is not None
    assert rule["levels_years"] == BADGE_LEVELS
    assert "01-HD/TW" in rule["legal_basis"]
    assert rule_lookup("party_badges", D(2021, 9, 27)) is None


# --- apply -------------------------------------------------------------------------------


def test_apply_does_not_change_the_state_it_is_given() -> None:
    state = apply(State(), admitted(D(2010, 3, 26)), 0)
    after = apply(state, ev(EventKind.RECOGNISED_OFFICIAL, D(2011, 3, 26)), 1)
    assert state.status == PROB and state.official_on is None
    assert after.status == OFF


# --- property: periods are a consistent picture of the history ---------------------------

ORGS = [CELL1, CELL2, OTHER_CELL]
# Weighted so that histories run long before an ending event (death is rare).
STEP_KINDS = [
    *[EventKind.RECOGNISED_OFFICIAL] * 3,
    *[EventKind.TRANSFER] * 4,
    *[EventKind.TEMPORARY_TRANSFER] * 3,
    *[EventKind.TEMPORARY_RETURN] * 3,
    *[EventKind.EXEMPTED] * 2,
    *[EventKind.EXEMPTION_ENDED] * 2,
    EventKind.DIED,
    EventKind.EXPELLED,
    EventKind.STRUCK_OFF,
    EventKind.LEFT,
    *[EventKind.READMITTED] * 3,
    EventKind.ADMITTED,
]
STEP = st.tuples(
    st.sampled_from(STEP_KINDS),
    st.integers(min_value=0, max_value=400),  # days after the previous event
    st.sampled_from([*ORGS, None]),
)


def _valid_history(start: dt.date, steps: list[tuple[str, int, OrgRef | None]]) -> list[EventIn]:
    """Keep the steps the rules accept, in order: a random valid history."""
    events = [admitted(start)]
    state = apply(State(), events[0], 0)
    day = start
    for kind, gap, org in steps:
        day = day + dt.timedelta(days=gap)
        place = "Tỉnh Quảng Trị" if org is None and kind == EventKind.TRANSFER else ""
        event = ev(kind, day, org, external_place=place)
        try:
            state = apply(state, event, len(events))
        except HistoryError:
            continue
        events.append(event)
    return events


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=D(1970, 1, 1), max_value=D(2020, 1, 1)),
    steps=st.lists(STEP, min_size=8, max_size=40),
)
def test_periods_are_ordered_disjoint_and_end_in_the_final_state(
    start: dt.date, steps: list[tuple[str, int, OrgRef | None]]
) -> None:
    events = _valid_history(start, steps)
    state, periods = derive(events)

    # A day counts a member who is one at the end of that day (start <= day < end), so an
    # admission followed on the same day by leaving opens no period at all.
    left_same_day = any(
        (
            e.occurred_on == start
            and e.kind in (EventKind.DIED, EventKind.EXPELLED, EventKind.STRUCK_OFF, EventKind.LEFT)
        )
        or (e.occurred_on == start and e.kind == EventKind.TRANSFER and e.organization is None)
        for e in events[1:]
    )
    if not left_same_day:
        assert periods, "an admission opens a period"
        assert periods[0].start_on == start
    for p in periods:
        assert p.status in (PROB, OFF)
        assert p.end_on is None or p.end_on > p.start_on
    for a, b in itertools.pairwise(periods):
        assert a.end_on is not None and a.end_on <= b.start_on  # ordered, never overlapping
    open_periods = [p for p in periods if p.end_on is None]
    # Counting the members "today" from the periods agrees with the final state.
    if state.is_current:
        assert open_periods == [periods[-1]]
        last = periods[-1]
        assert (last.status, last.organization, last.host, last.is_exempt) == (
            state.status,
            state.organization,
            state.host,
            state.is_exempt,
        )
    else:
        assert open_periods == []
    # A day inside the last closed period is counted once; the end day is not counted.
    for p in periods:
        covering = [
            q
            for q in periods
            if q.start_on <= p.start_on and (q.end_on is None or q.end_on > p.start_on)
        ]
        assert covering == [p]
