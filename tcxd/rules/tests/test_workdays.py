"""Working days (``tcxd.rules.workdays``).

Every expected date is counted by hand on the calendar, week by week, in the comments
(dd/mm/yyyy). Holidays of the Labour Code come from the ``holidays`` package; the swapped
days of 2024–2026 come from migration 0004 (CalendarException), with their sources.
A working day is Monday–Friday, not a holiday, not a compensatory day off; a make-up
Saturday is one. ``add_working_days(start, n)`` never counts ``start``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tcxd.rules import workdays
from tcxd.rules.choices import DayKind
from tcxd.rules.models import CalendarException
from tcxd.rules.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_days_calendar,
)

D = dt.date
pytestmark = pytest.mark.django_db


def test_sixty_working_days_across_tet_2025() -> None:
    """Decision deadline (60 working days, Quy định 4.3.1) from a cell resolution of Friday
    20/12/2024, across Tết Ất Tỵ (off Mon 27/01 – Fri 31/01/2025) and 01/01/2025.

    Dec 2024: 23–27 (5), 30, 31 (7); 01/01 holiday; 02, 03/01 (9); 06–10 (14); 13–17 (19);
    20–24 (24); 27–31/01 Tết; Feb: 03–07 (29), 10–14 (34), 17–21 (39), 24–28 (44);
    Mar: 03–07 (49), 10–14 (54), 17–21 (59), Mon 24/03 (60).
    """
    start = D(2024, 12, 20)
    assert add_working_days(start, 60) == D(2025, 3, 24)
    assert add_working_days(start, 59) == D(2025, 3, 21)
    # the last day inside and the first day outside the period
    assert working_days_between(start, D(2025, 3, 24)) == 60
    assert working_days_between(start, D(2025, 3, 25)) == 61
    assert working_days_between(start, D(2025, 3, 23)) == 59  # Sunday: still 59
    # Tết itself: Fri 24/01 is the 24th, Mon 03/02 the 25th
    assert add_working_days(start, 24) == D(2025, 1, 24)
    assert add_working_days(start, 25) == D(2025, 2, 3)
    assert not any(is_working_day(D(2025, 1, d)) for d in range(27, 32))


def test_sixty_working_days_across_tet_2026() -> None:
    """From Thursday 15/01/2026, across Tết Bính Ngọ (off Mon 16/02 – Fri 20/02/2026, the
    nine days 14/02 – 22/02 announced for civil servants).

    Jan: Fri 16 (1), 19–23 (6), 26–30 (11); Feb: 02–06 (16), 09–13 (21), 16–20 Tết,
    23–27 (26); Mar: 02–06 (31), 09–13 (36), 16–20 (41), 23–27 (46), 30, 31 (48);
    Apr: 01–03 (51), 06–10 (56), 13, 14, 15, Thu 16/04 (60).
    """
    start = D(2026, 1, 15)
    assert add_working_days(start, 60) == D(2026, 4, 16)
    assert working_days_between(start, D(2026, 4, 15)) == 59
    assert working_days_between(start, D(2026, 4, 16)) == 60
    assert working_days_between(start, D(2026, 4, 17)) == 61
    assert add_working_days(start, 21) == D(2026, 2, 13)  # Friday before Tết
    assert add_working_days(start, 22) == D(2026, 2, 23)  # Monday after


def test_across_30_april_1_may_2025_with_the_swap() -> None:
    """From Friday 14/03/2025: Giỗ Tổ Hùng Vương Mon 07/04; Sat 26/04 worked in exchange for
    Fri 02/05 (Công văn 8726/VPCP-KGVX); 30/04, 01/05 holidays.

    Mar: 17–21 (5), 24–28 (10), 31 (11); Apr: 01–04 (15), 07 holiday, 08–11 (19),
    14–18 (24), 21–25 (29), Sat 26 (30), 28, 29 (32); 30/04–02/05 off; May: 05–09 (37),
    12–16 (42), 19–23 (47), 26–30 (52); Jun: 02–06 (57), 09, 10, Wed 11/06 (60).
    """
    start = D(2025, 3, 14)
    assert add_working_days(start, 60) == D(2025, 6, 11)
    assert working_days_between(start, D(2025, 6, 10)) == 59
    assert working_days_between(start, D(2025, 6, 12)) == 61
    # around the holiday, from Tuesday 22/04/2025: 23, 24, 25, Sat 26, Mon 28, Tue 29 (6),
    # then 30/04, 01/05, 02/05 off, 03–04 weekend, Mon 05/05 (7)
    assert add_working_days(D(2025, 4, 22), 6) == D(2025, 4, 29)
    assert add_working_days(D(2025, 4, 22), 7) == D(2025, 5, 5)


def test_across_2_september_2025() -> None:
    """From Friday 01/08/2025; Quốc khánh Mon 01/09 and Tue 02/09/2025 off.

    Aug: 04–08 (5), 11–15 (10), 18–22 (15), 25–29 (20); Sep: 03–05 (23), 08–12 (28),
    15–19 (33), 22–26 (38), 29, 30 (40); Oct: 01–03 (43), 06–10 (48), 13–17 (53),
    20–24 (58), 27, Tue 28/10 (60).
    """
    start = D(2025, 8, 1)
    assert add_working_days(start, 60) == D(2025, 10, 28)
    assert working_days_between(start, D(2025, 10, 27)) == 59
    assert working_days_between(start, D(2025, 10, 29)) == 61
    assert add_working_days(start, 20) == D(2025, 8, 29)
    assert add_working_days(start, 21) == D(2025, 9, 3)


def test_compensatory_day_off_is_not_counted() -> None:
    """Tết Dương lịch 2026: Thu 01/01 holiday, Fri 02/01 swapped off (Công văn
    12729/VPCP-KGVX): from Wed 31/12/2025 the first working day is Mon 05/01/2026."""
    assert not is_working_day(D(2026, 1, 2))
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert working_days_between(D(2025, 12, 31), D(2026, 1, 4)) == 0
    assert working_days_between(D(2025, 12, 31), D(2026, 1, 5)) == 1


def test_make_up_saturday_is_counted() -> None:
    """Sat 10/01/2026 is worked in exchange for 02/01/2026: the day after Fri 09/01."""
    assert is_working_day(D(2026, 1, 10))
    assert not is_working_day(D(2026, 1, 17))  # an ordinary Saturday
    assert add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
    assert add_working_days(D(2026, 1, 9), 2) == D(2026, 1, 12)
    assert working_days_between(D(2026, 1, 9), D(2026, 1, 10)) == 1


def test_a_new_exception_takes_effect_at_once_and_goes_with_its_deletion() -> None:
    """Staff enter Wed 10/12/2025 as a day off: from Tue 09/12 the next working day becomes
    Thu 11/12; deleting it restores Wed 10/12."""
    assert add_working_days(D(2025, 12, 9), 1) == D(2025, 12, 10)
    day = CalendarException.objects.create(
        day=D(2025, 12, 10), kind=DayKind.DAY_OFF, name="Nghỉ bù thử", legal_basis="Thử"
    )
    assert add_working_days(D(2025, 12, 9), 1) == D(2025, 12, 11)
    day.delete()
    assert add_working_days(D(2025, 12, 9), 1) == D(2025, 12, 10)


def test_a_change_made_without_signals_is_seen_through_the_table_version(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another process saves a change (here: ``update()``, which sends no signal in this
    process, with the ``updated_at`` a save sets): once the check interval has passed (here
    0 s), the version check sees it."""
    monkeypatch.setattr(workdays, "CHECK_INTERVAL", 0.0)
    assert is_working_day(D(2026, 1, 10))
    CalendarException.objects.filter(day=D(2026, 1, 10)).update(
        kind=DayKind.DAY_OFF, updated_at=timezone.now()
    )
    assert not is_working_day(D(2026, 1, 10))


def test_a_rolled_back_change_is_forgotten() -> None:
    """A day off saved in a transaction that rolls back leaves Wed 10/12/2025 a working day."""
    assert is_working_day(D(2025, 12, 10))
    with pytest.raises(RuntimeError), transaction.atomic():
        CalendarException.objects.create(
            day=D(2025, 12, 10), kind=DayKind.DAY_OFF, name="Thử", legal_basis="Thử"
        )
        assert not is_working_day(D(2025, 12, 10))
        raise RuntimeError
    assert is_working_day(D(2025, 12, 10))


def test_start_never_counts_and_bad_n() -> None:
    # Sat 04/10/2025 → Mon 06/10; Fri 03/10 → Mon 06/10 too
    assert add_working_days(D(2025, 10, 4), 1) == D(2025, 10, 6)
    assert add_working_days(D(2025, 10, 3), 1) == D(2025, 10, 6)
    assert add_working_days(D(2025, 10, 4), 0) == D(2025, 10, 4)
    assert working_days_between(D(2025, 10, 6), D(2025, 10, 6)) == 0
    assert working_days_between(D(2025, 10, 7), D(2025, 10, 6)) == 0
    with pytest.raises(ValueError):
        add_working_days(D(2025, 10, 4), -1)


def test_across_new_year() -> None:
    """From Mon 29/12/2025: 30, 31/12 (2), 01/01 holiday, 02/01 swapped off, Mon 05/01 (3)."""
    assert add_working_days(D(2025, 12, 29), 3) == D(2026, 1, 5)
    assert working_days_between(D(2025, 12, 29), D(2026, 1, 5)) == 3


def test_calendar_names_the_days() -> None:
    from django.utils import translation

    with translation.override("vi"):
        days = working_days_calendar(D(2025, 4, 30), D(2025, 5, 5))
    assert [(d.day, working) for d, working, _ in days] == [
        (30, False),
        (1, False),
        (2, False),
        (3, False),
        (4, False),
        (5, True),
    ]
    names = {d: name for d, _, name in days}
    assert names[D(2025, 4, 30)] == "Ngày Chiến thắng"
    assert names[D(2025, 5, 1)] == "Ngày Quốc tế Lao động"
    assert names[D(2025, 5, 2)].startswith("Nghỉ hoán đổi")  # the table's own name
    assert names[D(2025, 5, 3)] == ""


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2016, 1, 1), max_value=D(2030, 12, 31)),
    n=st.integers(min_value=0, max_value=400),
)
def test_between_inverts_add(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert n == 0 or is_working_day(end)
