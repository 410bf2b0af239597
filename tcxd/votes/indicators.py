"""Indicators of confidence votes, by the organizing body's subtree and the period of the
vote's date (``held_on``). Only votes with frozen results count (tallied or reported).

- ``votes.held``: votes held in the period;
- ``votes.people``: people voted on in them (a person voted on in two votes counts twice);
- ``votes.high_majority_share``: of those, the share with more than half "tín nhiệm cao"
  of the ballots returned (exact fraction: 20 of 40 is not more than half), in %;
- ``votes.flag_relief``: people with more than 1/2 and less than 2/3 "tín nhiệm thấp";
- ``votes.flag_dismissal``: people with 2/3 or more "tín nhiệm thấp".

Every indicator reads one shared query per organization and period (one row per result);
``by_child`` groups the same rows by the organization directly below, so the two agree.
A vote organized by the organization itself counts in ``compute`` but in no child.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.indicators.membership import child_len, children_paths
from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit, Value, kept, register, share
from tcxd.organizations.models import Organization

from .choices import Flag, VoteStatus
from .models import Result

Row = tuple[Any, ...]  # (organization_path, vote id, returned, high, flag)
GROUP = _("Confidence votes")


def results_in(organization: Organization, period: Period) -> list[Row]:
    def query() -> list[Row]:
        rows = Result.objects.filter(
            prefix_q("vote__organization_path", organization.path),
            vote__status__in=[VoteStatus.TALLIED, VoteStatus.REPORTED],
            vote__held_on__gte=period.start,
            vote__held_on__lte=period.end,
        ).values_list("vote__organization_path", "vote_id", "returned", "counts", "flag")
        return [
            (path, vote, ret, (counts or {}).get("high", 0), flag)
            for path, vote, ret, counts, flag in rows
        ]

    return kept(("votes.results", organization.path, period), query, "votes")


def held(rows: Sequence[Row]) -> int:
    return len({r[1] for r in rows})


def high_majority(rows: Sequence[Row]) -> Value:
    return share(sum(1 for r in rows if r[2] and 2 * r[3] > r[2]), len(rows))


def _group_by_child(organization: Organization, rows: Sequence[Row]) -> dict[int, list[Row]]:
    kids = children_paths(organization)
    length = child_len(organization)
    groups: dict[int, list[Row]] = {pk: [] for pk in kids.values()}
    for row in rows:
        pk = kids.get(row[0][:length])
        if pk is not None:
            groups[pk].append(row)
    return groups


def _declare(
    code: str,
    label: Any,
    value: Callable[[Sequence[Row]], Value],
    *,
    unit: Unit = Unit.COUNT,
    higher_is_better: bool | None = None,
    help: Any = "",
) -> Indicator:
    def compute(organization: Organization, period: Period) -> Value:
        return value(results_in(organization, period))

    def by_child(organization: Organization, period: Period) -> dict[int, Value]:
        groups = _group_by_child(organization, results_in(organization, period))
        return {pk: value(rows) for pk, rows in groups.items()}

    return register(
        Indicator(
            code=f"votes.{code}",
            label=label,
            unit=unit,
            app="votes",
            group=GROUP,
            compute=compute,
            by_child=by_child,
            higher_is_better=higher_is_better,
            help=help,
        )
    )


_declare(
    "held",
    _("Confidence votes held"),
    held,
    help=_("Votes of the organizations of the subtree held in the period and tallied."),
)
_declare(
    "people",
    _("People voted on"),
    len,
    help=_("People voted on in those votes (someone voted on twice counts twice)."),
)
_declare(
    "high_majority_share",
    _("Share with more than half high confidence"),
    high_majority,
    unit=Unit.PERCENT,
    higher_is_better=True,
    help=_(
        "People voted on whose “high confidence” ballots are more than half of the "
        "ballots returned, as a share of the people voted on."
    ),
)
_declare(
    "flag_relief",
    _("More than 1/2 low confidence"),
    lambda rows: sum(1 for r in rows if r[4] == Flag.RELIEF),
    higher_is_better=False,
    help=_(
        "People with more than 1/2 and less than 2/3 “low confidence” of the ballots "
        "returned: relief from the post to be considered."
    ),
)
_declare(
    "flag_dismissal",
    _("2/3 or more low confidence"),
    lambda rows: sum(1 for r in rows if r[4] == Flag.DISMISSAL),
    higher_is_better=False,
    help=_(
        "People with 2/3 or more “low confidence”: dismissal without waiting for the term's end."
    ),
)
