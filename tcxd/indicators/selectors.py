"""Reads of the indicators app: targets and progress, dashboard figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from tcxd.organizations.models import Organization

from . import registry
from .models import Target
from .periods import Period
from .registry import Indicator, Value

# Indicators whose value over a period is the sum of their values over its parts (changes
# in membership): their targets are shared out pro rata over time. Any other target is a
# level to reach by the end of its period (members at the end, a share).
ADDITIVE: set[str] = set()


def mark_additive(*codes: str) -> None:
    ADDITIVE.update(codes)


@dataclasses.dataclass(frozen=True)
class Progress:
    value: Value  # the indicator over the period, up to ``on``
    target: Decimal | None  # the whole target of the target's period
    ratio: Decimal | None  # value ÷ target
    pro_rata_target: Decimal | None  # the part of the target due by the end of the window
    target_period: Period | None = None
    source_document: str = ""

    @property
    def pro_rata_ratio(self) -> Decimal | None:
        return registry.ratio(self.value, self.pro_rata_target)

    @property
    def on_track(self) -> bool | None:
        if self.value is None or self.pro_rata_target is None:
            return None
        return Decimal(self.value) >= self.pro_rata_target


def target_for(
    indicator: Indicator | str, organization: Organization, period: Period
) -> Target | None:
    """The target for exactly this period, else the shortest target period containing it."""
    code = indicator if isinstance(indicator, str) else indicator.code
    candidates = Target.objects.filter(
        indicator=code,
        organization=organization,
        period_start__lte=period.start,
        period_end__gte=period.end,
    )
    return min(candidates, key=lambda t: t.period_end - t.period_start, default=None)


def targets_of(organization: Organization, period: Period) -> dict[str, Target]:
    """{indicator code: the target that applies to the period} (one query)."""
    best: dict[str, Target] = {}
    for t in Target.objects.filter(
        organization=organization, period_start__lte=period.start, period_end__gte=period.end
    ):
        current = best.get(t.indicator)
        if current is None or (t.period_end - t.period_start) < (
            current.period_end - current.period_start
        ):
            best[t.indicator] = t
    return best


def window(period: Period, on: dt.date | None) -> Period:
    """The period cut at ``on`` (the figures so far)."""
    if on is None or on >= period.end:
        return period
    if on < period.start:
        raise ValueError("the date is before the period")
    return dataclasses.replace(period, end=on)


def pro_rata(target: Target, indicator: Indicator, upto: Period) -> Decimal:
    """The part of the target due for ``upto`` (a period inside the target's period)."""
    if indicator.code not in ADDITIVE:
        return target.value
    share = Decimal(upto.days) / Decimal(target.period.days)
    return (target.value * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def progress(
    indicator: Indicator | str,
    organization: Organization,
    period: Period,
    on: dt.date | None = None,
    *,
    value: Value = None,
    target: Target | None = None,
) -> Progress:
    """The indicator over ``period`` (up to ``on``, today by default) against the target
    that applies: the period's own, or a longer one containing it (a year's target for a
    half-year, the congress term's for a year). For an additive indicator the target is
    shared out pro rata over the days: 600 admissions for 2026 means 297.53 by 30/06/2026.
    ``value`` and ``target`` may be passed when already known (a dashboard)."""
    ind = registry.get(indicator) if isinstance(indicator, str) else indicator
    today = timezone.localdate()
    if on is None:
        on = min(today, period.end)
    upto = window(period, on)
    if value is None:
        value = ind.compute(organization, upto)
    if target is None:
        target = target_for(ind, organization, period)
    if target is None:
        return Progress(value, None, None, None)
    return Progress(
        value=value,
        target=target.value,
        ratio=registry.ratio(value, target.value),
        pro_rata_target=pro_rata(target, ind, upto),
        target_period=target.period,
        source_document=target.source_document,
    )
