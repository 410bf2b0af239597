"""Typed rule values, version selection and validation of rule data.

Expected values worked out by hand from the rules (Điều lệ Đảng Điều 4.3: at least 2/3;
Quy định 294-QĐ/TW in force from 01/7/2025).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tcxd.core.errors import DomainError
from tcxd.rules.models import RuleSet
from tcxd.rules.values import Duration, Threshold, Unit, rule_value

D = dt.date
TWO_THIRDS = Threshold(2, 3)


# --- Threshold -------------------------------------------------------------------------------


def test_two_thirds_of_eight() -> None:
    """A cell of 10 official members, one on temporary transfer away and one exempt and
    absent: base 8. 6 × 3 = 18 ≥ 2 × 8 = 16 passes; 5 × 3 = 15 < 16 fails."""
    assert TWO_THIRDS.met(6, 8)
    assert not TWO_THIRDS.met(5, 8)
    assert TWO_THIRDS.minimum(8) == 6


def test_two_thirds_of_nine_is_exactly_six() -> None:
    """6 × 3 = 18 = 2 × 9: exactly two thirds passes ("ít nhất 2/3"); 5 fails."""
    assert TWO_THIRDS.met(6, 9)
    assert not TWO_THIRDS.met(5, 9)
    assert TWO_THIRDS.minimum(9) == 6
    assert TWO_THIRDS.minimum(10) == 7  # 20/3 = 6.67 → 7


def test_base_zero_never_passes() -> None:
    assert not TWO_THIRDS.met(0, 0)
    assert not TWO_THIRDS.met(3, 0)
    with pytest.raises(ValueError):
        TWO_THIRDS.minimum(0)
    assert TWO_THIRDS.label() == "2/3"


# --- Duration --------------------------------------------------------------------------------


def test_months_clamp_to_the_end_of_the_month() -> None:
    twelve = Duration(12, Unit.MONTHS)
    one = Duration(1, Unit.MONTHS)
    assert one.after(D(2024, 1, 31)) == D(2024, 2, 29)  # leap year
    assert one.after(D(2025, 1, 31)) == D(2025, 2, 28)
    assert twelve.after(D(2024, 2, 29)) == D(2025, 2, 28)
    assert twelve.after(D(2025, 7, 15)) == D(2026, 7, 15)
    # certificate of 15/01/2020 valid 60 months: until 15/01/2025 (06-HD/TW 5.4 example)
    assert Duration(60, Unit.MONTHS).after(D(2020, 1, 15)) == D(2025, 1, 15)
    assert Duration(1, Unit.YEARS).after(D(2024, 2, 29)) == D(2025, 2, 28)
    assert Duration(30, Unit.CALENDAR_DAYS).after(D(2025, 1, 31)) == D(2025, 3, 2)


@pytest.mark.django_db
def test_working_days_duration() -> None:
    # from Friday 20/12/2024: see test_workdays (Tết 2025) → Mon 24/03/2025
    assert Duration(60, Unit.WORKING_DAYS).after(D(2024, 12, 20)) == D(2025, 3, 24)


def test_labels() -> None:
    with translation.override("vi"):
        assert Duration(60, Unit.WORKING_DAYS).label() == "60 ngày làm việc"
        assert Duration(12, Unit.MONTHS).label() == "12 tháng"
        assert Duration(30, Unit.CALENDAR_DAYS).label() == "30 ngày"
        assert Duration(5, Unit.YEARS).label() == "5 năm"
    with translation.override("en"):
        assert Duration(60, Unit.WORKING_DAYS).label() == "60 working days"
        assert Duration(1, Unit.MONTHS).label() == "1 month"


# --- versions --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_version_on_each_side_of_1_july_2025() -> None:
    before = rule_value("admission", "decision_deadline", on=D(2025, 6, 30))
    after = rule_value("admission", "decision_deadline", on=D(2025, 7, 1))
    assert before.rule.legal_basis.startswith("Quy định 232-QĐ/TW")
    assert after.rule.legal_basis.startswith("Quy định 294-QĐ/TW")
    assert after.value == Duration(60, Unit.WORKING_DAYS)
    assert after.cite() == "Quy định 294-QĐ/TW ngày 26/5/2025, điểm 4.3.1"
    assert before.cite() == "Quy định 232-QĐ/TW ngày 20/01/2025, điểm 4.3.1"


@pytest.mark.django_db
def test_shipped_versions_meet_without_gaps() -> None:
    """29-QĐ/TW until 29/7/2021, 24-QĐ/TW from 30/7/2021 until 19/01/2025, 232-QĐ/TW from
    20/01/2025."""
    assert "29-QĐ/TW" in rule_value("admission", "cell_vote", on=D(2021, 7, 29)).rule.name
    assert "24-QĐ/TW" in rule_value("admission", "cell_vote", on=D(2021, 7, 30)).rule.name
    assert "24-QĐ/TW" in rule_value("admission", "cell_vote", on=D(2025, 1, 19)).rule.name
    assert "232-QĐ/TW" in rule_value("admission", "cell_vote", on=D(2025, 1, 20)).rule.name
    with pytest.raises(DomainError) as err:
        rule_value("admission", "cell_vote", on=D(2016, 7, 24))
    assert err.value.code == "rule_not_in_force"
    keys = {
        "age_min_months": 216,
        "age_max_months": 720,
        "awareness_certificate_validity": Duration(60, Unit.MONTHS),
        "introducer_acquaintance": Duration(12, Unit.MONTHS),
        "cell_vote": TWO_THIRDS,
        "committee_vote": TWO_THIRDS,
        "decision_deadline": Duration(60, Unit.WORKING_DAYS),
        "decision_extension_max": Duration(30, Unit.WORKING_DAYS),
        "ceremony_deadline": Duration(30, Unit.WORKING_DAYS),
        "probation": Duration(12, Unit.MONTHS),
        "recognition_consideration": Duration(30, Unit.WORKING_DAYS),
        "recognition_decision_deadline": Duration(30, Unit.WORKING_DAYS),
        "recognition_vote_rounds": 3,
        "member_record_deadline": Duration(30, Unit.WORKING_DAYS),
    }
    for on in (D(2020, 1, 1), D(2023, 1, 1), D(2025, 3, 1), D(2026, 3, 1)):
        for key, expected in keys.items():
            assert rule_value("admission", key, on=on).value == expected, (on, key)


@pytest.mark.django_db
def test_a_case_keeps_the_deadline_of_its_event_date() -> None:
    """A rule whose deadline changes from 30 to 45 working days on 01/3/2026: an event of
    28/02/2026 keeps 30, one of 01/03/2026 gets 45."""
    RuleSet.objects.create(
        code="t", name="T", legal_basis="Quy định A", effective_from=D(2020, 1, 1),
        effective_to=D(2026, 2, 28),
        values={"d": {"value": 30, "unit": "working_days"}},
    )  # fmt: skip
    RuleSet.objects.create(
        code="t", name="T", legal_basis="Quy định B", effective_from=D(2026, 3, 1),
        values={"d": {"value": 45, "unit": "working_days", "basis": "Hướng dẫn C, mục 1"}},
    )  # fmt: skip
    assert rule_value("t", "d", on=D(2026, 2, 28)).value == Duration(30, Unit.WORKING_DAYS)
    assert rule_value("t", "d", on=D(2026, 2, 28)).cite() == "Quy định A"
    later = rule_value("t", "d", on=D(2026, 3, 1))
    assert later.value == Duration(45, Unit.WORKING_DAYS)
    assert later.cite() == "Hướng dẫn C, mục 1"


@pytest.mark.django_db
def test_missing_key_names_the_rule_and_date() -> None:
    with translation.override("vi"), pytest.raises(DomainError) as err:
        rule_value("admission", "no_such_key", on=D(2025, 7, 1))
    assert err.value.code == "rule_value_missing"
    assert "no_such_key" in err.value.message and "01/07/2025" in err.value.message
    with translation.override("vi"), pytest.raises(DomainError) as err:
        rule_value("no_such_rule", "x", on=D(2025, 7, 1))
    assert "no_such_rule" in err.value.message and "01/07/2025" in err.value.message


# --- validation ------------------------------------------------------------------------------


def _messages(values: object, **kw: Any) -> list[str]:
    rule = RuleSet(
        code=kw.get("code", "v"), name="V", legal_basis="L",
        effective_from=kw.get("effective_from", D(2030, 1, 1)),
        effective_to=kw.get("effective_to"), values=values,
    )  # fmt: skip
    with translation.override("en"), pytest.raises(ValidationError) as err:
        rule.full_clean()
    return err.value.messages


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"d": {"value": 60, "unit": "weeks"}}, "“d”: unknown unit “weeks”"),
        ({"d": {"value": 0, "unit": "months"}}, "“d”: a duration must be a positive whole"),
        ({"d": {"value": 2.5, "unit": "months"}}, "“d”: a duration must be a positive whole"),
        ({"d": {"value": "60", "unit": "months"}}, "“d”: a duration must be a positive whole"),
        ({"v": {"numerator": 4, "denominator": 3}}, "“v”: a threshold is a fraction"),
        ({"v": {"numerator": 0, "denominator": 3}}, "“v”: a threshold is a fraction"),
        ({"v": {"numerator": 1, "denominator": 0}}, "“v”: a threshold is a fraction"),
        ({"v": {"numerator": 2}}, "“v”: a value is either"),
        ({"n": -1}, "“n”: a number cannot be negative"),
        ({"n": 1.5}, "“n”: a plain value is"),
        ({"d": {"value": 3, "unit": "months", "basis": 4}}, "“d”: the basis must be text"),
        ([1, 2], "Values must be an object"),
    ],
)
def test_invalid_values_are_refused_with_the_key(values: object, expected: str) -> None:
    assert any(m.startswith(expected) for m in _messages(values)), _messages(values)


@pytest.mark.django_db
def test_valid_values_pass() -> None:
    RuleSet(
        code="v", name="V", legal_basis="L", effective_from=D(2030, 1, 1),
        values={
            "a": {"value": 1, "unit": "working_days", "basis": "điểm 1"},
            "b": {"numerator": 1, "denominator": 1},
            "c": 0, "d": [30, 40], "e": "x", "f": {"value": 216, "basis": "điểm 1.1.1"},
        },
    ).full_clean()  # fmt: skip


@pytest.mark.django_db
def test_overlapping_version_is_refused() -> None:
    """The shipped 294-QĐ/TW version is open-ended from 01/7/2025: a new version from
    01/01/2027 overlaps until that one is given an end; one ending 30/6/2025 overlaps the
    232 version (20/01 – 30/6/2025) by its last day."""
    messages = _messages({"x": 1}, code="admission", effective_from=D(2027, 1, 1))
    assert any("overlap" in m and "01/07/2025" in m for m in messages)
    messages = _messages(
        {"x": 1}, code="admission", effective_from=D(2025, 6, 30), effective_to=D(2025, 6, 30)
    )
    assert any("20/01/2025" in m for m in messages)
    current = RuleSet.objects.get(code="admission", effective_to__isnull=True)
    current.effective_to = D(2026, 12, 31)
    current.full_clean()
    current.save()
    RuleSet(
        code="admission", name="N", legal_basis="L", effective_from=D(2027, 1, 1), values={"x": 1}
    ).full_clean()
