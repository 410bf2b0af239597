"""The monthly rollup of the member registry (``MemberTally``): for every organization and
month end in a window, the members registered there at the end of that day, by status and
composition. The membership indicators read a subtree's stock at a month end as a sum of
these rows instead of scanning every period joined with the person.

The rules are those of the indicators (docs/indicators.md): a member counts where he or
she is *registered* (a temporary transfer changes only the host); "at a date" is the end
of that day (a period covers ``on`` when ``start_on <= on < end_on``), so a member who
died on a month end is not counted then; the age is in full years at the month end.

The window runs from 31 January two years before the current year up to the last month
end before today (every period a dashboard or a review asks for ends on a month end).
Outside the window the indicators scan the periods as before.

Kept exact, inside the transaction of the write:

- ``refresh(paths, since)``: the services that rewrite a member's periods or change the
  person fields counted here recompute the organizations concerned (both cells of a
  transfer) from the first month end the change can touch: one fetch of their periods
  with the person, counted here (a cell has tens of members).
- ``rebuild()``: bulk loads (imports, the demo) recompute everything once at the end.
- ``ensure(days)``: a month end of the window that was never computed (a new month began,
  or the table is new) is computed for every organization on first use and marked in
  ``MemberTallyMonth``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Q
from django.utils import timezone

from .choices import MemberStatus
from .models import TALLY_FIELDS, MembershipPeriod, MemberTally, MemberTallyMonth
from .state import add_years

WINDOW_YEARS = 2  # the window starts on 1 January, this many years before the current year
PERSON_COLUMNS = (
    "member__person__gender",
    "member__person__ethnicity",
    "member__person__religion",
    "member__person__education",
    "member__person__professional_level",
    "member__person__theory_level",
    "member__person__birth_on",
)
# The person fields a change of which changes the tallies.
COUNTED_PERSON_FIELDS = tuple(c.removeprefix("member__person__") for c in PERSON_COLUMNS)
COUNTED_STATUSES = (MemberStatus.OFFICIAL.value, MemberStatus.PROBATIONARY.value)
AGE_BANDS = ("age_30", "age_31_40", "age_41_50", "age_51_60", "age_61")
AGE_LIMITS = (31, 41, 51, 61)  # born after ``on`` − 31 years: at most 30 full years old …
FIELD_INDEX = {name: index for index, name in enumerate(TALLY_FIELDS)}


# --- the window -------------------------------------------------------------------------


def today() -> dt.date:
    """The day the window is measured from (a function, so tests can move it)."""
    return timezone.localdate()


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def window(today: dt.date | None = None) -> list[dt.date]:
    """The month ends kept: from 31 January of the year two years back up to the last month
    end before today (today's end has not come yet)."""
    today = today or globals()["today"]()
    days = []
    on = month_end(dt.date(today.year - WINDOW_YEARS, 1, 1))
    while on < today:
        days.append(on)
        on = month_end(on + dt.timedelta(days=1))
    return days


def in_window(day: dt.date) -> bool:
    now = today()
    return is_month_end(day) and dt.date(now.year - WINDOW_YEARS, 1, 1) <= day < now


# --- counting ---------------------------------------------------------------------------


def _flags(
    gender: str, ethnicity: str, religion: str, edu: str, prof: str, theory: str
) -> list[int]:
    """The composition columns (indexes into TALLY_FIELDS) a person counts in, age aside."""
    names = []
    if gender == "female":
        names.append("women")
    if ethnicity not in ("", "Kinh", "kinh"):
        names.append("ethnic_minority")
    if religion not in ("", "Không", "không"):
        names.append("religious")
    if edu in ("12/12", "10/10"):
        names.append("upper_secondary")
    if prof in ("university", "master", "doctor"):
        names.append("university")
    if theory == "elementary":
        names.append("theory_elementary")
    elif theory == "intermediate":
        names.append("theory_intermediate")
    elif theory in ("advanced", "bachelor"):
        names.append("theory_advanced")
    return [FIELD_INDEX[n] for n in names]


def count(rows: Iterable[Sequence[Any]], days: Sequence[dt.date]) -> dict[str, list[list[int]]]:
    """{organization path: [counts per field] per day} from rows (path, status, start_on,
    end_on, *PERSON_COLUMNS). ``days`` ascending. One pass: each period adds +1 where it
    starts to cover and −1 where it stops (a difference array per field), the age band
    changing at the days found by bisection; the running sums are the counts."""
    n = len(days)
    width = len(TALLY_FIELDS)
    limits = [[add_years(on, -years) for on in days] for years in AGE_LIMITS]
    band_index = [FIELD_INDEX[b] for b in AGE_BANDS]
    diffs: dict[str, list[list[int]]] = {}
    for path, status, start, end, gender, ethnicity, religion, edu, prof, theory, born in rows:
        if not path or status not in COUNTED_STATUSES:
            continue
        first = bisect_left(days, start)  # the first day with start_on <= day
        stop = n if end is None else bisect_left(days, end)  # the first day with end_on <= day
        if first >= stop:
            continue
        d = diffs.get(path)
        if d is None:
            d = diffs[path] = [[0] * width for _ in range(n + 1)]
        for index in (FIELD_INDEX[status], *_flags(gender, ethnicity, religion, edu, prof, theory)):
            d[first][index] += 1
            d[stop][index] -= 1
        if born is None:
            continue
        # From the day limits[k][i] >= born on, the member is at least AGE_LIMITS[k] old.
        edges = [first, *(min(stop, max(first, bisect_left(lim, born))) for lim in limits), stop]
        for band, (lo, hi) in enumerate(itertools.pairwise(edges)):
            if lo < hi:
                d[lo][band_index[band]] += 1
                d[hi][band_index[band]] -= 1
    result: dict[str, list[list[int]]] = {}
    for path, d in diffs.items():
        running = [0] * width
        per_day = []
        for i in range(n):
            running = [a + b for a, b in zip(running, d[i], strict=True)]
            per_day.append(running)
        result[path] = per_day
    return result


def _periods(days: Sequence[dt.date], paths: Iterable[str] | None) -> Any:
    rows = MembershipPeriod.objects.filter(status__in=COUNTED_STATUSES, start_on__lte=days[-1])
    rows = rows.filter(Q(end_on__isnull=True) | Q(end_on__gt=days[0])).exclude(organization_path="")
    if paths is not None:
        rows = rows.filter(organization_path__in=list(paths))
    return rows.values_list("organization_path", "status", "start_on", "end_on", *PERSON_COLUMNS)


def _write(
    counted: dict[str, list[list[int]]],
    days: Sequence[dt.date],
    paths: Iterable[str] | None,
    *,
    keep_zero: bool,
) -> None:
    from tcxd.core.bulk import insert_rows

    old = MemberTally.objects.filter(month_end__in=list(days))
    if paths is not None:
        old = old.filter(organization_path__in=list(paths))
    old.delete()
    zero = [0] * len(TALLY_FIELDS)
    every = set(counted) | (set(paths) if keep_zero and paths is not None else set())
    rows = []
    for path in sorted(every):
        per_day = counted.get(path)
        for i, on in enumerate(days):
            values = per_day[i] if per_day is not None else zero
            if keep_zero or any(values):
                rows.append((path, on, *values))
    insert_rows(MemberTally, ("organization_path", "month_end", *TALLY_FIELDS), rows)


# --- keeping the rollup exact -----------------------------------------------------------


def refresh(paths: Iterable[str], since: dt.date | None = None) -> None:
    """Recompute the organizations at ``paths`` for the month ends of the window from the
    one that ends the month holding ``since`` (all of them when None). Rows of zero are
    written too, so that a concurrent first-use computation (``ensure``) that read the data
    before this write cannot leave a row behind."""
    paths = sorted({p for p in paths if p})
    days = window()
    if since is not None:
        days = [on for on in days if on >= since]
    if not paths or not days:
        return
    # One writer at a time per organization (PostgreSQL; SQLite has one writer anyway): a
    # concurrent write to the same cell waits here, then counts with this one's periods.
    from django.db import transaction

    from tcxd.organizations.models import Organization

    with transaction.atomic():  # the caller's transaction (a savepoint) or its own
        list(Organization.objects.select_for_update().filter(path__in=paths).values_list("pk"))
        _write(count(_periods(days, paths), days), days, paths, keep_zero=True)


def rebuild() -> None:
    """Recompute every organization for every month end of the window (bulk loads)."""
    days = window()
    if not days:
        return
    _write(count(_periods(days, None), days), days, None, keep_zero=False)
    marked = set(
        MemberTallyMonth.objects.filter(month_end__in=days).values_list("month_end", flat=True)
    )
    MemberTallyMonth.objects.bulk_create(
        [MemberTallyMonth(month_end=on) for on in days if on not in marked]
    )


def ensure(days: Iterable[dt.date]) -> None:
    """Compute the month ends of ``days`` that were never computed (one fetch for all)."""
    from django.db import IntegrityError, transaction

    wanted = sorted(set(days))
    if not wanted:
        return
    marked = set(
        MemberTallyMonth.objects.filter(month_end__in=wanted).values_list("month_end", flat=True)
    )
    missing = [on for on in wanted if on not in marked]
    if not missing:
        return
    covering = Q()
    for on in missing:
        covering |= Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gt=on))
    rows = (
        MembershipPeriod.objects.filter(covering)
        .filter(status__in=COUNTED_STATUSES)
        .exclude(organization_path="")
        .values_list("organization_path", "status", "start_on", "end_on", *PERSON_COLUMNS)
    )
    try:
        with transaction.atomic():
            _write(count(list(rows), missing), missing, None, keep_zero=False)
            MemberTallyMonth.objects.bulk_create([MemberTallyMonth(month_end=on) for on in missing])
    except IntegrityError:
        pass  # another request computed the same month ends meanwhile: theirs are as good
