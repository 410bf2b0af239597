"""Meeting pages: a committee's overview of its cells, a cell's year (expected meetings,
meetings held, postponements), the meeting form with the roll call, the meeting with its
score, the .docx downloads, the list of repeated absences (cell secretary only), the
document templates. Each view parses, calls one service or selector, and responds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tcxd.accounts.choices import Action
from tcxd.accounts.models import RoleAssignment
from tcxd.accounts.scope import can, get_for, scope_prefixes
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.organizations.models import Organization

from . import report, selectors, services
from .choices import PRESENCE_CYCLE, LevelCode, Presence, RosterGroup, SlotKind, TemplateKind
from .forms import MeetingForm, PostponeForm, TemplateUploadForm, marks_from, tasks_from
from .models import Meeting, MeetingTemplate

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NAV = "meetings"


def _year(request: HttpRequest, today: dt.date) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year


def _org(request: HttpRequest, pk: int, action: str = Action.VIEW) -> Organization:
    return get_for(request.user, Organization.objects.select_related("kind"), pk, action)


def _home_org(user: Any) -> Organization | None:
    """The organization the overview opens on: the highest one the user may see."""
    prefixes = scope_prefixes(user, Action.VIEW)
    qs = Organization.objects.select_related("kind")
    if prefixes is None:
        return qs.filter(depth=1).order_by("path").first()
    if not prefixes:
        return None
    return qs.filter(path__in=prefixes).order_by("depth", "path").first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    raw = request.GET.get("org", "")
    org = _org(request, int(raw)) if raw.isdigit() else _home_org(request.user)
    if org is None:
        raise Http404
    if selectors.holds_meetings(org):
        return redirect(reverse("meetings:cell", args=[org.pk]))
    year = _year(request, today)
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    rows = selectors.overview(org, first, last, today) if first <= last else []
    total_expected = sum(r.expected_regular for r in rows)
    totals = {
        "cells": len(rows),
        "complete": sum(1 for r in rows if r.complete),
        "held": sum(r.held_regular for r in rows),
        "expected": total_expected,
        "overdue": sum(r.overdue_regular for r in rows),
        "topical": sum(r.held_topical for r in rows),
        "attendance": selectors.percent(
            sum(r.present for r in rows), sum(r.expected_people for r in rows)
        ),
        "levels": {code: sum(r.levels.get(code, 0) for r in rows) for code in LevelCode.values},
    }
    children = Organization.objects.filter(
        path__startswith=org.path, depth=org.depth + 1, kind__holds_members=False
    ).order_by("path")
    context = {
        "nav": NAV,
        "org": org,
        "year": year,
        "years": list(range(today.year, today.year - 4, -1)),
        "rows": rows,
        "totals": totals,
        "levels": LevelCode.choices,
        "children": children,
        "parent": Organization.objects.get_parent(org) if org.depth > 1 else None,
        "until": last,
    }
    return render(request, "meetings/index.html", context)


@login_required
def cell(request: HttpRequest, pk: int) -> HttpResponse:
    org = _org(request, pk)
    if not selectors.holds_meetings(org):
        return redirect(reverse("meetings:index") + f"?org={org.pk}")
    today = timezone.localdate()
    year = _year(request, today)
    slots = selectors.year_schedule(org, year, today)
    meetings = list(selectors.meetings_of(org, year).select_related("chair__person"))
    context = {
        "nav": NAV,
        "org": org,
        "year": year,
        "years": list(range(today.year, today.year - 4, -1)),
        "regular": [s for s in slots if s.kind == SlotKind.REGULAR],
        "topical": [s for s in slots if s.kind == SlotKind.TOPICAL],
        "meetings": meetings,
        "can_change": can(request.user, Action.CHANGE, org.path),
        "is_cell_role": _holds_role_at(request.user, org),
        "parent": Organization.objects.get_parent(org),
        "postpone_form": PostponeForm(),
    }
    return render(request, "meetings/cell.html", context)


def _holds_role_at(user: Any, org: Organization) -> bool:
    """The list of repeated absences goes to the cell (its secretary), not further: only
    someone holding a role at the cell itself sees it."""
    return RoleAssignment.objects.filter(user=user, organization=org).exists()


def _roll_context(
    org: Organization, on: dt.date, meeting: Meeting | None, data: Any
) -> list[dict[str, Any]]:
    """The roll call lines for the form: the roll at ``on`` with the marks posted, or those
    of the meeting, or "present" for the expected members."""
    saved = {}
    if meeting is not None:
        saved = {a.member_id: a for a in meeting.attendance.all()}
    lines = []
    for ln in selectors.roster(org, on):
        pk = ln.member.pk
        if data is not None:
            presence = data.get(f"presence-{pk}", "")
            reason = data.get(f"reason-{pk}", "")
            dues = data.get(f"dues-{pk}") == "on"
        elif pk in saved:
            presence, reason, dues = saved[pk].presence, saved[pk].reason, saved[pk].dues_paid
        else:
            presence = Presence.PRESENT if ln.expected else ""
            reason, dues = "", ln.expected
        lines.append(
            {
                "member": ln.member,
                "group": ln.group,
                "expected": ln.expected,
                "elsewhere": ln.elsewhere,
                "presence": presence,
                "reason": reason,
                "dues": dues,
            }
        )
    return lines


def _initial_day(request: HttpRequest, today: dt.date) -> dt.date:
    raw = request.GET.get("on", "")
    try:
        return dt.datetime.strptime(raw, "%d/%m/%Y").date() if raw else today
    except ValueError:
        return today


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    org = _org(request, pk, Action.CHANGE)
    if not selectors.holds_meetings(org):
        raise Http404
    return _meeting_form(request, org, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for(
        request.user, Meeting.objects.select_related("organization__kind"), pk, Action.CHANGE
    )
    return _meeting_form(request, meeting.organization, meeting)


def _meeting_form(request: HttpRequest, org: Organization, meeting: Meeting | None) -> HttpResponse:
    today = timezone.localdate()
    error = None
    if request.method == "POST":
        form = MeetingForm(request.POST)
        try:
            day = form.fields["held_on"].clean(request.POST.get("held_on"))
        except ValidationError:
            day = meeting.held_on if meeting else today
    else:
        day = meeting.held_on if meeting else _initial_day(request, today)
        initial: dict[str, Any] = {"kind": "regular", "held_on": day}
        if meeting is not None:
            initial = {
                f: getattr(meeting, f)
                for f in MeetingForm.base_fields
                if f not in ("chair", "secretary", "version")
            }
            initial.update(
                chair=meeting.chair_id, secretary=meeting.secretary_id, version=meeting.version
            )
        form = MeetingForm(initial=initial)
    roll_lines = _roll_context(
        org, day, meeting, request.POST if request.method == "POST" else None
    )
    form.fields["chair"].queryset = form.fields["secretary"].queryset = (  # type: ignore[attr-defined]
        form.fields["chair"]
        .queryset.model.objects.filter(  # type: ignore[attr-defined]
            pk__in=[ln["member"].pk for ln in roll_lines]
        )
        .select_related("person")
    )
    tasks_initial = [
        {"description": t.description, "assignee": t.assignee, "due_on": t.due_on}
        for t in (meeting.tasks.all() if meeting else [])
    ]
    if request.method == "POST":
        tasks, task_errors = tasks_from(request.POST)
        tasks_initial = [
            {"description": t.description, "assignee": t.assignee, "due_on": t.due_on}
            for t in tasks
        ]
        if form.is_valid() and not task_errors:
            data = form.cleaned_data
            try:
                saved = services.meeting_save(
                    actor=request.user,
                    organization=org,
                    values=data,
                    marks=marks_from(request.POST, [ln["member"].pk for ln in roll_lines]),
                    tasks=tasks,
                    meeting=meeting,
                    expected_version=data.get("version") if meeting else None,
                )
            except DomainError as exc:
                error = exc
                for field, msgs in exc.fields.items():
                    if field in form.fields:
                        for msg in msgs:
                            form.add_error(field, msg)
            else:
                messages.success(request, _("The meeting was saved."))
                return redirect(saved.get_absolute_url())
        elif task_errors:
            error = DomainError("task_due", " ".join(task_errors))
    while len(tasks_initial) < 3:
        tasks_initial.append({"description": "", "assignee": "", "due_on": None})
    context = {
        "nav": NAV,
        "org": org,
        "meeting": meeting,
        "form": form,
        "error": error,
        "roll_expected": [ln for ln in roll_lines if ln["expected"]],
        "roll_apart": [ln for ln in roll_lines if not ln["expected"]],
        "roll_day": day,
        "tasks": tasks_initial,
        "cycle": [(p.value, p.label) for p in PRESENCE_CYCLE],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/form.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for(
        request.user,
        Meeting.objects.select_related(
            "organization__kind", "chair__person", "secretary__person", "scoring_sheet"
        ),
        pk,
        Action.VIEW,
    )
    return _detail(request, meeting)


def _detail(
    request: HttpRequest, meeting: Meeting, *, error: DomainError | None = None, posted: Any = None
) -> HttpResponse:
    today = timezone.localdate()
    rows = list(meeting.attendance.select_related("member__person"))
    rows.sort(key=lambda a: (RosterGroup.values.index(a.group), a.member.person.name_sort_key))
    can_change = can(request.user, Action.CHANGE, meeting.organization_path)
    sheet = None
    items: list[dict[str, Any]] = []
    checks = {}
    try:
        sheet = meeting.scoring_sheet or selectors.sheet_in_force(
            meeting.organization, meeting.held_on
        )
        checks = selectors.auto_checks(meeting)
        pre = services.prefilled_points(meeting)
    except DomainError as exc:
        error = error or exc
        pre = {}
    if sheet is not None:
        for item in sheet.items:
            code = item["code"]
            value = posted.get(f"item_{code}", "") if posted is not None else pre.get(code, "")
            items.append(
                {
                    **item,
                    "value": value,
                    "check": checks.get(item.get("auto", "")),
                    "field_errors": error.fields.get(f"item_{code}", []) if error else [],
                }
            )
    record(actor=request.user, action="meetings.view", target=meeting)
    context = {
        "nav": NAV,
        "meeting": meeting,
        "org": meeting.organization,
        "rows": rows,
        "rate": selectors.attendance_rate(meeting),
        "expected_rows": [
            a for a in rows if a.group in (RosterGroup.REGISTERED, RosterGroup.HOSTED)
        ],
        "apart_rows": [
            a for a in rows if a.group not in (RosterGroup.REGISTERED, RosterGroup.HOSTED)
        ],
        "tasks": list(meeting.tasks.all()),
        "sheet": sheet,
        "items": items,
        "can_change": can_change,
        "can_score": can_change and meeting.held_on <= today,
        "error": error,
    }
    return render(
        request,
        "meetings/detail.html",
        context,
        status=400 if error and posted is not None else 200,
    )


@login_required
@require_POST
def meeting_score(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for(
        request.user, Meeting.objects.select_related("organization__kind"), pk, Action.CHANGE
    )
    sheet = selectors.sheet_in_force(meeting.organization, meeting.held_on)
    points: dict[str, int | None] = {}
    bad: dict[str, list[str]] = {}
    for item in sheet.items:
        raw = request.POST.get(f"item_{item['code']}", "").strip()
        if raw.lstrip("-").isdigit():
            points[item["code"]] = int(raw)
        elif raw:
            bad[f"item_{item['code']}"] = [_("Enter a whole number of points.")]
        else:
            points[item["code"]] = None
    version = request.POST.get("version", "")
    try:
        if bad:
            raise DomainError("score_invalid", _("Enter a whole number of points."), fields=bad)
        services.meeting_score(
            actor=request.user,
            meeting=meeting,
            points=points,
            expected_version=int(version) if version.isdigit() else None,
        )
    except DomainError as exc:
        meeting.refresh_from_db()
        return _detail(request, meeting, error=exc, posted=request.POST)
    messages.success(
        request,
        _("Scored %(total)s points: %(level)s.")
        % {"total": meeting.score_total, "level": meeting.score_level_name},
    )
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def postpone(request: HttpRequest, pk: int) -> HttpResponse:
    org = _org(request, pk, Action.CHANGE)
    form = PostponeForm(request.POST)
    target = reverse("meetings:cell", args=[org.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
        return redirect(target)
    data = form.cleaned_data
    try:
        services.postpone(
            actor=request.user,
            organization=org,
            slot=data["slot"],
            period_start=data["period_start"],
            reason=data["reason"],
            new_on=data["new_on"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The postponement was recorded."))
    return redirect(f"{target}?year={data['period_start'].year}")


def _docx(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    meeting = get_for(
        request.user,
        Meeting.objects.select_related(
            "organization", "chair__person", "secretary__person", "scoring_sheet"
        ),
        pk,
        Action.VIEW,
    )
    content = report.render(meeting, kind)
    if kind == TemplateKind.MINUTES:
        record(actor=request.user, action="meetings.minutes_download", target=meeting)
    else:
        record(actor=request.user, action="meetings.resolution_download", target=meeting)
    name = {"minutes": "bien-ban", "resolution": "nghi-quyet"}[kind]
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{meeting.held_on:%Y-%m-%d}-{meeting.pk}.docx"'
    )
    return response


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _docx(request, pk, TemplateKind.MINUTES)


@login_required
def resolution_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _docx(request, pk, TemplateKind.RESOLUTION)


@login_required
def absentees(request: HttpRequest, pk: int) -> HttpResponse:
    org = _org(request, pk)
    if not _holds_role_at(request.user, org):
        raise Http404
    today = timezone.localdate()
    year = _year(request, today)
    found, limit = selectors.repeat_absentees(org, year)
    record(
        actor=request.user,
        action="meetings.absentees_view",
        target=org,
        changes={"year": year, "count": len(found)},
    )
    context = {"nav": NAV, "org": org, "year": year, "found": found, "limit": limit}
    return render(request, "meetings/absentees.html", context)


def _is_board(user: Any) -> bool:
    return scope_prefixes(user, Action.REVIEW) is None


@login_required
@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest) -> HttpResponse:
    if not _is_board(request.user):
        raise Http404
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > services.MAX_TEMPLATE_BYTES:
                raise DomainError(
                    "template_size",
                    _("The file is larger than %(max)s MB, the most a template may be.")
                    % {"max": services.MAX_TEMPLATE_BYTES // 2**20},
                )
            services.template_upload(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                content=upload.read(),
                filename=upload.name,
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("The template was uploaded."))
            return redirect("meetings:templates")
    context = {
        "nav": NAV,
        "form": form,
        "error": error,
        "kinds": TemplateKind.choices,
        "versions": MeetingTemplate.objects.select_related("uploaded_by").defer("content"),
    }
    return render(request, "meetings/templates.html", context, status=400 if error else 200)


@login_required
def template_download(request: HttpRequest, kind: str, version: int) -> HttpResponse:
    if kind not in TemplateKind.values:
        raise Http404
    if version == 0:
        content = report.default_template(kind)
    else:
        found = MeetingTemplate.objects.filter(kind=kind, version=version).first()
        if found is None:
            raise Http404
        content = bytes(found.content)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}-v{version}.docx"'
    return response
