"""Admission pages: the pipeline board, the deadline calendar, the case page, the forms to
open a case and to record each step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, can_anywhere, get_for, scope
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.members.choices import READMISSIBLE_STATUSES
from tcxd.members.models import Member
from tcxd.members.services import person_create
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_book
from tcxd.rules.workdays import working_days_calendar

from . import pipeline, selectors, services
from .choices import CaseKind, StepKind
from .forms import CaseOpenForm, ReadmissionOpenForm, StepForm
from .models import AdmissionCase


def _organization(request: HttpRequest) -> Organization | None:
    pk = request.GET.get("org")
    if not pk:
        return None
    return get_for(request.user, Organization.objects.select_related("kind"), pk, Action.VIEW)


@login_required
def board(request: HttpRequest) -> HttpResponse:
    org = _organization(request)
    today = timezone.localdate()
    columns = selectors.board(request.user, org, today)
    context = {
        "nav": "admissions",
        "org": org,
        "today": today,
        "columns": columns,
        "total": sum(n for _s, _l, _c, n in columns),
        "overdue": selectors.cases(request.user, org)
        .filter(status__in=selectors.ACTIVE, due_on__lt=today)
        .count(),
        "can_open": can_anywhere(request.user, Action.CHANGE),
        "committees": scope(
            Organization.objects.filter(kind__holds_members=False, dissolved_on__isnull=True),
            request.user,
            Action.VIEW,
        ).order_by("path")[:500],
    }
    return render(request, "admissions/board.html", context)


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    org = _organization(request)
    today = timezone.localdate()
    until, cards = selectors.upcoming(request.user, org, today)
    by_day: dict[Any, list[Any]] = {}
    for card in cards:
        by_day.setdefault(card.case.due_on, []).append(card)
    days = [
        (day, working, name, by_day.get(day, []))
        for day, working, name in working_days_calendar(today, until)
    ]
    context = {
        "nav": "admissions",
        "org": org,
        "today": today,
        "until": until,
        "overdue": [c for c in cards if c.overdue],
        "days": days,
        "upcoming_count": sum(1 for c in cards if not c.overdue),
    }
    return render(request, "admissions/deadlines.html", context)


@login_required
@rule_book()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_for(
        request.user,
        AdmissionCase.objects.select_related("person", "organization__kind", "member"),
        pk,
        Action.VIEW,
    )
    record(
        actor=request.user, action="admissions.view", target=case, organization=case.organization
    )
    steps = list(
        case.steps.order_by("occurred_on", "id")
        .select_related("rule", "recorded_by")
        .prefetch_related("introducers", "verifications", "files")
    )
    state = pipeline.derive(case, steps)
    today = timezone.localdate()
    can_change = can(request.user, Action.CHANGE, case.organization_path)
    context = {
        "nav": "admissions",
        "case": case,
        "person": case.person,
        "steps": steps,
        "state": state,
        "due": selectors.Card(case, selectors.days_left(state.due_on, today)),
        "next_steps": [
            (kind, StepKind(kind).label) for kind in pipeline.next_steps(case, steps, state, today)
        ]
        if can_change
        else [],
    }
    return render(request, "admissions/case_detail.html", context)


def _cells(user: Any) -> Any:
    """Cells where ``user`` may record: where a candidate can be considered."""
    return scope(
        Organization.objects.filter(kind__holds_members=True, dissolved_on__isnull=True),
        user,
        Action.CHANGE,
    ).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.CHANGE):
        raise Http404
    cells = _cells(request.user)
    form = CaseOpenForm(request.POST or None, cells=cells, initial={"ethnicity": "Kinh"})
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = data.pop("organization")
        opened_on = data.pop("opened_on")
        youth = data.pop("youth_union_member")
        try:
            with transaction.atomic():
                person = person_create(actor=request.user, data=data, organization=organization)
                case = services.case_open(
                    actor=request.user,
                    person=person,
                    organization=organization,
                    opened_on=opened_on,
                    youth_union_member=youth,
                )
        except DomainError as exc:
            error = exc
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("The case of %(name)s is open.") % {"name": person.full_name}
            )
            return redirect(case.get_absolute_url())
    context = {"nav": "admissions", "form": form, "error": error}
    return render(request, "admissions/case_open.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def readmission_open(request: HttpRequest, member_pk: int) -> HttpResponse:
    """Open the readmission case of a former member (294-QĐ/TW điểm 3.5)."""
    member = get_for(
        request.user, Member.objects.select_related("person"), member_pk, Action.CHANGE
    )
    if member.status not in READMISSIBLE_STATUSES:
        raise Http404
    form = ReadmissionOpenForm(request.POST or None, cells=_cells(request.user))
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=request.user,
                person=member.person,
                organization=form.cleaned_data["organization"],
                opened_on=form.cleaned_data["opened_on"],
                kind=CaseKind.READMISSION,
            )
        except DomainError as exc:
            error = exc
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("The case of %(name)s is open.") % {"name": member.person.full_name},
            )
            return redirect(case.get_absolute_url())
    context = {"nav": "admissions", "form": form, "error": error, "member": member}
    return render(request, "admissions/case_open.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
@rule_book()
def step_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = get_for(
        request.user,
        AdmissionCase.objects.select_related("person", "organization__kind"),
        pk,
        Action.CHANGE,
    )
    if kind not in StepKind.values:
        raise Http404
    steps = services.case_steps(case)
    state = pipeline.derive(case, steps)
    form = StepForm(
        request.POST or None,
        request.FILES or None,
        kind=kind,
        case=case,
        escalated=state.escalated,
        initial={"version": case.version, "occurred_on": timezone.localdate()},
    )
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.step_record(
                actor=request.user,
                case=case,
                kind=kind,
                expected_version=form.cleaned_data["version"],
                **form.service_kwargs(),
            )
        except DomainError as exc:
            error = exc
            _form_errors(form, exc)
        else:
            messages.success(request, _("Recorded: %(step)s.") % {"step": StepKind(kind).label})
            return redirect(case.get_absolute_url())
    context = {
        "nav": "admissions",
        "case": case,
        "kind": kind,
        "kind_label": StepKind(kind).label,
        "form": form,
        "error": error,
        "state": state,
    }
    return render(request, "admissions/step_form.html", context, status=400 if error else 200)


def _form_errors(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)
