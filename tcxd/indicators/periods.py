"""Reporting periods as values: month, quarter, half-year, year, congress term, mid-term.

A period is a closed range of days (``end`` inclusive). Keys are stable ASCII
(``2023-06``, ``2023-Q2``, ``2023-H1``, ``2023``, ``T2020-2025``, ``M2020-2025``); labels are
translated (Vietnamese: "Tháng 6/2023", "Quý II/2023", "6 tháng đầu năm 2023", "Năm 2023",
"Nhiệm kỳ 2020–2025", "Giữa nhiệm kỳ 2020–2025"). ``Period.parse`` reads either.

Congress terms (see docs/indicators.md): term *a–b* runs from 01/07/*a* to 30/06/*b*. Party
congresses of a term are held between the second quarter (grassroots) and the fourth
quarter (province) of year *a*, so the half-year boundary is the nearest common start; the
term then has exactly ``b - a`` years and the periods of two consecutive terms do not
overlap. The mid-term is the first half of the term: from its start to the day before its
middle (term 2020–2025: 01/07/2020–31/12/2022; a term's length in months is a multiple of
12, so its middle always falls on a half-year boundary).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tcxd.core.errors import DomainError
from tcxd.core.text import fold


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Half-year")
    YEAR = "year", _("Year")
    TERM = "term", _("Congress term")
    MIDTERM = "midterm", _("Mid-term")


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
TERM_START_MONTH = 7  # a term a–b starts on 01/07/a (see the module docstring)
MIN_YEAR, MAX_YEAR = 1930, 2200


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month (day must be the 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            "period_year",
            gettext("The year %(year)s is outside %(min)s–%(max)s.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR},
        )


@dataclasses.dataclass(frozen=True)
class Period:
    """A reporting period: ``start`` to ``end``, both days included."""

    kind: PeriodKind
    start: dt.date
    end: dt.date

    # --- constructors ------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise DomainError(
                "period_month", gettext("There is no month %(month)s.") % {"month": month}
            )
        return cls(PeriodKind.MONTH, dt.date(year, month, 1), _last_day(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise DomainError(
                "period_quarter",
                gettext("There is no quarter %(quarter)s.") % {"quarter": quarter},
            )
        first = 3 * quarter - 2
        return cls(PeriodKind.QUARTER, dt.date(year, first, 1), _last_day(year, first + 2))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        _check_year(year)
        if half not in (1, 2):
            raise DomainError(
                "period_half", gettext("A year has two halves, not %(half)s.") % {"half": half}
            )
        first = 1 if half == 1 else 7
        return cls(PeriodKind.HALF, dt.date(year, first, 1), _last_day(year, first + 5))

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year)
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def term(cls, first_year: int, last_year: int) -> Period:
        cls._check_term(first_year, last_year)
        start = dt.date(first_year, TERM_START_MONTH, 1)
        end = _add_months(start, 12 * (last_year - first_year)) - dt.timedelta(days=1)
        return cls(PeriodKind.TERM, start, end)

    @classmethod
    def midterm(cls, first_year: int, last_year: int) -> Period:
        cls._check_term(first_year, last_year)
        start = dt.date(first_year, TERM_START_MONTH, 1)
        end = _add_months(start, 6 * (last_year - first_year)) - dt.timedelta(days=1)
        return cls(PeriodKind.MIDTERM, start, end)

    @staticmethod
    def _check_term(first_year: int, last_year: int) -> None:
        _check_year(first_year)
        _check_year(last_year)
        if not 1 <= last_year - first_year <= 10:
            raise DomainError(
                "period_term",
                gettext("A congress term runs from one year to a later one, e.g. 2025–2030."),
            )

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        """The month, quarter, half-year or year that contains ``day``."""
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == PeriodKind.HALF:
            return cls.half(day.year, 1 if day.month <= 6 else 2)
        if kind == PeriodKind.YEAR:
            return cls.year(day.year)
        raise ValueError(f"no calendar period of kind {kind!r}")

    @classmethod
    def of(cls, kind: str, start: dt.date, end: dt.date) -> Period:
        """The period stored as (kind, start, end) columns, checked to be a real period."""
        period = cls(PeriodKind(kind), start, end)
        if period != cls.parse(period.key) or period.kind != kind:
            raise DomainError(
                "period_invalid",
                gettext("%(start)s–%(end)s is not a %(kind)s.")
                % {
                    "start": start.strftime("%d/%m/%Y"),
                    "end": end.strftime("%d/%m/%Y"),
                    "kind": PeriodKind(kind).label.lower(),
                },
            )
        return period

    # --- properties --------------------------------------------------------------------

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        """For a term or mid-term: the year of the next congress."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if self.kind == PeriodKind.TERM:
            return self.start.year + months // 12
        if self.kind == PeriodKind.MIDTERM:
            return self.start.year + months // 6
        return self.end.year

    @property
    def key(self) -> str:
        start = self.start
        if self.kind == PeriodKind.MONTH:
            return f"{start.year}-{start.month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.HALF:
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if self.kind == PeriodKind.YEAR:
            return str(start.year)
        prefix = "T" if self.kind == PeriodKind.TERM else "M"
        return f"{prefix}{self.first_year}-{self.last_year}"

    @property
    def label(self) -> str:
        start = self.start
        if self.kind == PeriodKind.MONTH:
            return gettext("Month %(month)s/%(year)s") % {"month": start.month, "year": start.year}
        if self.kind == PeriodKind.QUARTER:
            return gettext("Quarter %(quarter)s/%(year)s") % {
                "quarter": ROMAN[(start.month - 1) // 3 + 1],
                "year": start.year,
            }
        if self.kind == PeriodKind.HALF:
            if start.month == 1:
                return gettext("First half of %(year)s") % {"year": start.year}
            return gettext("Second half of %(year)s") % {"year": start.year}
        if self.kind == PeriodKind.YEAR:
            return gettext("Year %(year)s") % {"year": start.year}
        years = {"first": self.first_year, "last": self.last_year}
        if self.kind == PeriodKind.TERM:
            return gettext("Term %(first)s–%(last)s") % years
        return gettext("Mid-term %(first)s–%(last)s") % years

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return self.label

    # --- arithmetic --------------------------------------------------------------------

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[Period]:
        """The months of the period, in order."""
        result = []
        month = self.start.replace(day=1)
        while month <= self.end:
            result.append(Period.month(month.year, month.month))
            month = _add_months(month, 1)
        return result

    def same_period_last_year(self) -> Period:
        """The same months a year earlier; for a term or mid-term, the previous term's."""
        if self.kind in (PeriodKind.TERM, PeriodKind.MIDTERM):
            length = self.last_year - self.first_year
            make = Period.term if self.kind == PeriodKind.TERM else Period.midterm
            return make(self.first_year - length, self.first_year)
        start = self.start.replace(year=self.start.year - 1)
        end = _last_day(self.end.year - 1, self.end.month)
        return Period(self.kind, start, end)

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.kind in (PeriodKind.TERM, PeriodKind.MIDTERM):
            return self.same_period_last_year()
        return Period.containing(self.kind, self.start - dt.timedelta(days=1))

    # --- parsing -----------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Period:
        """A period from its key or its label (Vietnamese or English), ignoring case and
        diacritics: "2023-H1", "6 tháng đầu năm 2023", "quy ii/2023", "Nhiệm kỳ 2020-2025"."""
        folded = fold(str(text or "")).replace("–", "-").replace("—", "-")
        folded = re.sub(r"\s*([-/])\s*", r"\1", folded)
        for pattern, build in _PATTERNS:
            match = pattern.fullmatch(folded)
            if match:
                return build(match)
        raise DomainError(
            "period_unknown",
            gettext(
                "“%(text)s” is not a period. Write e.g. “Tháng 6/2023”, “Quý II/2023”, "
                "“6 tháng đầu năm 2023”, “Năm 2023”, “Nhiệm kỳ 2020–2025” or “2023-H1”."
            )
            % {"text": text},
        )


_ROMAN_TO_INT = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter_number(text: str) -> int:
    return _ROMAN_TO_INT[text] if text in _ROMAN_TO_INT else int(text)


def _y(match: re.Match[str], name: str = "y") -> int:
    return int(match.group(name))


_TERM = r"(?P<a>\d{4})-(?P<b>\d{4})"
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Period]]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"), lambda m: Period.month(_y(m), _y(m, "m"))),
    (
        re.compile(r"(?:thang|month)\s?(?P<m>\d{1,2})/(?P<y>\d{4})"),
        lambda m: Period.month(_y(m), _y(m, "m")),
    ),
    (re.compile(r"(?P<y>\d{4})-q(?P<q>[1-4])"), lambda m: Period.quarter(_y(m), _y(m, "q"))),
    (
        re.compile(r"(?:quy|quarter)\s?(?P<q>iv|iii|ii|i|[1-4])/(?P<y>\d{4})"),
        lambda m: Period.quarter(_y(m), _quarter_number(m.group("q"))),
    ),
    (re.compile(r"(?P<y>\d{4})-h(?P<h>[12])"), lambda m: Period.half(_y(m), _y(m, "h"))),
    (
        re.compile(r"(?:6|sau) thang dau nam (?P<y>\d{4})|first half of (?P<y2>\d{4})"),
        lambda m: Period.half(int(m.group("y") or m.group("y2")), 1),
    ),
    (
        re.compile(r"(?:6|sau) thang cuoi nam (?P<y>\d{4})|second half of (?P<y2>\d{4})"),
        lambda m: Period.half(int(m.group("y") or m.group("y2")), 2),
    ),
    (re.compile(r"(?:nam |year )?(?P<y>\d{4})"), lambda m: Period.year(_y(m))),
    (
        re.compile(rf"(?:t|nhiem ky |term ){_TERM}"),
        lambda m: Period.term(_y(m, "a"), _y(m, "b")),
    ),
    (
        re.compile(rf"(?:m|giua nhiem ky |mid-term |midterm ){_TERM}"),
        lambda m: Period.midterm(_y(m, "a"), _y(m, "b")),
    ),
]
