from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import get_for
from tcxd.members.selectors import member_counts

from . import selectors
from .models import Organization

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    depth: int
    parent_id: int | None
    founded_on: dt.date | None
    dissolved_on: dt.date | None


class CountsOut(Schema):
    on: dt.date
    official: int
    probationary: int
    total: int


class OrganizationDetailOut(OrganizationOut):
    members: CountsOut
    children: list[OrganizationOut]


def _out(org: Organization, parents: dict[str, int]) -> dict:
    return {
        "id": org.pk,
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind.code,
        "depth": org.depth,
        "parent_id": parents.get(org.path[: -Organization.steplen]),
        "founded_on": org.founded_on,
        "dissolved_on": org.dissolved_on,
    }


@router.get("", response=list[OrganizationOut])
def organization_tree(request: HttpRequest) -> list[dict]:
    """Every organization the caller may see, in tree order (parent before children)."""
    orgs = list(selectors.visible_organizations(request.user).order_by("path"))
    parents = {o.path: o.pk for o in orgs}
    return [_out(o, parents) for o in orgs]


@router.get("/{int:org_id}", response=OrganizationDetailOut)
def organization_detail(request: HttpRequest, org_id: int, on: dt.date | None = None) -> dict:
    org = get_for(request.user, Organization.objects.select_related("kind"), org_id, Action.VIEW)
    on = on or timezone.localdate()
    parent = Organization.objects.filter(path=org.path[: -Organization.steplen]).first()
    parents = {parent.path: parent.pk} if parent else {}
    kids = list(selectors.children(org))
    return {
        **_out(org, parents),
        "members": {"on": on, **member_counts(org, on)},
        "children": [_out(k, {org.path: org.pk}) for k in kids],
    }
