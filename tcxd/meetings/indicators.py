"""Cell meeting indicators, by organization and period (definitions in docs/meetings.md).

Every indicator reads one shared summary per organization and period: each cell of the
subtree with its expected, held, overdue and postponed meetings, its topical meetings, its
pooled attendance and the levels of its scored meetings (``selectors.overview``, three
queries whatever the number of cells), plus one query for the members absent without
reason. The cells are summed once per organization directly below (``Totals``, kept
between requests); ``compute`` adds those sums up and ``by_child`` reads each, so the two
always agree. Slots count as overdue only once their month or
quarter has ended (today's date)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.indicators.membership import child_len, children_paths
from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, Value, kept, ratio, register, share, shared
from tcxd.organizations.models import Organization

from . import selectors
from .choices import LevelCode, Presence

GROUP = _("Cell meetings")


@dataclasses.dataclass
class Totals:
    """The cells of a group (the subtree, or the part under one organization directly
    below) summed: every meeting indicator is a function of these sums."""

    cells_owing: int = 0  # cells that owed at least one regular meeting
    cells_complete: int = 0  # of those, cells that held every one
    held_regular: int = 0
    overdue_regular: int = 0
    held_topical: int = 0
    expected_topical: int = 0
    present: int = 0
    expected_people: int = 0
    levels: Counter[str] = dataclasses.field(default_factory=Counter)

    def add(self, other: Totals) -> None:
        for field in dataclasses.fields(self):
            if field.name != "levels":
                setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))
        self.levels.update(other.levels)


def _totals(org: Organization, period: Period) -> dict[str, Totals]:
    """{path of the organization directly below (or the organization's own path for cells
    right under it): the sums of its cells}, from ``selectors.overview``; kept between
    requests (small: one entry per organization below)."""
    today = timezone.localdate()
    last = min(period.end, today)

    def query() -> dict[str, Totals]:
        length = child_len(org)
        found: dict[str, Totals] = {}
        rows = (
            selectors.overview(org, period.start, last, today, names=False)
            if period.start <= last
            else []
        )
        for r in rows:
            t = found.setdefault(r.organization.path[:length], Totals())
            t.cells_owing += r.expected_regular > 0
            t.cells_complete += r.complete
            t.held_regular += r.held_regular
            t.overdue_regular += r.overdue_regular
            t.held_topical += r.held_topical
            t.expected_topical += r.expected_topical
            t.present += r.present
            t.expected_people += r.expected_people
            t.levels.update(r.levels)
        return found

    return kept(("meetings.totals", org.path, period.key, today), query, "meetings")


def _absentees(org: Organization, period: Period) -> list[tuple[str, int]]:
    """(organization path of the cell, member id) of each member absent without reason
    from a cell's meetings at least the rule's number of times within the period."""

    def query() -> list[tuple[str, int]]:
        from .models import Attendance

        limit = selectors.rule("absences_without_reason_per_year", period.end).value
        rows = (
            Attendance.objects.filter(
                prefix_q("organization_path", org.path),
                presence=Presence.UNEXCUSED,
                held_on__range=(period.start, period.end),
            )
            .values("organization_path", "member_id")
            .annotate(n=Count("id"))
            .filter(n__gte=limit)
        )
        return [(r["organization_path"], r["member_id"]) for r in rows]

    return kept(("meetings.absentees", org.path, period.key), query, "meetings")


def _whole(org: Organization, period: Period) -> Totals:
    def add_up() -> Totals:
        total = Totals()
        for t in _totals(org, period).values():
            total.add(t)
        return total

    return shared(("meetings.whole", org.path, period.key), add_up)


def _by_child(
    org: Organization, period: Period, value: Callable[[Totals], Value]
) -> dict[int, Value]:
    groups = _totals(org, period)
    return {pk: value(groups.get(path) or Totals()) for path, pk in children_paths(org).items()}


def _define(
    code: str,
    label: Any,
    unit: Unit,
    value: Callable[[Totals], Value],
    *,
    higher_is_better: bool | None = True,
    help: Any = "",
) -> Indicator:
    return register(
        Indicator(
            code=f"meetings.{code}",
            label=label,
            unit=unit,
            app="meetings",
            group=GROUP,
            compute=lambda org, period: value(_whole(org, period)),
            by_child=lambda org, period: _by_child(org, period, value),
            higher_is_better=higher_is_better,
            help=help,
        )
    )


_define(
    "cells_every_month",
    _("Cells that held every monthly meeting"),
    Unit.COUNT,
    lambda t: t.cells_complete,
    help=_("Cells that owed at least one regular meeting in the period and held all of them."),
)
_define(
    "cells_every_month_share",
    _("Share of cells that held every monthly meeting"),
    Unit.PERCENT,
    lambda t: share(t.cells_complete, t.cells_owing),
)
_define(
    "regular_held",
    _("Regular meetings held"),
    Unit.COUNT,
    lambda t: t.held_regular,
    help=_("Months in which a cell that owed a regular meeting held one."),
)
_define(
    "regular_overdue",
    _("Regular meetings overdue"),
    Unit.COUNT,
    lambda t: t.overdue_regular,
    higher_is_better=False,
    help=_("Ended months without a regular meeting nor a recorded postponement."),
)
_define(
    "topical_per_cell_quarter",
    _("Topical meetings per cell per quarter"),
    Unit.RATIO,
    lambda t: ratio(t.held_topical, t.expected_topical),
    help=_("Topical meetings held over the quarters the cells owed one (at least 1 expected)."),
)
_define(
    "attendance",
    _("Average attendance at cell meetings"),
    Unit.PERCENT,
    lambda t: share(t.present, t.expected_people),
    help=_(
        "Members present over members expected, over all meetings (members on temporary "
        "transfer elsewhere and exempt members are not expected)."
    ),
)


def _level_share(code: str) -> Callable[[Totals], Value]:
    def value(t: Totals) -> Value:
        return share(t.levels.get(code, 0), sum(t.levels.values()))

    return value


for _code, _label in (
    (LevelCode.GOOD, _("Share of scored meetings rated good")),
    (LevelCode.FAIR, _("Share of scored meetings rated fair")),
    (LevelCode.AVERAGE, _("Share of scored meetings rated average")),
    (LevelCode.POOR, _("Share of scored meetings rated poor")),
):
    _define(
        f"level_{_code}",
        _label,
        Unit.PERCENT,
        _level_share(_code),
        higher_is_better=None if _code in (LevelCode.FAIR, LevelCode.AVERAGE) else _code == "good",
    )


def _absentee_count(org: Organization, period: Period) -> Value:
    return len(_absentees(org, period))


def _absentee_by_child(org: Organization, period: Period) -> dict[int, Value]:
    kids = children_paths(org)
    length = child_len(org)
    counts: dict[int, Value] = dict.fromkeys(kids.values(), 0)
    for path, _member in _absentees(org, period):
        pk = kids.get(path[:length])
        if pk is not None:
            counts[pk] = int(counts[pk] or 0) + 1
    return counts


register(
    Indicator(
        code="meetings.repeat_absentees",
        label=_("Members absent without reason 3 times or more"),
        unit=Unit.COUNT,
        app="meetings",
        group=GROUP,
        compute=_absentee_count,
        by_child=_absentee_by_child,
        higher_is_better=False,
        help=_(
            "Within the period (read it for a year): a ground for the cell to consider "
            "striking the member off (Điều lệ Đảng, Điều 8 khoản 2). Only the count goes up; "
            "the names stay with the cell secretary."
        ),
    )
)
