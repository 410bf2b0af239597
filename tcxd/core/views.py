from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tcxd.members.selectors import member_counts
from tcxd.organizations.selectors import root_organizations


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    roots = list(root_organizations(request.user))
    cards = [(org, member_counts(org, today)) for org in roots[:20]]
    return render(request, "core/home.html", {"cards": cards, "today": today})
