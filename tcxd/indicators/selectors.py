"""Reads of the indicators app: targets and progress, dashboard figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
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
    higher_is_better: bool | None = True

    @property
    def pro_rata_ratio(self) -> Decimal | None:
        return registry.ratio(self.value, self.pro_rata_target)

    @property
    def on_track(self) -> bool | None:
        if self.value is None or self.pro_rata_target is None:
            return None
        if self.higher_is_better is False:  # a ceiling: at most the target
            return Decimal(self.value) <= self.pro_rata_target
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
        higher_is_better=ind.higher_is_better,
    )


# --- the dashboard ----------------------------------------------------------------------


def same_window_last_year(upto: Period, full: Period) -> Period:
    """Last year's same period, cut at the same day when this one is still running."""
    last = full.same_period_last_year()
    if upto.end >= full.end:
        return last
    cut = (
        upto.end.replace(year=upto.end.year - 1)
        if not (upto.end.month == 2 and upto.end.day == 29)
        else dt.date(upto.end.year - 1, 2, 28)
    )
    return dataclasses.replace(last, end=min(cut, last.end))


def trend_months(upto: Period, count: int = 12) -> list[Period]:
    """The ``count`` months ending with the one that holds ``upto.end`` (the last one cut
    at that day), or every month of a longer period."""
    months = upto.months()
    if len(months) < count:
        first = upto.end.replace(day=1)
        for _ in range(count - 1):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        months = Period(upto.kind, first, upto.end).months()
    months[-1] = window(months[-1], upto.end)
    return months


@dataclasses.dataclass(frozen=True)
class Row:
    indicator: Indicator
    value: Value
    last_year: Value
    progress: Progress | None

    @property
    def delta(self) -> Value:
        if self.value is None or self.last_year is None:
            return None
        return self.value - self.last_year  # type: ignore[operator]

    @property
    def better(self) -> bool | None:
        """Is the change since last year in the good direction?"""
        delta = self.delta
        if not delta or self.indicator.higher_is_better is None:
            return None
        return (delta > 0) == self.indicator.higher_is_better


@dataclasses.dataclass(frozen=True)
class Trend:
    months: list[Period]
    members: list[int]  # at the end of each month
    admitted: list[int]
    exits: list[int]  # died, expelled, struck off, left, transferred out


@dataclasses.dataclass
class Dashboard:
    organization: Organization
    period: Period  # the whole period
    upto: Period  # the period so far (cut at today while it runs)
    last_year: Period
    groups: list[tuple[str, list[Row]]]
    rows: dict[str, Row]
    children: list[tuple[Organization, dict[str, Value]]]
    trend: Trend


def children_below(
    organization: Organization, upto: Period, columns: dict[str, dict[int, Value]]
) -> list[Organization]:
    """The organizations directly below that existed at some time in the period, or that
    have a figure in it (members registered in its cells before it was formally founded)."""

    from tcxd.core.paths import prefix_q

    with_figures = {pk for values in columns.values() for pk, v in values.items() if v}
    return [
        kid
        for kid in Organization.objects.filter(
            prefix_q("path", organization.path), depth=organization.depth + 1
        )
        .select_related("kind")
        .order_by("path")
        if kid.pk in with_figures
        or (
            (kid.founded_on is None or kid.founded_on <= upto.end)
            and (kid.dissolved_on is None or kid.dissolved_on > upto.start)
        )
    ]


def dashboard(
    organization: Organization,
    period: Period,
    *,
    today: dt.date,
    child_codes: list[str],
    indicators: list[Indicator] | None = None,
) -> Dashboard:
    """Every indicator for the period so far, last year's, the targets; the organizations
    below for ``child_codes``; members and changes by month. One batch: the membership
    figures of both years and of the months come from one scan of the periods and one
    query over the events."""
    from . import membership

    indicators = indicators if indicators is not None else registry.all_indicators()
    upto = window(period, today)
    last = same_window_last_year(upto, period)
    months = trend_months(upto)
    with registry.batch():
        membership.prefetch_changes(organization, min(last.start, months[0].start), upto.end)
        membership.prefetch_composition(organization, [upto.end, last.end])
        targets = targets_of(organization, period)
        rows: dict[str, Row] = {}
        groups: dict[str, list[Row]] = {}
        for ind in indicators:
            value = ind.compute(organization, upto)
            target = targets.get(ind.code)
            row = Row(
                indicator=ind,
                value=value,
                last_year=ind.compute(organization, last),
                progress=progress(
                    ind, organization, period, on=upto.end, value=value, target=target
                )
                if target
                else None,
            )
            rows[ind.code] = row
            groups.setdefault(str(ind.group), []).append(row)
        columns = {code: registry.get(code).by_child(organization, upto) for code in child_codes}
        kids = children_below(organization, upto, columns)
        children = [
            (kid, {code: columns[code].get(kid.pk) for code in child_codes}) for kid in kids
        ]
        trend = _trend(organization, months, rows["members.end_total"].value)
    return Dashboard(
        organization=organization,
        period=period,
        upto=upto,
        last_year=last,
        groups=list(groups.items()),
        rows=rows,
        children=children,
        trend=trend,
    )


def _trend(organization: Organization, months: list[Period], end_total: Value) -> Trend:
    from . import membership

    admitted, exits, net = [], [], []
    for month in months:
        c: Counter[str] = membership.changes_of(organization, month, below=False).get(
            membership.SELF, Counter()
        )
        entries = sum(c.get(k, 0) for k in membership.ENTRY_ORDER)
        out = sum(c.get(k, 0) for k in membership.EXIT_ORDER)
        admitted.append(c.get("admitted", 0))
        exits.append(out)
        net.append(entries - out)
    members: list[int] = []
    current = int(end_total or 0)
    for change in reversed(net):
        members.append(current)
        current -= change
    members.reverse()
    return Trend(months, members, admitted, exits)
