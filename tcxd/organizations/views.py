"""Organization pages: the tree browser, an organization's page, the cell picker."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import get_for, scope
from tcxd.core.text import fold
from tcxd.members.forms import DateField
from tcxd.members.selectors import member_counts, member_counts_by_child

from . import selectors
from .models import Organization


@login_required
def organization_index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    context = {
        "nav": "organizations",
        "roots": list(selectors.root_organizations(request.user)),
        "q": q,
        "found": list(selectors.search_organizations(request.user, q)) if q else [],
    }
    return render(request, "organizations/index.html", context)


@login_required
def organization_children(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_for(request.user, Organization, pk, Action.VIEW)
    kids = list(selectors.children(org))
    return render(request, "organizations/tree_children.html", {"children": kids})


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_for(request.user, Organization.objects.select_related("kind"), pk, Action.VIEW)
    field = DateField(required=False)
    try:
        on = field.clean(request.GET.get("on")) or timezone.localdate()
        date_error = ""
    except Exception as exc:
        on, date_error = timezone.localdate(), " ".join(getattr(exc, "messages", [str(exc)]))
    kids = list(selectors.children(org))
    counts = member_counts_by_child(org, on) if kids else {}
    context = {
        "nav": "organizations",
        "org": org,
        "on": on,
        "date_error": date_error,
        "ancestors": selectors.ancestors_visible(request.user, org),
        "counts": _total(counts) if kids and not org.kind.holds_members else member_counts(org, on),
        "children": [(kid, counts.get(kid.pk, {})) for kid in kids],
        "committee": selectors.current_committee(org, on),
        "villages": list(selectors.villages_of(org)) if org.kind.has_villages else [],
    }
    return render(request, "organizations/detail.html", context)


def _total(by_child: dict[int, dict[str, int]]) -> dict[str, int]:
    """The subtree's counts as the sum of its children's (it has no members of its own)."""
    keys = ("official", "probationary", "total")
    return {k: sum(c[k] for c in by_child.values()) for k in keys}


@login_required
def organization_pick(request: HttpRequest) -> HttpResponse:
    """Cells the user may record changes into, matching the typed text (for transfers)."""
    text = fold(request.GET.get("org_q", ""))
    items: list[Organization] = []
    if len(text) >= 2:
        qs = scope(
            Organization.objects.filter(kind__holds_members=True, dissolved_on__isnull=True),
            request.user,
            Action.CHANGE,
        )
        for word in text.split():
            qs = qs.filter(Q(name_fold__contains=word) | Q(code__iexact=word))
        items = list(qs.order_by("name_fold")[:30])
        parents = {
            o.path: o.name
            for o in Organization.objects.filter(
                path__in={i.path[: -Organization.steplen] for i in items}
            )
        }
        for item in items:
            item.parent_name = parents.get(item.path[: -Organization.steplen], "")  # type: ignore[attr-defined]
    return render(
        request,
        "organizations/pick_list.html",
        {"items": items, "field": request.GET.get("field", "organization"), "searched": bool(text)},
    )
