"""Reads of the member registry: lists, counts at any date, a member's history."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from typing import Any

from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope, scope_prefixes
from tcxd.core.paths import prefix_q
from tcxd.core.text import fold
from tcxd.organizations.models import Organization

from .choices import AGE_BANDS, CURRENT_STATUSES, MemberStatus
from .models import Member, MembershipEvent, MembershipPeriod, Person
from .services import event_in, rule_lookup, stored_events
from .state import State, add_years, derive, next_badge, party_age

# --- lists -----------------------------------------------------------------------------


def visible_members(user: Any, action: str = Action.VIEW) -> QuerySet[Member]:
    return scope(Member.objects.all(), user, action)


def search_q(text: str, *, names_first: bool = True) -> Q:
    """Every word of the query must match: names without diacritics (đ → d, any case), or
    the beginning of a citizen ID or party card number.

    ``names_first``: find the matching people with one scan of the folded names, then
    their memberships (best for a whole city); otherwise test each member's name as the
    organization filter finds them (best for a cell or a ward).
    """
    q = Q()
    names = Person.objects.all()
    named = False
    for word in fold(text).split():
        if word.isdigit():
            q &= Q(person__citizen_id__startswith=word) | Q(card_number__startswith=word)
        elif names_first:
            names = names.filter(name_fold__contains=word)
            named = True
        else:
            q &= Q(person__name_fold__contains=word)
    if named:  # one scan of the folded names, then the members of those people
        q &= Q(person__in=names.values("id"))
    return q


def age_band_q(band: str, on: dt.date) -> Q:
    for code, low, high, _label in AGE_BANDS:
        if code != band:
            continue
        q = Q()
        if low is not None:  # at least ``low`` full years old: born on or before on - low years
            q &= Q(person__birth_on__lte=add_years(on, -low))
        if high is not None:  # at most ``high``: born after on - (high + 1) years
            q &= Q(person__birth_on__gt=add_years(on, -(high + 1)))
        return q
    return Q()


@dataclasses.dataclass(frozen=True)
class MemberFilter:
    search: str = ""
    status: str = ""  # "" = current members (probationary and official), "all", or one status
    gender: str = ""
    age_band: str = ""
    organization: Organization | None = None
    on: dt.date | None = None  # members at a past date


def is_narrow(user: Any, f: MemberFilter, action: str = Action.VIEW) -> bool:
    """Is the list limited to part of the tree (by its filter or by the user's scope)?"""
    prefixes = scope_prefixes(user, action)
    root_len = Organization.steplen
    return (f.organization is not None and f.organization.depth > 1) or (
        prefixes is not None and all(len(p) > root_len for p in prefixes)
    )


def member_queryset(
    user: Any, f: MemberFilter, action: str = Action.VIEW, *, narrow: bool | None = None
) -> QuerySet[Member]:
    qs = visible_members(user, action)
    today = timezone.localdate()
    if f.on is not None:
        # One join to the period covering that day (periods of a member never overlap).
        at = Q(periods__start_on__lte=f.on) & (
            Q(periods__end_on__isnull=True) | Q(periods__end_on__gt=f.on)
        )
        if f.organization is not None:
            at &= prefix_q("periods__organization_path", f.organization.path)
        if f.status in CURRENT_STATUSES:
            at &= Q(periods__status=f.status)
        qs = qs.filter(at)
    else:
        if f.organization is not None:
            qs = qs.filter(
                prefix_q("organization_path", f.organization.path)
                | prefix_q("host_organization_path", f.organization.path)
            )
        if f.status == "":
            qs = qs.filter(status__in=CURRENT_STATUSES)
        elif f.status != "all":
            qs = qs.filter(status=f.status)
    if f.search:
        if narrow is None:
            narrow = is_narrow(user, f, action)
        qs = qs.filter(search_q(f.search, names_first=not narrow))
    if f.gender:
        qs = qs.filter(person__gender=f.gender)
    if f.age_band:
        qs = qs.filter(age_band_q(f.age_band, f.on or today))
    return qs


LIST_COLUMNS = (
    "id",
    "status",
    "card_number",
    "is_exempt",
    "admitted_on",
    "official_on",
    "host_organization_id",
    "person__full_name",
    "person__birth_on",
    "person__gender",
    "person__name_sort_key",
    "person_id",
    "organization__name",
    "organization_id",
)


@dataclasses.dataclass
class Page:
    rows: list[dict[str, Any]]
    next_cursor: str | None
    prev_cursor: str | None
    first: bool


def encode_cursor(key: str, pk: int, direction: str) -> str:
    raw = json.dumps([key, pk, direction]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int, str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, pk, direction = json.loads(raw)
        if isinstance(key, str) and isinstance(pk, int) and direction in ("after", "before"):
            return key, pk, direction
    except (ValueError, TypeError):
        pass
    return None


SMALL_LIST = 3000


def list_page(
    user: Any, f: MemberFilter, *, cursor: str = "", size: int = 50, action: str = Action.VIEW
) -> tuple[Page, int]:
    """The page and the total for the member list (pages and API)."""
    narrow = is_narrow(user, f, action)
    qs = member_queryset(user, f, action, narrow=narrow)
    total = qs.count()
    base = SMALL_LIST + 1  # a list over the whole tree walks the name index
    if narrow:  # how big the list is before the search decides how to walk it
        base = (
            total
            if not f.search
            else member_queryset(
                user, dataclasses.replace(f, search=""), action, narrow=narrow
            ).count()
        )
    return member_page(qs, cursor=cursor, size=size, total=base), total


def member_page(
    qs: QuerySet[Member], *, cursor: str = "", size: int = 50, total: int | None = None
) -> Page:
    """One page in Vietnamese name order, by keyset (never a growing OFFSET).

    Members are ordered by (person.name_sort_key, person.id); a cursor is the key of the
    last (or first) row shown, so every page costs the same however deep it is.

    A big list walks the name index and stops after one page. A small one (``total``, the
    size of the list before any name search, under SMALL_LIST: a cell, a ward) is cheaper
    found through its organization filter and sorted, so the sort key is wrapped to keep
    the planner off the name index.
    """
    decoded = decode_cursor(cursor) if cursor else None
    rows_qs = qs.values(*LIST_COLUMNS)
    if total is not None and total <= SMALL_LIST:
        rows_qs = rows_qs.annotate(
            _sort=Concat("person__name_sort_key", Value(""), output_field=CharField())
        )
        return _keyset(rows_qs, decoded, size, key="_sort")
    return _keyset(rows_qs, decoded, size, key="person__name_sort_key")


def _keyset(
    rows_qs: QuerySet[Any], decoded: tuple[str, int, str] | None, size: int, *, key: str
) -> Page:
    if decoded is None:
        rows = list(rows_qs.order_by(key, "person__id")[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        return Page(rows, _cursor(rows[-1], "after") if has_more and rows else None, None, True)
    sort_key, pk, direction = decoded
    if direction == "after":
        # The leading >= lets both databases start the index walk at the cursor.
        after = Q(person__name_sort_key__gte=sort_key) & (
            Q(person__name_sort_key__gt=sort_key) | Q(person__id__gt=pk)
        )
        rows = list(rows_qs.filter(after).order_by(key, "person__id")[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        return Page(
            rows,
            _cursor(rows[-1], "after") if has_more and rows else None,
            _cursor(rows[0], "before") if rows else None,
            False,
        )
    before = Q(person__name_sort_key__lte=sort_key) & (
        Q(person__name_sort_key__lt=sort_key) | Q(person__id__lt=pk)
    )
    rows = list(rows_qs.filter(before).order_by(f"-{key}", "-person__id")[: size + 1])
    has_prev = len(rows) > size
    rows = list(reversed(rows[:size]))
    return Page(
        rows,
        _cursor(rows[-1], "after") if rows else None,
        _cursor(rows[0], "before") if has_prev and rows else None,
        not has_prev,
    )


def _cursor(row: dict[str, Any], direction: str) -> str:
    return encode_cursor(row["person__name_sort_key"], row["person_id"], direction)


# --- counts at a date ------------------------------------------------------------------


def periods_on(on: dt.date) -> QuerySet[MembershipPeriod]:
    return MembershipPeriod.objects.filter(start_on__lte=on).filter(
        Q(end_on__isnull=True) | Q(end_on__gt=on)
    )


def member_counts(organization: Organization, on: dt.date) -> dict[str, int]:
    """Official and probationary members registered in the subtree on ``on``.

    Members on a temporary transfer count where they are registered, not where they attend.
    """
    rows = (
        periods_on(on)
        .filter(prefix_q("organization_path", organization.path))
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = {MemberStatus.OFFICIAL.value: 0, MemberStatus.PROBATIONARY.value: 0}
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["total"] = counts["official"] + counts["probationary"]
    return counts


def member_counts_by_child(organization: Organization, on: dt.date) -> dict[int, dict[str, int]]:
    """The same counts for every organization directly below, in one query."""
    child_len = len(organization.path) + Organization.steplen
    rows = (
        periods_on(on)
        .filter(organization_path__gt=organization.path)
        .filter(organization_path__lt=organization.path + "~")
        .annotate(child_path=Substr("organization_path", 1, child_len))
        .values("child_path", "status")
        .annotate(n=Count("id"))
    )
    kids = dict(
        Organization.objects.filter(
            path__gt=organization.path,
            path__lt=organization.path + "~",
            depth=organization.depth + 1,
        ).values_list("path", "pk")
    )
    result: dict[int, dict[str, int]] = {
        pk: {"official": 0, "probationary": 0, "total": 0} for pk in kids.values()
    }
    for row in rows:
        pk = kids.get(row["child_path"])
        if pk is None:
            continue
        result[pk][row["status"]] += row["n"]
        result[pk]["total"] += row["n"]
    return result


def organization_of(member: Member, on: dt.date) -> Organization | None:
    """The organization where the member was registered on ``on`` (None if not a member)."""
    period = (
        periods_on(on).filter(member=member).select_related("organization").order_by("-start_on")
    ).first()
    return period.organization if period else None


# --- one member ------------------------------------------------------------------------


def timeline(member: Member) -> list[MembershipEvent]:
    return list(
        MembershipEvent.objects.filter(member=member)
        .select_related("organization", "from_organization", "recorded_by")
        .order_by("-occurred_on", "-sequence", "-id")
    )


def member_state(member: Member) -> State:
    state, _periods = derive([event_in(e) for e in stored_events(member)], rule_lookup)
    return state


@dataclasses.dataclass(frozen=True)
class PartyAge:
    years: int
    months: int
    next_badge_level: int | None
    next_badge_year: int | None
    badge_basis: str


def party_age_of(member: Member, today: dt.date | None = None) -> PartyAge | None:
    today = today or timezone.localdate()
    state = member_state(member)
    age = party_age(state, today)
    if age is None:
        return None
    rule = rule_lookup("party_badges", today)
    badge = next_badge(state, rule["levels_years"], today) if rule else None
    return PartyAge(
        years=age[0],
        months=age[1],
        next_badge_level=badge[0] if badge else None,
        next_badge_year=badge[1] if badge else None,
        badge_basis=rule["legal_basis"] if rule else "",
    )
