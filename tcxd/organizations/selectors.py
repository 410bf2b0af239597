"""Reads of the organization tree. Scope is applied by the caller with ``accounts.scope``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope, scope_prefixes
from tcxd.core.text import fold

from .models import CommitteeSeat, Organization, Village


def visible_organizations(user: Any, action: str = Action.VIEW) -> QuerySet[Organization]:
    return scope(Organization.objects.select_related("kind"), user, action)


def root_organizations(user: Any) -> QuerySet[Organization]:
    """The highest organizations the user sees: the roots of the user's subtrees."""
    prefixes = scope_prefixes(user, Action.VIEW)
    qs = Organization.objects.select_related("kind")
    if prefixes is None:
        return qs.filter(depth=1)
    return qs.filter(path__in=prefixes)


def children(organization: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(
        path__gt=organization.path,
        path__lt=organization.path + "~",
        depth=organization.depth + 1,
    ).select_related("kind")


def ancestors_visible(user: Any, organization: Organization) -> list[Organization]:
    """The breadcrumb: the organization's ancestors that the user may see."""
    steplen = Organization.steplen
    paths = [organization.path[:i] for i in range(steplen, len(organization.path), steplen)]
    return list(visible_organizations(user).filter(path__in=paths).order_by("depth"))


def search_organizations(user: Any, text: str, *, limit: int = 20) -> QuerySet[Organization]:
    q = visible_organizations(user)
    words = fold(text).split()
    for word in words:
        q = q.filter(Q(name_fold__contains=word) | Q(code__icontains=word))
    return q.order_by("depth", "path")[:limit]


def current_committee(organization: Organization, on: dt.date | None = None) -> list[CommitteeSeat]:
    """The seats held on ``on`` (today by default) in the term running then, in rank order."""
    on = on or timezone.localdate()
    seats = (
        CommitteeSeat.objects.filter(term__organization=organization, start_on__lte=on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .filter(term__start_on__lte=on)
        .filter(Q(term__end_on__isnull=True) | Q(term__end_on__gte=on))
        .select_related("person", "term", "person__member")
    )
    return sorted(seats, key=lambda s: (s.order, s.person.name_sort_key))


def villages_of(organization: Organization) -> QuerySet[Village]:
    return (
        Village.objects.filter(organization=organization)
        .select_related("head__member", "front_head__member", "cell")
        .order_by("kind", "name")
    )
