"""Cell meeting indicators, by organization and period (definitions in docs/meetings.md).

Every indicator reads one shared summary per organization and period: each cell of the
subtree with its expected, held, overdue and postponed meetings, its topical meetings, its
pooled attendance and the levels of its scored meetings (``selectors.overview``, three
queries whatever the number of cells), plus one query for the members absent without
reason. ``compute`` sums every cell; ``by_child`` sums the cells under each organization
directly below, so the two always agree. Slots count as overdue only once their month or
quarter has ended (today's date)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.indicators.membership import child_len, children_paths
from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, Value, ratio, register, share, shared
from tcxd.organizations.models import Organization

from . import selectors
from .choices import LevelCode, Presence

GROUP = _("Cell meetings")


def _summaries(org: Organization, period: Period) -> list[selectors.CellSummary]:
    today = timezone.localdate()
    last = min(period.end, today)
    return shared(
        ("meetings.overview", org.path, period.key, today),
        lambda: selectors.overview(org, period.start, last, today) if period.start <= last else [],
    )


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

    return shared(("meetings.absentees", org.path, period.key), query)


def _by_child(
    org: Organization, period: Period, value: Callable[[list[selectors.CellSummary]], Value]
) -> dict[int, Value]:
    kids = children_paths(org)
    length = child_len(org)
    groups: dict[int, list[selectors.CellSummary]] = {pk: [] for pk in kids.values()}
    for s in _summaries(org, period):
        pk = kids.get(s.organization.path[:length])
        if pk is not None:
            groups[pk].append(s)
    return {pk: value(rows) for pk, rows in groups.items()}


def _define(
    code: str,
    label: Any,
    unit: Unit,
    value: Callable[[list[selectors.CellSummary]], Value],
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
            compute=lambda org, period: value(_summaries(org, period)),
            by_child=lambda org, period: _by_child(org, period, value),
            higher_is_better=higher_is_better,
            help=help,
        )
    )


def _owing(rows: list[selectors.CellSummary]) -> list[selectors.CellSummary]:
    return [r for r in rows if r.expected_regular > 0]


_define(
    "cells_every_month",
    _("Cells that held every monthly meeting"),
    Unit.COUNT,
    lambda rows: sum(1 for r in rows if r.complete),
    help=_("Cells that owed at least one regular meeting in the period and held all of them."),
)
_define(
    "cells_every_month_share",
    _("Share of cells that held every monthly meeting"),
    Unit.PERCENT,
    lambda rows: share(sum(1 for r in rows if r.complete), len(_owing(rows))),
)
_define(
    "regular_held",
    _("Regular meetings held"),
    Unit.COUNT,
    lambda rows: sum(r.held_regular for r in rows),
    help=_("Months in which a cell that owed a regular meeting held one."),
)
_define(
    "regular_overdue",
    _("Regular meetings overdue"),
    Unit.COUNT,
    lambda rows: sum(r.overdue_regular for r in rows),
    higher_is_better=False,
    help=_("Ended months without a regular meeting nor a recorded postponement."),
)
_define(
    "topical_per_cell_quarter",
    _("Topical meetings per cell per quarter"),
    Unit.RATIO,
    lambda rows: ratio(sum(r.held_topical for r in rows), sum(r.expected_topical for r in rows)),
    help=_("Topical meetings held over the quarters the cells owed one (at least 1 expected)."),
)
_define(
    "attendance",
    _("Average attendance at cell meetings"),
    Unit.PERCENT,
    lambda rows: share(sum(r.present for r in rows), sum(r.expected_people for r in rows)),
    help=_(
        "Members present over members expected, over all meetings (members on temporary "
        "transfer elsewhere and exempt members are not expected)."
    ),
)


def _level_share(code: str) -> Callable[[list[selectors.CellSummary]], Value]:
    def value(rows: list[selectors.CellSummary]) -> Value:
        scored = sum(sum(r.levels.values()) for r in rows)
        return share(sum(r.levels.get(code, 0) for r in rows), scored)

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
