"""Typed values of rule data: durations with their unit, vote thresholds as fractions.

A rule version (``RuleSet``) stores its values as JSON; ``rule_value`` reads one of them for
the version in force on the date of the triggering event and returns it typed, with the
citation a refusal message needs. JSON shapes (see docs/rules.md):

- a duration: ``{"value": 60, "unit": "working_days", "basis": "điểm 4.3.1"}``
- a threshold: ``{"numerator": 2, "denominator": 3, "basis": "điểm 4.3.1"}``
- anything else: a plain number, list or text, or ``{"value": 216, "basis": "…"}``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _t
from django.utils.translation import ngettext

from tcxd.core.errors import DomainError

from .choices import Unit
from .models import RuleSet
from .selectors import rule_in_force


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; a day the target month lacks is clamped to its
    last day (31/01 + 1 month = 28/02, or 29/02 in a leap year)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Duration:
    value: int
    unit: Unit

    def after(self, start: dt.date) -> dt.date:
        """The day the period ends, counted from ``start`` (the triggering event).

        Working days: the ``value``-th working day after ``start`` (``start`` never counts).
        Months and years: the same day of the month ``value`` months/years later, clamped to
        the month's last day.
        """
        unit = Unit(self.unit)
        if unit == Unit.WORKING_DAYS:
            from .workdays import add_working_days

            return add_working_days(start, self.value)
        if unit == Unit.CALENDAR_DAYS:
            return start + dt.timedelta(days=self.value)
        if unit == Unit.MONTHS:
            return add_months(start, self.value)
        return add_months(start, 12 * self.value)

    def label(self) -> str:
        """``60 ngày làm việc``, ``12 tháng``, ``30 ngày``, ``5 năm`` (in the active language)."""
        n = self.value
        unit = Unit(self.unit)
        if unit == Unit.WORKING_DAYS:
            text = ngettext("%(n)s working day", "%(n)s working days", n)
        elif unit == Unit.CALENDAR_DAYS:
            text = ngettext("%(n)s day", "%(n)s days", n)
        elif unit == Unit.MONTHS:
            text = ngettext("%(n)s month", "%(n)s months", n)
        else:
            text = ngettext("%(n)s year", "%(n)s years", n)
        return text % {"n": n}

    def __str__(self) -> str:
        return self.label()


@dataclass(frozen=True)
class Threshold:
    numerator: int
    denominator: int

    def met(self, votes: int, base: int) -> bool:
        """``votes`` reach the fraction of ``base`` (exact integer arithmetic: 6 of 9 meets
        2/3). A base of 0 never passes: nobody could have voted."""
        if base <= 0:
            return False
        return votes * self.denominator >= self.numerator * base

    def minimum(self, base: int) -> int:
        """The smallest number of votes that passes for ``base`` (2/3 of 8 → 6, of 9 → 6)."""
        if base <= 0:
            raise ValueError("a vote base must be positive")
        return -(-self.numerator * base // self.denominator)

    def label(self) -> str:
        return f"{self.numerator}/{self.denominator}"

    def __str__(self) -> str:
        return self.label()


__all__ = ["Duration", "RuleValue", "Threshold", "Unit", "add_months", "rule_value"]

Value = Duration | Threshold | int | list | str


@dataclass(frozen=True)
class RuleValue:
    rule: RuleSet
    key: str
    value: Value
    basis: str = ""

    def cite(self) -> str:
        """The legal basis to quote in a message: ``Quy định 294-QĐ/TW ngày 26/5/2025, điểm
        4.3.1``.

        A value's own ``basis`` that starts with a lower-case letter names a clause of the
        rule's first document (``điểm 4.3.1``, ``mục 5.4``) and follows it (the part of the
        legal basis before any ``;``); one that starts with a capital names its own document
        (``Điều lệ Đảng, Điều 5``; ``Hướng dẫn 12-HD/BTCTW …, điểm 2.2``) and is quoted alone.
        """
        if not self.basis:
            return self.rule.legal_basis
        if not self.basis[0].islower():
            return self.basis
        return f"{self.rule.legal_basis.split(';')[0].strip()}, {self.basis}"


def parse_value(raw: Any) -> tuple[Value, str]:
    """The typed value and its basis from the JSON stored in ``RuleSet.values`` (assumed
    valid: ``RuleSet.clean`` checked it when it was saved)."""
    if isinstance(raw, Mapping):
        basis = str(raw.get("basis", ""))
        if "unit" in raw:
            return Duration(int(raw["value"]), Unit(raw["unit"])), basis
        if "numerator" in raw:
            return Threshold(int(raw["numerator"]), int(raw["denominator"])), basis
        return raw["value"], basis
    return raw, ""


def rule_value(code: str, key: str, *, on: dt.date) -> RuleValue:
    """Value ``key`` of rule ``code`` in the version in force on ``on`` (the date of the event
    that starts the period or is checked). Raises DomainError when no version covers ``on``
    or the version has no such value."""
    rule = rule_in_force(code, on=on)
    if rule is None:
        raise DomainError(
            "rule_not_in_force",
            _t("No version of rule “%(code)s” is in force on %(day)s.")
            % {"code": code, "day": on.strftime("%d/%m/%Y")},
        )
    if key not in rule.values:
        raise DomainError(
            "rule_value_missing",
            _t("Rule “%(rule)s” in force on %(day)s has no value “%(key)s”.")
            % {"rule": rule.name, "day": on.strftime("%d/%m/%Y"), "key": key},
        )
    value, basis = parse_value(rule.values[key])
    return RuleValue(rule=rule, key=key, value=value, basis=basis)
