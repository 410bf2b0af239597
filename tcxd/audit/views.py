from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can_anywhere

from .selectors import audit_entries


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.AUDIT):
        raise Http404
    action = request.GET.get("action", "").strip()
    actor = request.GET.get("actor", "").strip()
    target = request.GET.get("target", "").strip()
    qs = audit_entries(request.user, action=action, actor=actor, target=target)
    page = Paginator(qs, 50, allow_empty_first_page=True).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/audit_list.html",
        {"nav": "audit", "page": page, "action": action, "actor": actor, "target": target},
    )
