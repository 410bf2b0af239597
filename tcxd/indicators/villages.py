"""Village and residential-group indicators (thôn, tổ dân phố) at the end of a period.

Whether a head is a party member is read from the member registry (a period covering the
period's last day), never typed. The heads themselves are the current ones: the village
records keep no history of their heads, so a past period shows today's heads against the
membership of that day. A village counts while it is not dissolved at the period's end.

A village *has party members* when its own cell has a member registered on that day or its
head or its Front work committee head is a member (Nghị quyết 21-NQ/TW: 100 % of villages
with party members by 2025, with a cell of their own by 2030). Members living in a village
whose members attend a joint cell cannot be told apart: the registry records cells, not
addresses (see docs/indicators.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.members import rollup
from tcxd.members.models import MembershipPeriod, MemberTally
from tcxd.organizations.models import Organization, Village

from .membership import SELF, child_len, children_paths
from .periods import Period
from .registry import Indicator, Unit, Value, kept, register, share


def _covers(on: dt.date) -> Q:
    return Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gt=on))


def village_counts(organization: Organization, period: Period) -> dict[Any, Counter[str]]:
    """Villages of the subtree at the period's end by group (child path or SELF): three
    index-driven queries (the villages; which of their heads are members that day; which
    of their cells have members that day)."""

    def query() -> dict[Any, Counter[str]]:
        on = period.end
        length = child_len(organization)
        standing = Village.objects.filter(prefix_q("organization__path", organization.path)).filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on)
        )
        villages = list(
            standing.values_list(
                "organization__path",
                "head_id",
                "front_head_id",
                "cell_id",
                "cell__dissolved_on",
                "cell__path",
            )
        )
        if not villages:
            return {}
        heads = Q(member__person_id__in=standing.values("head_id")) | Q(
            member__person_id__in=standing.values("front_head_id")
        )
        members = set(
            MembershipPeriod.objects.filter(_covers(on))
            .filter(heads)
            .values_list("member__person_id", flat=True)
            .distinct()
        )
        cells_with_members = _cells_with_members(
            organization, on, {v[3]: v[5] for v in villages if v[3]}
        )
        result: dict[Any, Counter[str]] = {}
        for path, head, front, cell, cell_dissolved, _cell_path in villages:
            key = SELF if len(path) < length else path[:length]
            counts = result.setdefault(key, Counter())
            has_cell = cell is not None and (cell_dissolved is None or cell_dissolved > on)
            counts["villages"] += 1
            counts["head_member"] += head in members
            counts["front_head_member"] += front in members
            counts["without_member"] += not (
                head in members or front in members or cell in cells_with_members
            )
            counts["without_cell"] += not has_cell
        return result

    key = ("villages", organization.path, period.end)
    return kept(key, query, "members")


def _cells_with_members(organization: Organization, on: dt.date, cells: dict[int, str]) -> set[int]:
    """Which of ``cells`` (id → path) have a member registered at the end of ``on``: from
    the monthly tallies on a month end of the rollup window, else from the periods."""
    from .membership import _scan_only

    if rollup.in_window(on) and not _scan_only.get():
        rollup.ensure([on])
        counted = (
            MemberTally.objects.filter(prefix_q("organization_path", organization.path))
            .filter(month_end=on)
            .filter(Q(official__gt=0) | Q(probationary__gt=0))
            .values_list("organization_path", flat=True)
        )
        paths = set(counted)
        return {pk for pk, path in cells.items() if path in paths}
    return set(
        Organization.objects.filter(pk__in=list(cells))
        .filter(
            Exists(MembershipPeriod.objects.filter(_covers(on), organization_id=OuterRef("pk")))
        )
        .values_list("pk", flat=True)
    )


def _declare(code: str, label: Any, value: Any, *, unit: Unit = Unit.COUNT, **extra: Any) -> None:
    def compute(organization: Organization, period: Period) -> Value:
        total: Counter[str] = Counter()
        for counts in village_counts(organization, period).values():
            total.update(counts)
        return value(total)  # type: ignore[no-any-return]

    def by_child(organization: Organization, period: Period) -> dict[int, Value]:
        groups = village_counts(organization, period)
        return {
            pk: value(groups.get(path, Counter()))
            for path, pk in children_paths(organization).items()
        }

    register(
        Indicator(
            code=f"villages.{code}",
            label=label,
            unit=unit,
            app="organizations",
            group=_("Villages and residential groups"),
            compute=compute,
            by_child=by_child,
            **extra,
        )
    )


_declare(
    "count",
    _("Villages and residential groups"),
    lambda c: c["villages"],
    higher_is_better=None,
    help=_(
        "Villages (thôn) and residential groups (tổ dân phố) not dissolved at the end of "
        "the period."
    ),
)
_declare(
    "head_member_share",
    _("Heads who are party members"),
    lambda c: share(c["head_member"], c["villages"]),
    unit=Unit.PERCENT,
    help=_(
        "Share of villages whose head (trưởng thôn, tổ trưởng tổ dân phố) is a party member "
        "at the end of the period (Nghị quyết 18-NQ/TW)."
    ),
)
_declare(
    "front_head_member_share",
    _("Front work committee heads who are party members"),
    lambda c: share(c["front_head_member"], c["villages"]),
    unit=Unit.PERCENT,
    help=_(
        "Share of villages whose head of the Front work committee (trưởng ban công tác Mặt "
        "trận) is a party member."
    ),
)
_declare(
    "without_member",
    _("Villages without party members"),
    lambda c: c["without_member"],
    higher_is_better=False,
    help=_(
        "No member registered in the village's own cell, and neither head is a member. "
        "Nghị quyết 21-NQ/TW: every village has party members by 2025."
    ),
)
_declare(
    "without_cell",
    _("Villages without their own cell"),
    lambda c: c["without_cell"],
    higher_is_better=False,
    help=_(
        "No cell of its own (or its cell was dissolved). Nghị quyết 21-NQ/TW: every village "
        "has a cell by 2030."
    ),
)
