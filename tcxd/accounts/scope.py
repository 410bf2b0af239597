"""The one place where what a user may see is decided.

A role held at an organization covers that organization and everything under it. Every
page, export, API route and search narrows its queryset with :func:`scope`; a single
object is fetched with :func:`get_for`, which answers 404 outside the scope, exactly as
for an object that does not exist.

A model takes part by naming, in ``scope_path_fields``, the path columns that place a row
in the tree (for a member: the organization where he or she is registered, and the one
hosting a temporary transfer).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from tcxd.core.paths import any_prefix_q, is_under, minimal_prefixes

from .choices import ROLE_ACTIONS

M = TypeVar("M", bound=Model)

_CACHE_ATTR = "_tcxd_scope_prefixes"
ROOT_PATH_LENGTH = 4  # treebeard's steplen: a root's path


def scope_prefixes(user: Any, action: str) -> list[str] | None:
    """Paths of the subtrees where ``user`` may do ``action``; None means everywhere."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache: dict[str, list[str] | None] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if action not in cache:
        from .models import RoleAssignment

        rows = RoleAssignment.objects.filter(user=user).values_list("role", "organization__path")
        prefixes = minimal_prefixes(
            path for role, path in rows if action in ROLE_ACTIONS.get(role, frozenset())
        )
        cache[action] = None if prefixes and _covers_every_root(user, prefixes) else prefixes
    return cache[action]


def _covers_every_root(user: Any, prefixes: list[str]) -> bool:
    """A role at the root of every tree sees everything: no filter at all (a range over
    the whole table would only mislead the query planner). Entries placed nowhere in the
    tree (e.g. an administrator's) are then visible too."""
    if any(len(p) > ROOT_PATH_LENGTH for p in prefixes) and len(prefixes) == 1:
        return False
    if "_tcxd_roots" not in user.__dict__:
        from tcxd.organizations.models import Organization

        user.__dict__["_tcxd_roots"] = set(
            Organization.objects.filter(depth=1).values_list("path", flat=True)
        )
    roots = user.__dict__["_tcxd_roots"]
    return bool(roots) and roots <= set(prefixes)


def forget_scope(user: Any) -> None:
    """Drop the cached prefixes (after the user's roles change)."""
    user.__dict__.pop(_CACHE_ATTR, None)
    user.__dict__.pop("_tcxd_roots", None)


def scope(queryset: QuerySet[M], user: Any, action: str) -> QuerySet[M]:
    prefixes = scope_prefixes(user, action)
    if prefixes is None:
        return queryset
    if not prefixes:
        return queryset.none()
    fields = getattr(queryset.model, "scope_path_fields", None)
    if not fields:
        raise TypeError(f"{queryset.model.__name__} does not declare scope_path_fields")
    return queryset.filter(any_prefix_q(fields, prefixes))


def get_for(user: Any, queryset: QuerySet[M] | type[M], pk: Any, action: str) -> M:
    """The object with primary key ``pk`` if ``user`` may do ``action`` on it, else 404."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    try:
        obj = scope(queryset, user, action).filter(pk=pk).first()
    except (ValueError, TypeError):
        obj = None
    if obj is None:
        raise Http404
    return obj


def can(user: Any, action: str, path: str | None) -> bool:
    """May ``user`` do ``action`` at the organization with this path?"""
    prefixes = scope_prefixes(user, action)
    if prefixes is None:
        return True
    return path is not None and is_under(path, prefixes)


def can_anywhere(user: Any, action: str) -> bool:
    prefixes = scope_prefixes(user, action)
    return prefixes is None or bool(prefixes)
