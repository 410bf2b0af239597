"""The roadmap arithmetic, pure: numbers in, numbers out (docs/staffing.md, worked example).

- **Reduction achieved** on a day: the net of the recorded changes to the approved headcount
  from 1 January of the first roadmap year to that day: each person leaving (retirement,
  resignation, transfer out, streamlining) counts +1, each person arriving (recruitment,
  transfer in) and each newly approved post −1. Contracts do not count.
- **Minimum** of a group: the rule's share of the base year's approved headcount, rounded up
  (5 % of 201 = 10,05 → 11).
- **Expected** on a day: the board's yearly targets of the years that have ended by then.
- **Forecast** to the end of the roadmap: linear from the pace so far,
  ``floor(achieved × days of the roadmap / days elapsed)``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from .choices import SIGN


def roadmap_start(base_year: int) -> dt.date:
    return dt.date(base_year + 1, 1, 1)


def roadmap_end(end_year: int) -> dt.date:
    return dt.date(end_year, 12, 31)


def net_reduction(changes: Iterable[tuple[str, int]]) -> int:
    """``changes``: (kind, posts) of the changes to the approved headcount in the window."""
    return -sum(SIGN[kind] * posts for kind, posts in changes)


def forecast(achieved: int, *, base_year: int, end_year: int, on: dt.date) -> int | None:
    """Linear from the pace so far; None before the roadmap has started."""
    start, end = roadmap_start(base_year), roadmap_end(end_year)
    on = min(on, end)
    elapsed = (on - start).days + 1
    if elapsed <= 0:
        return None
    total = (end - start).days + 1
    return (achieved * total) // elapsed


def expected(targets: Mapping[int, int], on: dt.date) -> int:
    """The yearly targets of the years that ended by ``on``."""
    return sum(n for year, n in targets.items() if roadmap_end(year) <= on)


@dataclasses.dataclass(frozen=True)
class Progress:
    base: int
    target: int
    achieved: int
    expected: int
    forecast: int | None
    on: dt.date

    @property
    def share(self) -> Decimal | None:
        """Achieved as a percentage of the base, two decimals."""
        if not self.base:
            return None
        return (Decimal(self.achieved) * 100 / self.base).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def target_share(self) -> Decimal | None:
        if not self.base:
            return None
        return (Decimal(self.target) * 100 / self.base).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def remaining(self) -> int:
        return max(self.target - self.achieved, 0)

    @property
    def behind(self) -> bool:
        return self.achieved < self.expected

    @property
    def on_track(self) -> bool:
        return self.forecast is not None and self.forecast >= self.target


def progress(
    *,
    base: int,
    targets: Mapping[int, int],
    changes: Iterable[tuple[str, int]],
    base_year: int,
    end_year: int,
    on: dt.date,
    target: int | None = None,
) -> Progress:
    achieved = net_reduction(changes)
    return Progress(
        base=base,
        target=sum(targets.values()) if target is None else target,
        achieved=achieved,
        expected=expected(targets, on),
        forecast=forecast(achieved, base_year=base_year, end_year=end_year, on=on),
        on=on,
    )
