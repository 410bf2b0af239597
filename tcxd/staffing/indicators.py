"""Staffing indicators for the registry: approved and filled headcount, the reduction achieved
against the roadmap (cumulative since the base year), people not meeting their post's
standard, training plan completion. Each is computed per agency from the same selectors as
the pages, then summed over the agencies under an organization (``compute``) or under each
organization directly below (``by_child``); the two always agree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.indicators.membership import child_len, children_paths
from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, Value, kept, register, share
from tcxd.organizations.models import Organization

from . import roadmap as arithmetic
from . import selectors
from .models import Agency, Appointment, RoadmapTarget, TrainingPlan

GROUP = _("Staffing and training")
PerAgency = dict[int, tuple[int, int]]  # agency id -> (value, whole)


def _agencies(org: Organization) -> list[Agency]:
    return kept(
        ("staffing.agencies", org.path),
        lambda: list(Agency.objects.filter(prefix_q("organization_path", org.path))),
        "staffing",
    )


def _headcount(org: Organization, period: Period) -> PerAgency:
    def run() -> PerAgency:
        agencies = _agencies(org)
        counts = selectors.headcounts(agencies, period.end.year, period.end)
        return {pk: (h.approved or 0, h.filled) for pk, h in counts.items()}

    return kept(("staffing.headcount", org.path, period), run, "staffing", "members")


def _reduction(org: Organization, period: Period) -> PerAgency:
    """(achieved, cumulative target) per roadmap agency on the period's end."""

    def run() -> PerAgency:
        agencies = [a for a in _agencies(org) if a.in_roadmap]
        start = dt.date(2022, 1, 1)
        changes = selectors._reduction_changes([a.pk for a in agencies], start, period.end)
        targets: dict[int, int] = defaultdict(int)
        for t in RoadmapTarget.objects.filter(agency__in=agencies, year__lte=period.end.year):
            targets[t.agency_id] += t.reduction
        return {
            a.pk: (
                arithmetic.net_reduction((k, p) for k, p, _d in changes.get(a.pk, [])),
                targets[a.pk],
            )
            for a in agencies
        }

    return kept(("staffing.reduction", org.path, period), run, "staffing", "members")


def _gaps(org: Organization, period: Period) -> PerAgency:
    def run() -> PerAgency:
        rows = selectors.gaps(
            Appointment.objects.filter(prefix_q("agency_path", org.path)), period.end
        )
        found: dict[int, int] = defaultdict(int)
        for row in rows:
            found[row.appointment.agency_id] += 1
        return {pk: (found[pk], 0) for pk in found}

    return kept(("staffing.gaps", org.path, period), run, "staffing", "members")


def _plans(org: Organization, period: Period) -> PerAgency:
    def run() -> PerAgency:
        plans = list(
            TrainingPlan.objects.filter(
                prefix_q("agency_path", org.path), year=period.end.year
            ).prefetch_related("entries")
        )
        done = selectors.plan_completion(plans, period.end)
        return {p.agency_id: done[p.pk] for p in plans}

    return kept(("staffing.plans", org.path, period), run, "staffing", "members")


def _sum(rows: PerAgency, index: int) -> int:
    return sum(v[index] for v in rows.values())


def _by_child(
    org: Organization, rows: PerAgency, value: Callable[[PerAgency], Value]
) -> dict[int, Value]:
    kids = children_paths(org)
    length = child_len(org)
    paths = {a.pk: a.organization_path for a in _agencies(org)}
    groups: dict[int, PerAgency] = {pk: {} for pk in kids.values()}
    for agency_id, v in rows.items():
        pk = kids.get(paths.get(agency_id, "")[:length])
        if pk is not None:
            groups[pk][agency_id] = v
    return {pk: value(group) for pk, group in groups.items()}


def _indicator(
    code: str,
    label: object,
    unit: Unit,
    source: Callable[[Organization, Period], PerAgency],
    value: Callable[[PerAgency], Value],
    *,
    higher_is_better: bool | None = True,
    help: object = "",
) -> None:
    register(
        Indicator(
            code=code,
            label=label,
            unit=unit,
            app="staffing",
            group=GROUP,
            compute=lambda org, period: value(source(org, period)),
            by_child=lambda org, period: _by_child(org, source(org, period), value),
            higher_is_better=higher_is_better,
            help=help,
        )
    )


def _plan_share(rows: PerAgency) -> Decimal | None:
    return share(_sum(rows, 0), _sum(rows, 1))  # type: ignore[return-value]


_indicator(
    "staffing.approved",
    _("Approved headcount"),
    Unit.COUNT,
    _headcount,
    lambda r: _sum(r, 0),
    higher_is_better=None,
    help=_("The headcount approved for the year of the period's end (biên chế được giao)."),
)
_indicator(
    "staffing.filled",
    _("Headcount in post"),
    Unit.COUNT,
    _headcount,
    lambda r: _sum(r, 1),
    higher_is_better=None,
    help=_("People in the approved headcount at the period's end, from the recorded changes."),
)
_indicator(
    "staffing.reduction_achieved",
    _("Streamlining: reduction achieved since 2022"),
    Unit.COUNT,
    _reduction,
    lambda r: _sum(r, 0),
    help=_("People leaving less people arriving and new posts, 01/01/2022 to the period's end."),
)
_indicator(
    "staffing.reduction_target",
    _("Streamlining: roadmap target to the period's year"),
    Unit.COUNT,
    _reduction,
    lambda r: _sum(r, 1),
    higher_is_better=None,
)
_indicator(
    "staffing.below_standard",
    _("People not meeting the standard of their post"),
    Unit.COUNT,
    _gaps,
    lambda r: _sum(r, 0),
    higher_is_better=False,
)
_indicator(
    "staffing.plan_completion",
    _("Training plan completion"),
    Unit.PERCENT,
    _plans,
    _plan_share,
)
