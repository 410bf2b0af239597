"""Working days (ngày làm việc) of the Party and State offices in Vietnam.

A working day is Monday to Friday, not a public holiday (the ``holidays`` package's calendar
for Vietnam, which also knows some swapped days) and not a compensatory day off entered in
``CalendarException``; a Saturday entered there as a make-up working day is one too.

Deadline pages call these functions thousands of times, so each year is turned once into a
sorted tuple of its working days (as ordinals) and every question becomes a binary search.
The cache is per process. It is dropped when a ``CalendarException`` is saved or deleted in
this process, and the table's version (row count and latest ``updated_at``) is re-read to
catch changes saved by other processes: once per request, otherwise at most once every
``CHECK_INTERVAL`` seconds. After a change saved inside a transaction (which may still roll
back, as every test does), the version is re-read on every call until a call runs outside
any transaction.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from bisect import bisect_right
from functools import lru_cache
from typing import Any

import holidays
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from django.utils.translation import gettext as _t

from .choices import DayKind
from .models import CalendarException

CHECK_INTERVAL = 2.0  # seconds between version checks outside requests and transactions

__all__ = [
    "add_working_days",
    "clear_cache",
    "is_working_day",
    "working_days_between",
    "working_days_calendar",
]


@lru_cache(maxsize=256)
def _public_holidays(year: int, language: str = "vi") -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language=language)


class _Cache:
    def __init__(self) -> None:
        self.version: tuple[int, Any] | None = None
        self.checked_at = 0.0
        self.exceptions: dict[dt.date, CalendarException] | None = None
        self.years: dict[int, tuple[int, ...]] = {}
        self.tainted = False  # changed inside a transaction that has not ended yet
        self.lock = threading.Lock()

    def clear(self) -> None:
        with self.lock:
            self.version = None
            self.exceptions = None
            self.years = {}


_cache = _Cache()
_request = threading.local()


def clear_cache(**_: Any) -> None:
    """Forget the working days computed so far (the next call re-reads the table)."""
    _cache.clear()


def _on_change(**_: Any) -> None:
    _cache.clear()
    if transaction.get_connection().in_atomic_block:
        _cache.tainted = True


def _on_request_started(**_: Any) -> None:
    _request.active = True
    _request.checked = False


def _on_request_finished(**_: Any) -> None:
    _request.active = False


request_started.connect(_on_request_started, dispatch_uid="rules.workdays.request_started")
request_finished.connect(_on_request_finished, dispatch_uid="rules.workdays.request_finished")
post_save.connect(_on_change, sender=CalendarException, dispatch_uid="rules.workdays.save")
post_delete.connect(_on_change, sender=CalendarException, dispatch_uid="rules.workdays.delete")


def _table_version() -> tuple[int, Any]:
    row = CalendarException.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return row["n"], row["last"]


def _ensure_fresh() -> None:
    if getattr(_request, "active", False):
        if getattr(_request, "checked", False):
            return
        _request.checked = True
    elif transaction.get_connection().in_atomic_block:
        # A change saved in a transaction that may still roll back: re-check every call.
        if not _cache.tainted and not _interval_elapsed():
            return
    elif _cache.tainted:
        _cache.tainted = False  # out of every transaction: what we read now is committed
    elif not _interval_elapsed():
        return
    version = _table_version()
    _cache.checked_at = time.monotonic()
    if version != _cache.version:
        with _cache.lock:
            _cache.exceptions = {e.day: e for e in CalendarException.objects.all()}
            _cache.years = {}
            _cache.version = version


def _interval_elapsed() -> bool:
    return _cache.version is None or time.monotonic() - _cache.checked_at >= CHECK_INTERVAL


def _exceptions() -> dict[dt.date, CalendarException]:
    if _cache.exceptions is None:
        _ensure_fresh()
    return _cache.exceptions or {}


def _year(year: int) -> tuple[int, ...]:
    """The working days of ``year`` as sorted ordinals."""
    days = _cache.years.get(year)
    if days is None:
        days = tuple(d.toordinal() for d in _days_of(year) if _working(d, _public_holidays(year)))
        _cache.years[year] = days
    return days


def _days_of(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1).toordinal()
    last = dt.date(year, 12, 31).toordinal()
    return [dt.date.fromordinal(o) for o in range(first, last + 1)]


def _working(day: dt.date, public: holidays.HolidayBase) -> bool:
    exception = _exceptions().get(day)
    if exception is not None:
        return exception.kind == DayKind.WORKING_DAY
    if day in public.weekend_workdays:  # a make-up Saturday the package knows
        return True
    return day.weekday() < 5 and day not in public


def is_working_day(day: dt.date) -> bool:
    _ensure_fresh()
    days = _year(day.year)
    ordinal = day.toordinal()
    i = bisect_right(days, ordinal)
    return i > 0 and days[i - 1] == ordinal


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself never counts, whether it is
    a working day or not); ``n == 0`` gives ``start``."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    _ensure_fresh()
    year = start.year
    days = _year(year)
    index = bisect_right(days, start.toordinal())  # the first working day after start
    while index + n > len(days):
        n -= len(days) - index
        year += 1
        days = _year(year)
        index = 0
    return dt.date.fromordinal(days[index + n - 1])


def working_days_between(a: dt.date, b: dt.date) -> int:
    """The number of working days in (a, b]: after ``a``, up to and including ``b``."""
    if b <= a:
        return 0
    _ensure_fresh()
    a_ord, b_ord = a.toordinal(), b.toordinal()
    total = 0
    for year in range(a.year, b.year + 1):
        days = _year(year)
        total += bisect_right(days, b_ord) - bisect_right(days, a_ord)
    return total


def working_days_calendar(first: dt.date, last: dt.date) -> list[tuple[dt.date, bool, str]]:
    """Each day from ``first`` to ``last``: (day, is it a working day, the name of its holiday
    or exception, "" for an ordinary day), names in the active language."""
    _ensure_fresh()
    language = "en_US" if (get_language() or "vi").startswith("en") else "vi"
    exceptions = _exceptions()
    out = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        public = _public_holidays(day.year, language)
        exception = exceptions.get(day)
        if exception is not None:
            name = exception.name
        elif day in public.weekend_workdays:
            name = _t("Make-up working day")
        else:
            name = public.get(day) or ""
        out.append((day, is_working_day(day), name))
    return out
