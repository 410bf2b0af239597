"""The count of a confidence vote (Quy định 96-QĐ/TW, Điều 6.3 and Điều 9), pure Python.

Per person voted on: ballots issued, ballots returned, valid, invalid, and the count of
each level with its percentage **of the ballots returned** ("trên tổng số phiếu thu về").
Percentages are shown to two decimals, rounded half up (33.335 → 33.34); the consequences
are decided on the exact fractions, never on rounded percentages:

- more than 1/2 and less than 2/3 "tín nhiệm thấp" → ``Flag.RELIEF`` (exactly 1/2 is not
  more than 1/2);
- 2/3 or more → ``Flag.DISMISSAL`` (26 of 39 is exactly 2/3).

A ballot is invalid for one person when it has no level or more than one level for that
person, or the printed name is crossed out; a ballot not issued by the counting board is
invalid for everyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tcxd.rules.values import Threshold

from .choices import Flag


@dataclass(frozen=True)
class Levels:
    """The levels of the ballot (rule data) and the one whose share has consequences."""

    codes: tuple[str, ...]  # in the ballot's order: ("high", "trust", "low")
    low: str = "low"
    high: str = "high"


@dataclass
class Count:
    issued: int
    returned: int = 0
    invalid: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> int:
        return self.returned - self.invalid

    def share(self, level: str) -> Decimal:
        """Percentage of the ballots returned, two decimals, half up."""
        if not self.returned:
            return Decimal("0.00")
        exact = Decimal(self.counts.get(level, 0) * 100) / Decimal(self.returned)
        return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def exceeds(threshold: Threshold, votes: int, base: int) -> bool:
    """``votes`` are strictly more than the fraction of ``base``."""
    return base > 0 and votes * threshold.denominator > threshold.numerator * base


def flag_of(count: Count, levels: Levels, relief: Threshold, dismissal: Threshold) -> str:
    low = count.counts.get(levels.low, 0)
    if dismissal.met(low, count.returned):
        return Flag.DISMISSAL.value
    if exceeds(relief, low, count.returned):
        return Flag.RELIEF.value
    return Flag.NONE.value


def count_ballots(
    candidates: Sequence[int],
    ballots: Iterable[tuple[bool, dict[str, str]]],
    *,
    issued: int,
    levels: Levels,
) -> dict[int, Count]:
    """``ballots``: (issued by the counting board, {candidate id as text: mark}). A mark
    that is not a level (or a missing mark) makes the ballot invalid for that person."""
    result = {
        c: Count(issued=issued, counts={code: 0 for code in levels.codes}) for c in candidates
    }
    for was_issued, marks in ballots:
        for candidate in candidates:
            count = result[candidate]
            count.returned += 1
            mark = marks.get(str(candidate)) if was_issued else None
            if mark in levels.codes:
                count.counts[mark] += 1
            else:
                count.invalid += 1
    return result
