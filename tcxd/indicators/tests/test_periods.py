"""Periods: construction, keys, Vietnamese labels, parsing, arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tcxd.core.errors import DomainError
from tcxd.indicators.periods import Period, PeriodKind

D = dt.date


@pytest.mark.parametrize(
    ("period", "start", "end", "key", "label"),
    [
        (Period.month(2023, 6), D(2023, 6, 1), D(2023, 6, 30), "2023-06", "Tháng 6/2023"),
        (Period.month(2024, 2), D(2024, 2, 1), D(2024, 2, 29), "2024-02", "Tháng 2/2024"),
        (Period.quarter(2023, 2), D(2023, 4, 1), D(2023, 6, 30), "2023-Q2", "Quý II/2023"),
        (Period.quarter(2023, 4), D(2023, 10, 1), D(2023, 12, 31), "2023-Q4", "Quý IV/2023"),
        (
            Period.half(2023, 1),
            D(2023, 1, 1),
            D(2023, 6, 30),
            "2023-H1",
            "6 tháng đầu năm 2023",
        ),
        (
            Period.half(2023, 2),
            D(2023, 7, 1),
            D(2023, 12, 31),
            "2023-H2",
            "6 tháng cuối năm 2023",
        ),
        (Period.year(2023), D(2023, 1, 1), D(2023, 12, 31), "2023", "Năm 2023"),
        # A term a–b runs 01/07/a – 30/06/b: five years, no overlap with the next term.
        (
            Period.term(2020, 2025),
            D(2020, 7, 1),
            D(2025, 6, 30),
            "T2020-2025",
            "Nhiệm kỳ 2020–2025",
        ),
        # Mid-term: the first half of the term, 30 months for a five-year term.
        (
            Period.midterm(2020, 2025),
            D(2020, 7, 1),
            D(2022, 12, 31),
            "M2020-2025",
            "Giữa nhiệm kỳ 2020–2025",
        ),
        (
            Period.midterm(2025, 2030),
            D(2025, 7, 1),
            D(2027, 12, 31),
            "M2025-2030",
            "Giữa nhiệm kỳ 2025–2030",
        ),
    ],
)
def test_construction_key_and_vietnamese_label(period, start, end, key, label):
    assert (period.start, period.end, period.key) == (start, end, key)
    with translation.override("vi"):
        assert period.label == label
        assert Period.parse(label) == period
    assert Period.parse(key) == period
    assert Period.parse(key.lower()) == period


def test_english_labels():
    with translation.override("en"):
        assert Period.half(2023, 1).label == "First half of 2023"
        assert Period.quarter(2023, 3).label == "Quarter III/2023"
        assert Period.term(2025, 2030).label == "Term 2025–2030"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thang 06/2023", Period.month(2023, 6)),
        ("  THÁNG 12 / 2023 ", Period.month(2023, 12)),
        ("quy 2/2023", Period.quarter(2023, 2)),
        ("QUÝ iii/2024", Period.quarter(2024, 3)),
        ("sáu tháng đầu năm 2026", Period.half(2026, 1)),
        ("6 THANG CUOI NAM 2025", Period.half(2025, 2)),
        ("nam 2024", Period.year(2024)),
        ("2024", Period.year(2024)),
        ("Nhiệm kỳ 2025-2030", Period.term(2025, 2030)),
        ("nhiem ky 2025 – 2030", Period.term(2025, 2030)),
        ("giữa nhiệm kỳ 2020—2025", Period.midterm(2020, 2025)),
        ("First half of 2023", Period.half(2023, 1)),
    ],
)
def test_parse_ignores_case_diacritics_and_dashes(text, expected):
    assert Period.parse(text) == expected
    assert Period.parse(text).kind == expected.kind


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "period_unknown"),
        ("tháng sáu", "period_unknown"),
        ("2023-13", "period_month"),
        ("quý 5/2023", "period_unknown"),
        ("2023-H3", "period_unknown"),
        ("nhiệm kỳ 2025–2020", "period_term"),
        ("Năm 0999", "period_year"),
    ],
)
def test_parse_refuses_with_a_vietnamese_message(text, code):
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        Period.parse(text)
    assert caught.value.code == code
    if code == "period_unknown":
        assert "không phải là một kỳ" in caught.value.message


def test_same_period_last_year_and_previous():
    assert Period.half(2026, 1).same_period_last_year() == Period.half(2025, 1)
    # February of a leap year → the February of the year before, to its last day.
    assert Period.month(2024, 2).same_period_last_year() == Period(
        PeriodKind.MONTH, D(2023, 2, 1), D(2023, 2, 28)
    )
    assert Period.quarter(2024, 1).previous() == Period.quarter(2023, 4)
    assert Period.half(2024, 2).previous() == Period.half(2024, 1)
    assert Period.term(2025, 2030).same_period_last_year() == Period.term(2020, 2025)
    assert Period.midterm(2025, 2030).same_period_last_year() == Period.midterm(2020, 2025)


def test_months_contains_days():
    half = Period.half(2024, 1)
    assert [m.key for m in half.months()] == [f"2024-0{i}" for i in range(1, 7)]
    assert half.days == 31 + 29 + 31 + 30 + 31 + 30
    assert half.contains(D(2024, 1, 1)) and half.contains(D(2024, 6, 30))
    assert not half.contains(D(2023, 12, 31)) and not half.contains(D(2024, 7, 1))
    assert len(Period.term(2020, 2025).months()) == 60
    assert Period.year(2023).days == 365


def test_of_checks_stored_columns():
    assert Period.of("half", D(2023, 1, 1), D(2023, 6, 30)) == Period.half(2023, 1)
    with pytest.raises(DomainError) as caught:
        Period.of("half", D(2023, 1, 1), D(2023, 6, 29))
    assert caught.value.code == "period_invalid"


@given(st.integers(2000, 2100), st.integers(1, 12), st.sampled_from(list(PeriodKind)))
def test_key_round_trip(year, month, kind):
    day = D(year, month, 1)
    if kind in (PeriodKind.TERM, PeriodKind.MIDTERM):
        period = getattr(Period, kind.value)(year, year + 5)
    else:
        period = Period.containing(kind, day)
        assert period.contains(day)
    assert Period.parse(period.key) == period
    assert sum(m.days for m in period.months()) == period.days
