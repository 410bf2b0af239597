"""Membership indicators: members at the start and end of a period, the changes in it, the
composition at its end and the admission rate. Definitions in docs/indicators.md.

Counting rules (the same as ``members.selectors.member_counts``):

- A member counts where he or she is *registered* (``MembershipPeriod.organization_path``);
  a temporary transfer changes only the host, so the host never counts the member.
- "At a date" means at the end of that day: a member who dies on day D is not counted on D.
  Members at the start of a period are those at the end of the day before it, so a death on
  the first day is a change inside the period and a death on the last day leaves the member
  out of the end count; start + entries − exits = end holds for every organization.
- A change is an *entry* into an organization's subtree when the member's period that
  starts that day lies in the subtree and the one that ends that day (if any) does not;
  an *exit* the other way round. A transfer between two cells of the same subtree is
  neither for the subtree, but an exit and an entry for the two organizations below it.

Queries: one over the periods covering the period's last day (joined with the person:
status, sex, age, ethnicity, … grouped by the organization directly below), one over the
events of the period (admissions, recognitions, transfers and endings, each with the
period that ends and the one that starts that day). Both serve ``compute`` and
``by_child``; inside ``registry.batch()`` each runs once per organization and period.
The counts at the start are the counts at the end minus the period's changes.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from tcxd.core.paths import prefix_q
from tcxd.members import rollup
from tcxd.members.changes import FLOW_KINDS
from tcxd.members.choices import EventKind, MemberStatus
from tcxd.members.models import MemberChange, MembershipEvent, MembershipPeriod, MemberTally
from tcxd.members.state import add_years
from tcxd.organizations.models import Organization

from .periods import Period
from .registry import (
    Indicator,
    Unit,
    Value,
    app_stamp,
    cross_request,
    has_shared,
    kept,
    register,
    share,
    shared,
)
from .selectors import mark_additive

OFFICIAL, PROBATIONARY = MemberStatus.OFFICIAL.value, MemberStatus.PROBATIONARY.value
ENTRY_KINDS = (EventKind.ADMITTED, EventKind.READMITTED, EventKind.TRANSFER)
# When several changes fall on the same day, the first kind in these lists names the change.
ENTRY_ORDER = ("admitted", "readmitted", "transferred_in")
EXIT_ORDER = ("died", "expelled", "struck_off", "left", "transferred_out")
EXIT_KINDS = {
    EventKind.DIED: "died",
    EventKind.EXPELLED: "expelled",
    EventKind.STRUCK_OFF: "struck_off",
    EventKind.LEFT: "left",
    EventKind.TRANSFER: "transferred_out",
}
ENTRY_NAMES = {
    EventKind.ADMITTED: "admitted",
    EventKind.READMITTED: "readmitted",
    EventKind.TRANSFER: "transferred_in",
}
CHANGE_SIDES = ("before_path", "before_status", "after_path", "after_status")
_kind_sets: dict[str, frozenset[str]] = {}  # "admitted,transfer" -> its kinds, shared

# Ethnicity values that are not an ethnic minority (blank = not recorded).
MINORITY_EXCLUDED = ("", "Kinh", "kinh")
SELF = 0  # the group key of members registered at the organization itself


# --- the organizations directly below ---------------------------------------------------


def children_paths(organization: Organization) -> dict[str, int]:
    """{path: id} of the organizations directly below (shared inside a batch)."""

    def query() -> dict[str, int]:
        return dict(
            Organization.objects.filter(
                prefix_q("path", organization.path), depth=organization.depth + 1
            ).values_list("path", "pk")
        )

    return shared(("children", organization.path), query)


def child_len(organization: Organization) -> int:
    return len(organization.path) + Organization.steplen


def _by_child(
    organization: Organization, groups: dict[Any, Any], value: Callable[[Any], Value]
) -> dict[int, Value]:
    """{child id: value(its group)} for every child, groups absent = an empty group."""
    kids = children_paths(organization)
    return {pk: value(groups.get(path)) for path, pk in kids.items()}


# --- kept between requests while the registry is unchanged ----------------------------


def data_stamp() -> tuple[Any, ...]:
    """Changes whenever the figures can change (``registry.app_stamp("members")``): any
    membership event rebuilds the member's periods (new ids, never reused outside a
    rolled-back transaction); a change of a person's details (sex, birth date, ethnicity …)
    or of a village (heads, cell) is written to the audit log by its service."""
    return app_stamp("members")


# --- stock and composition at a date ---------------------------------------------------

COMPOSITION_FIELDS = (
    "official",
    "probationary",
    "women",
    "ethnic_minority",
    "religious",
    "upper_secondary",
    "university",
    "theory_elementary",
    "theory_intermediate",
    "theory_advanced",
    "age_30",
    "age_31_40",
    "age_41_50",
    "age_51_60",
    "age_61",
)


def _composition_filters(on: dt.date) -> dict[str, Q]:
    p = "member__person__"
    born = f"{p}birth_on"
    return {
        "official": Q(status=OFFICIAL),
        "probationary": Q(status=PROBATIONARY),
        "women": Q(**{f"{p}gender": "female"}),
        # Ethnic minorities: any ethnicity other than Kinh (blank = not recorded).
        "ethnic_minority": ~Q(**{f"{p}ethnicity__in": MINORITY_EXCLUDED}),
        "religious": ~Q(**{f"{p}religion__in": ["", "Không", "không"]}),
        # General education completed: 12/12, or 10/10 of the former ten-year system.
        "upper_secondary": Q(**{f"{p}education__in": ["12/12", "10/10"]}),
        "university": Q(**{f"{p}professional_level__in": ["university", "master", "doctor"]}),
        "theory_elementary": Q(**{f"{p}theory_level": "elementary"}),
        "theory_intermediate": Q(**{f"{p}theory_level": "intermediate"}),
        "theory_advanced": Q(**{f"{p}theory_level__in": ["advanced", "bachelor"]}),
        # Age in full years at the end of ``on``: at most 30 = born after on − 31 years.
        "age_30": Q(**{f"{born}__gt": add_years(on, -31)}),
        "age_31_40": Q(**{f"{born}__lte": add_years(on, -31), f"{born}__gt": add_years(on, -41)}),
        "age_41_50": Q(**{f"{born}__lte": add_years(on, -41), f"{born}__gt": add_years(on, -51)}),
        "age_51_60": Q(**{f"{born}__lte": add_years(on, -51), f"{born}__gt": add_years(on, -61)}),
        "age_61": Q(**{f"{born}__lte": add_years(on, -61)}),
    }


def _covers(on: dt.date) -> Q:
    return Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gt=on))


SMALL_SUBTREE_DEPTH = 2  # a commune, an agency and below: count in Python


_scan_only: contextvars.ContextVar[bool] = contextvars.ContextVar("scan_only", default=False)


@contextlib.contextmanager
def scan_only() -> Iterator[None]:
    """Count from the periods, never from the monthly tallies (the reference, for tests)."""
    token = _scan_only.set(True)
    try:
        yield
    finally:
        _scan_only.reset(token)


def _composition_query(organization: Organization, days: list[dt.date]) -> dict[dt.date, Any]:
    """Per day and group (a child's path, or SELF), the members counted by status and
    composition: month ends of the rollup window from the monthly tallies (sums over the
    subtree's rows), any other day by a scan of the periods."""
    tallied = [] if _scan_only.get() else [on for on in days if rollup.in_window(on)]
    result = _composition_tallies(organization, tallied) if tallied else {}
    rest = [on for on in days if on not in result]
    if rest:
        result.update(scan_composition(organization, rest))
    return result


def _composition_tallies(
    organization: Organization, days: list[dt.date]
) -> dict[dt.date, dict[Any, Counter[str]]]:
    """Sums of the tally rows of the subtree, per month end and child (one small query)."""
    rollup.ensure(days)
    length = child_len(organization)
    rows = (
        MemberTally.objects.filter(prefix_q("organization_path", organization.path))
        .filter(month_end__in=days)
        .annotate(group=Substr("organization_path", 1, length))
        .values("month_end", "group")
        .annotate(**{f"n_{name}": Sum(name) for name in COMPOSITION_FIELDS})
    )
    result: dict[dt.date, dict[Any, Counter[str]]] = {on: {} for on in days}
    for row in rows:
        group = row["group"]
        key = SELF if len(group) < length else group
        counts = result[row["month_end"]].setdefault(key, Counter())
        for name in COMPOSITION_FIELDS:
            if row[f"n_{name}"]:
                counts[name] += row[f"n_{name}"]
    return result


def scan_composition(organization: Organization, days: list[dt.date]) -> dict[dt.date, Any]:
    """One scan over the subtree's periods covering any of ``days``: per day and group (a
    child's path, or SELF), the members counted by status and composition. A city's
    tens of thousands of rows are counted by the database; a commune's few thousand are
    cheaper fetched and counted here (the same rules, tested against each other)."""
    if organization.depth >= SMALL_SUBTREE_DEPTH:
        return _composition_python(organization, days)
    return _composition_sql(organization, days)


def _composition_python(organization: Organization, days: list[dt.date]) -> dict[dt.date, Any]:
    length = child_len(organization)
    covering = Q()
    for on in days:
        covering |= _covers(on)
    rows = (
        MembershipPeriod.objects.filter(prefix_q("organization_path", organization.path))
        .filter(covering)
        .values_list(
            "organization_path",
            "status",
            "start_on",
            "end_on",
            "member__person__gender",
            "member__person__ethnicity",
            "member__person__religion",
            "member__person__education",
            "member__person__professional_level",
            "member__person__theory_level",
            "member__person__birth_on",
        )
    )
    bands = {on: [add_years(on, -n) for n in (31, 41, 51, 61)] for on in days}
    result: dict[dt.date, dict[Any, Counter[str]]] = {on: {} for on in days}
    for path, status, start, end, gender, ethnicity, religion, edu, prof, theory, born in rows:
        key = SELF if len(path) < length else path[:length]
        names = [status]
        if gender == "female":
            names.append("women")
        if ethnicity not in MINORITY_EXCLUDED:
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
        for on in days:
            if start > on or (end is not None and end <= on):
                continue
            counts = result[on].setdefault(key, Counter())
            counts.update(names)
            if born is not None:
                b31, b41, b51, b61 = bands[on]
                band = (
                    "age_30"
                    if born > b31
                    else "age_31_40"
                    if born > b41
                    else "age_41_50"
                    if born > b51
                    else "age_51_60"
                    if born > b61
                    else "age_61"
                )
                counts[band] += 1
    return result


def _composition_sql(organization: Organization, days: list[dt.date]) -> dict[dt.date, Any]:
    """Counted by the database: one scan with a filtered count per figure and day."""
    length = child_len(organization)
    covering = Q()
    for on in days:
        covering |= _covers(on)
    counts: dict[str, Count] = {}
    for index, on in enumerate(days):
        at = _covers(on) if len(days) > 1 else Q()
        for name, q in _composition_filters(on).items():
            counts[f"{name}__{index}"] = Count("id", filter=at & q)
    rows = (
        MembershipPeriod.objects.filter(prefix_q("organization_path", organization.path))
        .filter(covering)
        .annotate(group=Substr("organization_path", 1, length))
        .values("group")
        .annotate(**counts)
    )
    result: dict[dt.date, dict[Any, Counter[str]]] = {on: {} for on in days}
    for row in rows:
        values: dict[str, Any] = dict(row)
        group = values.pop("group")
        key = SELF if len(group) < length else group
        for name, n in values.items():
            field, position = name.rsplit("__", 1)
            result[days[int(position)]].setdefault(key, Counter())[field] += n
    return result


def prefetch_composition(organization: Organization, days: list[dt.date]) -> None:
    """Count several days in one scan (a dashboard: this period's end and last year's)."""
    missing = []
    for on in dict.fromkeys(days):
        key = ("composition", organization.path, on)
        if has_shared(key):
            continue
        found = cross_request(key, None, data_stamp)
        if found is None:
            missing.append(on)
        else:
            shared(key, _constant(found))
    if missing:
        for on, groups in _composition_query(organization, missing).items():
            key = ("composition", organization.path, on)
            shared(key, _constant(cross_request(key, _constant(groups), data_stamp)))


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def composition(organization: Organization, on: dt.date) -> dict[Any, Counter[str]]:
    """Members registered in the subtree at the end of ``on``, by group (a child's path, or
    SELF), counted by status and composition (one query)."""
    key = ("composition", organization.path, on)
    return kept(key, lambda: _composition_query(organization, [on])[on], "members")


def _subtree_total(groups: dict[Any, Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for counts in groups.values():
        total.update(counts)
    return total


# --- changes inside a period ------------------------------------------------------------


class Change(NamedTuple):
    member_id: int
    on: dt.date
    kinds: frozenset[str]
    before_path: str | None  # the period ending that day (None: not a member before)
    before_status: str | None
    after_path: str | None  # the period starting that day (None: no longer a member)
    after_status: str | None


def change_rows(organization: Organization, start: dt.date, end: dt.date) -> list[Change]:
    """The membership changes between ``start`` and ``end`` that touch the subtree, one per
    member and day, from the derived ``MemberChange`` rows (compared with the events
    joined to the periods, ``_scan_changes``, in the tests)."""
    prefix = organization.path
    rows = MemberChange.objects.filter(on__gte=start, on__lte=end)
    if organization.depth > 1:
        rows = rows.filter(prefix_q("before_path", prefix) | prefix_q("after_path", prefix))
    return [
        Change(member_id, on, frozenset(kinds.split(",")), *sides)
        for member_id, on, kinds, *sides in rows.values_list(
            "member_id", "on", "kinds", *CHANGE_SIDES
        )
        if any(path is not None and path.startswith(prefix) for path in sides[::2])
    ]


class ChangeCount(NamedTuple):
    """How many members changed the same way: on one day, or in one whole month."""

    on: dt.date  # the day, or the first day of the month when ``whole_month``
    whole_month: bool
    kinds: frozenset[str]
    before_path: str | None  # cut to the length of the grouping
    before_status: str | None
    after_path: str | None
    after_status: str | None
    members: int


def _whole_months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the whole months inside [start, end], if any."""
    first = start if start.day == 1 else rollup.month_end(start) + dt.timedelta(days=1)
    last = end if rollup.is_month_end(end) else end.replace(day=1) - dt.timedelta(days=1)
    return (first, last) if first <= last else None


def change_counts(
    organization: Organization, start: dt.date, end: dt.date, length: int
) -> list[ChangeCount]:
    """The changes of [start, end] touching the subtree, counted: by month for the whole
    months inside the range, by day at its edges, with the paths on both
    sides cut to ``length`` (the organization's own path: inside or not; a child's: which
    child). A city's half-year is a few hundred rows instead of thousands of members."""

    def query() -> list[ChangeCount]:
        prefix = organization.path
        counted: Counter[tuple[Any, ...]] = Counter()
        for on, whole, kinds, bp, bs, ap, as_ in _change_sides(organization, start, end):
            bp, ap = _cut(bp, length), _cut(ap, length)
            if (bp is not None and bp.startswith(prefix)) or (
                ap is not None and ap.startswith(prefix)
            ):
                counted[on, whole, kinds, bp, bs, ap, as_] += 1
        found = []
        for (on, whole, kinds, bp, bs, ap, as_), n in counted.items():
            kinds_of = _kind_sets.get(kinds)
            if kinds_of is None:
                kinds_of = _kind_sets[kinds] = frozenset(kinds.split(","))
            found.append(ChangeCount(on, whole, kinds_of, bp, bs, ap, as_, n))
        return found

    cached = _covering_counts(organization, start, end, length)
    if cached is not None:
        return cached
    key = ("counts", organization.path, start, end, length)
    return kept(key, query, "members")


def _change_sides(organization: Organization, start: dt.date, end: dt.date) -> Iterator[Any]:
    """(day or month, whether a whole month, kinds, the four sides) of each change of the
    range: the month for the whole months inside the range, the day at its edges. Read
    from the covering index and counted by the caller: the database's sort of thousands
    of groups is slower. Under ``scan_only()``: the events joined to the periods, by day."""
    if _scan_only.get():
        for c in _scan_changes(organization, start, end):
            kinds = ",".join(sorted(c.kinds))
            yield (c.on, False, kinds, *c[3:])
        return
    prefix = organization.path
    base = MemberChange.objects.filter(on__gte=start, on__lte=end)
    if organization.depth > 1:
        base = base.filter(prefix_q("before_path", prefix) | prefix_q("after_path", prefix))
    months = _whole_months(start, end)
    parts: list[tuple[bool, Any, str]] = [(False, base, "on")]
    if months == (start, end):
        parts = [(True, base, "month")]
    elif months:
        parts = [
            (True, base.filter(on__gte=months[0], on__lte=months[1]), "month"),
            (False, base.exclude(on__gte=months[0], on__lte=months[1]), "on"),
        ]
    for whole, rows, key in parts:
        for on, *rest in rows.values_list(key, "kinds", *CHANGE_SIDES).order_by():
            yield (on, whole, *rest)


def _cut(path: str | None, length: int) -> str | None:
    return None if path is None else path[:length]


def _scan_changes(organization: Organization, start: dt.date, end: dt.date) -> list[Change]:
    """The reference for the ``MemberChange`` rows (tests): the events of the range joined
    to the periods ending and starting that day."""
    ending = MembershipPeriod.objects.filter(
        member=OuterRef("member"), end_on=OuterRef("occurred_on")
    )
    starting = MembershipPeriod.objects.filter(
        member=OuterRef("member"), start_on=OuterRef("occurred_on")
    )
    prefix = organization.path
    events = MembershipEvent.objects.filter(
        kind__in=FLOW_KINDS, occurred_on__gte=start, occurred_on__lte=end
    )
    if organization.depth > 1:
        # Below the root: only the members whose periods start or end in the subtree
        # then (an index range on the path), not every event of the province.
        touching = MembershipPeriod.objects.filter(prefix_q("organization_path", prefix)).filter(
            Q(start_on__gte=start, start_on__lte=end) | Q(end_on__gte=start, end_on__lte=end)
        )
        events = events.filter(member_id__in=touching.values("member_id"))
    rows = events.annotate(
        before_path=Subquery(ending.values("organization_path")[:1]),
        before_status=Subquery(ending.values("status")[:1]),
        after_path=Subquery(starting.values("organization_path")[:1]),
        after_status=Subquery(starting.values("status")[:1]),
    ).values_list(
        "member_id",
        "occurred_on",
        "kind",
        "before_path",
        "before_status",
        "after_path",
        "after_status",
    )
    merged: dict[tuple[int, dt.date], list[Any]] = {}
    for member_id, on, kind, b_path, b_status, a_path, a_status in rows:
        # Kept when either side lies in the subtree (tested here: in SQL the four
        # subqueries would run again in the WHERE clause).
        if not (
            (b_path is not None and b_path.startswith(prefix))
            or (a_path is not None and a_path.startswith(prefix))
        ):
            continue
        key = (member_id, on)
        if key in merged:
            merged[key][0].add(kind)
        else:
            merged[key] = [{kind}, b_path, b_status, a_path, a_status]
    return [
        Change(member_id, on, frozenset(kinds), b_path, b_status, a_path, a_status)
        for (member_id, on), (kinds, b_path, b_status, a_path, a_status) in merged.items()
    ]


def _covering_counts(
    organization: Organization, start: dt.date, end: dt.date, length: int
) -> list[ChangeCount] | None:
    """Counts of [start, end] cut from a wider range: one fetched earlier in this batch, or
    the range a dashboard announced with ``prefetch_changes`` (fetched now, once). A cut
    needs the range's partial months to be counted by day in the wider one."""
    from .registry import _batch

    cache = _batch.get()
    if not cache:
        return None
    wide: Any = cache.get(("changes_range", organization.path))
    inside = wide and wide[0] <= start and end <= wide[1] and (start, end) != tuple(wide)
    if inside and _cuttable(wide, start, end):
        change_counts(organization, wide[0], wide[1], length)
    for key, rows in list(cache.items()):
        if (
            isinstance(key, tuple)
            and key[0] == "counts"
            and key[1] == organization.path
            and key[4] == length
            and key[2] <= start
            and end <= key[3]
        ):
            if (key[2], key[3]) == (start, end):
                return rows  # type: ignore[no-any-return]
            if _cuttable((key[2], key[3]), start, end):
                return [
                    c
                    for c in rows
                    if start <= c.on and (rollup.month_end(c.on) if c.whole_month else c.on) <= end
                ]
    return None


def _cuttable(wide: tuple[dt.date, dt.date], start: dt.date, end: dt.date) -> bool:
    """Whether [start, end] is a union of the wide range's rows: its partial months (if
    any) are not whole months of the wide range, where they were counted by month."""
    months = _whole_months(*wide)
    if months is None:
        return True

    def whole_in_wide(day: dt.date) -> bool:
        return months[0] <= day.replace(day=1) and rollup.month_end(day) <= months[1]

    return (start.day == 1 or not whole_in_wide(start)) and (
        rollup.is_month_end(end) or not whole_in_wide(end)
    )


def prefetch_changes(organization: Organization, start: dt.date, end: dt.date) -> None:
    """Announce a long range (a dashboard: this period, last year's, the months of the
    trend): the first period inside it that is not already known fetches the whole range
    once; periods whose tallies are in the cache fetch nothing."""
    shared(("changes_range", organization.path), _constant((start, end)))


def _classify(kinds: Iterable[str], names: dict[Any, str], order: tuple[str, ...]) -> str | None:
    found = {names[k] for k in kinds if k in names}
    for name in order:
        if name in found:
            return name
    return None


def tally(
    changes: Iterable[ChangeCount], group_of: Callable[[str | None], Any]
) -> dict[Any, Counter[str]]:
    """Entries, exits and recognitions per group; ``group_of(path)`` is None outside."""
    result: dict[Any, Counter[str]] = defaultdict(Counter)
    for c in changes:
        n = c.members
        before, after = group_of(c.before_path), group_of(c.after_path)
        if after is not None and after != before:
            name = _classify(c.kinds, ENTRY_NAMES, ENTRY_ORDER)
            if name is not None:
                result[after][name] += n
                result[after][f"in_{c.after_status}"] += n
        if before is not None and before != after:
            name = _classify(c.kinds, EXIT_KINDS, EXIT_ORDER)
            if name is not None:
                result[before][name] += n
                result[before][f"out_{c.before_status}"] += n
        if (
            EventKind.RECOGNISED_OFFICIAL in c.kinds
            and after is not None
            and after == before
            and c.after_status == OFFICIAL
            and c.before_status == PROBATIONARY
        ):
            result[after]["recognised_official"] += n
    return result


def changes_of(
    organization: Organization, period: Period, *, below: bool
) -> dict[Any, Counter[str]]:
    """Tallied changes of the period: for the whole subtree (key SELF) or by child."""

    def compute() -> dict[Any, Counter[str]]:
        # Counted with the paths cut to the children's length, which also tells inside
        # from outside: one query serves both groupings.
        prefix = organization.path
        length = child_len(organization)
        rows = change_counts(organization, period.start, period.end, length)
        if not below:
            return tally(rows, lambda path: SELF if path and path.startswith(prefix) else None)

        def group_of(path: str | None) -> Any:
            if not path or not path.startswith(prefix):
                return None
            return SELF if len(path) < length else path[:length]

        return tally(rows, group_of)

    key = ("tally", organization.path, period, below)
    return kept(key, compute, "members")


# --- figures per group ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Figures:
    """Everything the membership indicators need for one group."""

    end: Counter[str]
    changes: Counter[str]

    def at_end(self, status: str | None = None) -> int:
        if status is None:
            return self.end["official"] + self.end["probationary"]
        return self.end[status]

    def at_start(self, status: str | None = None) -> int:
        if status is None:
            return self.at_start(OFFICIAL) + self.at_start(PROBATIONARY)
        c = self.changes
        value = self.end[status] - c[f"in_{status}"] + c[f"out_{status}"]
        recognised = c["recognised_official"]
        return value - recognised if status == OFFICIAL else value + recognised


def figures(organization: Organization, period: Period) -> Figures:
    def compute() -> Figures:
        end = _subtree_total(composition(organization, period.end))
        changes = changes_of(organization, period, below=False).get(SELF, Counter())
        return Figures(end, changes)

    return shared(("figures", organization.path, period), compute)


def figures_by_child(organization: Organization, period: Period) -> dict[int, Figures]:
    def compute() -> dict[int, Figures]:
        ends = composition(organization, period.end)
        changes = changes_of(organization, period, below=True)
        kids = children_paths(organization)
        return {
            pk: Figures(ends.get(path, Counter()), changes.get(path, Counter()))
            for path, pk in kids.items()
        }

    return shared(("figures_by_child", organization.path, period), compute)


# --- the indicators ---------------------------------------------------------------------


def _declare(
    code: str,
    label: Any,
    value: Callable[[Figures], Value],
    *,
    unit: Unit = Unit.COUNT,
    group: Any,
    higher_is_better: bool | None = None,
    help: Any = "",
) -> Indicator:
    def compute(organization: Organization, period: Period) -> Value:
        return value(figures(organization, period))

    def by_child(organization: Organization, period: Period) -> dict[int, Value]:
        return {pk: value(f) for pk, f in figures_by_child(organization, period).items()}

    return register(
        Indicator(
            code=f"members.{code}",
            label=label,
            unit=unit,
            app="members",
            group=group,
            compute=compute,
            by_child=by_child,
            higher_is_better=higher_is_better,
            help=help,
        )
    )


STOCK = _("Number of party members")
CHANGES = _("Changes in membership")
COMPOSITION = _("Composition at the end of the period")

_declare(
    "start_total",
    _("Members at the start of the period"),
    lambda f: f.at_start(),
    group=STOCK,
    higher_is_better=True,
    help=_(
        "Official and probationary members registered at the end of the day before the "
        "period. Members on a temporary transfer count where they are registered."
    ),
)
_declare(
    "start_official",
    _("Official members at the start"),
    lambda f: f.at_start(OFFICIAL),
    group=STOCK,
)
_declare(
    "start_probationary",
    _("Probationary members at the start"),
    lambda f: f.at_start(PROBATIONARY),
    group=STOCK,
)
_declare(
    "end_total",
    _("Members at the end of the period"),
    lambda f: f.at_end(),
    group=STOCK,
    higher_is_better=True,
    help=_(
        "Official and probationary members registered at the end of the period's last "
        "day; a member who died that day is no longer counted."
    ),
)
_declare(
    "end_official", _("Official members at the end"), lambda f: f.at_end(OFFICIAL), group=STOCK
)
_declare(
    "end_probationary",
    _("Probationary members at the end"),
    lambda f: f.at_end(PROBATIONARY),
    group=STOCK,
)
_declare(
    "net_change",
    _("Net change"),
    lambda f: f.at_end() - f.at_start(),
    group=STOCK,
    higher_is_better=True,
    help=_("Members at the end minus members at the start."),
)
_declare(
    "admitted",
    _("Admitted"),
    lambda f: f.changes["admitted"],
    group=CHANGES,
    higher_is_better=True,
    help=_(
        "New members admitted in the period (decision date), where they were admitted. "
        "Readmissions are counted separately."
    ),
)
_declare(
    "admission_rate",
    _("Admission rate"),
    lambda f: share(f.changes["admitted"], f.at_start()),
    unit=Unit.PERCENT,
    group=CHANGES,
    higher_is_better=True,
    help=_(
        "Admitted ÷ members at the start × 100. Nghị quyết 21-NQ/TW (16/06/2022) asks for "
        "new admissions of 3 to 4 per cent of the membership a year."
    ),
)
_declare(
    "readmitted",
    _("Readmitted"),
    lambda f: f.changes["readmitted"],
    group=CHANGES,
    help=_("Party Statute, Article 5; Quy định 294-QĐ/TW point 3.5."),
)
_declare(
    "recognised_official",
    _("Recognised as official members"),
    lambda f: f.changes["recognised_official"],
    group=CHANGES,
    higher_is_better=True,
)
_declare(
    "transferred_in",
    _("Transferred in"),
    lambda f: f.changes["transferred_in"],
    group=CHANGES,
    help=_(
        "Permanent transfers into the organization from outside it (transfers between its "
        "own cells are not counted). Temporary transfers are not counted."
    ),
)
_declare(
    "transferred_out",
    _("Transferred out"),
    lambda f: f.changes["transferred_out"],
    group=CHANGES,
    help=_("Permanent transfers to organizations outside it."),
)
_declare("died", _("Died"), lambda f: f.changes["died"], group=CHANGES)
_declare(
    "expelled",
    _("Expelled"),
    lambda f: f.changes["expelled"],
    group=CHANGES,
    higher_is_better=False,
    help=_("Quy định 296-QĐ/TW Điều 9 (official members only)."),
)
_declare(
    "struck_off",
    _("Struck off"),
    lambda f: f.changes["struck_off"],
    group=CHANGES,
    higher_is_better=False,
)
_declare(
    "left", _("Left the Party"), lambda f: f.changes["left"], group=CHANGES, higher_is_better=False
)

for _code, _label in (
    ("age_30", _("Aged 30 or under")),
    ("age_31_40", _("Aged 31–40")),
    ("age_41_50", _("Aged 41–50")),
    ("age_51_60", _("Aged 51–60")),
    ("age_61", _("Aged 61 or over")),
):
    _declare(
        _code,
        _label,
        (lambda name: lambda f: f.end[name])(_code),
        group=COMPOSITION,
        help=_(
            "Age in full years on the last day of the period (Hướng dẫn 11-HD/BTCTW age bands)."
        ),
    )
_declare("women", _("Women"), lambda f: f.end["women"], group=COMPOSITION, higher_is_better=True)
_declare(
    "women_share",
    _("Women (share)"),
    lambda f: share(f.end["women"], f.at_end()),
    unit=Unit.PERCENT,
    group=COMPOSITION,
    higher_is_better=True,
)
_declare(
    "ethnic_minority",
    _("Ethnic minorities"),
    lambda f: f.end["ethnic_minority"],
    group=COMPOSITION,
    help=_("Any ethnicity other than Kinh."),
)
_declare(
    "ethnic_minority_share",
    _("Ethnic minorities (share)"),
    lambda f: share(f.end["ethnic_minority"], f.at_end()),
    unit=Unit.PERCENT,
    group=COMPOSITION,
)
_declare(
    "religious",
    _("Religious"),
    lambda f: f.end["religious"],
    group=COMPOSITION,
    help=_("Members with a religion recorded (not “Không”)."),
)
_declare(
    "upper_secondary",
    _("Completed general education"),
    lambda f: f.end["upper_secondary"],
    group=COMPOSITION,
    higher_is_better=True,
    help=_("General education 12/12 (or 10/10 of the former ten-year system)."),
)
_declare(
    "university",
    _("University degree or higher"),
    lambda f: f.end["university"],
    group=COMPOSITION,
    higher_is_better=True,
)
_declare(
    "theory_elementary",
    _("Political theory: elementary"),
    lambda f: f.end["theory_elementary"],
    group=COMPOSITION,
)
_declare(
    "theory_intermediate",
    _("Political theory: intermediate"),
    lambda f: f.end["theory_intermediate"],
    group=COMPOSITION,
    higher_is_better=True,
)
_declare(
    "theory_advanced",
    _("Political theory: advanced or bachelor"),
    lambda f: f.end["theory_advanced"],
    group=COMPOSITION,
    higher_is_better=True,
)

mark_additive(
    *(
        f"members.{code}"
        for code in (
            "net_change",
            "admitted",
            "admission_rate",
            "readmitted",
            "recognised_official",
            "transferred_in",
            "transferred_out",
            "died",
            "expelled",
            "struck_off",
            "left",
        )
    )
)
