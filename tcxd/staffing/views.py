"""Staffing pages: agencies with their headcount, positions, staff and gaps; recording
changes, headcount decisions, positions and appointments; the roadmap with its chart,
targets and .xlsx; the gap list; courses and records; plans; a person's page. Each view
parses, calls one service, and responds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, can_anywhere, get_for, scope
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.indicators.charts import number
from tcxd.organizations.models import Organization

from . import selectors, services
from .charts import roadmap_chart
from .choices import ARRIVALS
from .exports import build_roadmap_xlsx
from .forms import (
    AppointmentForm,
    ChangeForm,
    CourseForm,
    GapFilterForm,
    HeadcountForm,
    PositionForm,
    RecordForm,
)
from .models import (
    Agency,
    Appointment,
    Course,
    PlanEntry,
    Position,
    Roadmap,
    StaffChange,
    TrainingPlan,
    TrainingRecord,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors_to_form(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)


def _form_page(
    request: HttpRequest, template: str, context: dict[str, Any], error: Any
) -> HttpResponse:
    form = context["form"]
    status = 400 if error or (request.method == "POST" and form.errors) else 200
    return render(request, template, {"nav": "staffing", "error": error, **context}, status=status)


def _agency(request: HttpRequest, pk: int, action: str = Action.VIEW) -> Agency:
    return get_for(request.user, Agency.objects.select_related("organization"), pk, action)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agencies = list(selectors.agencies_for(request.user).order_by("sector", "name"))
    counts = selectors.headcounts(agencies, today.year, today)
    rows = [(a, counts[a.pk]) for a in agencies]
    gaps = selectors.gaps(scope(Appointment.objects.all(), request.user, Action.VIEW), today)
    plans = list(
        scope(TrainingPlan.objects.select_related("agency"), request.user, Action.VIEW).filter(
            year=today.year
        )
    )
    done = selectors.plan_completion(plans, today)
    plan_rows = [(p, *done[p.pk], selectors.percent(*done[p.pk])) for p in plans]
    context = {
        "nav": "staffing",
        "rows": rows,
        "year": today.year,
        "roadmaps": list(selectors.roadmaps_for(request.user)),
        "gap_count": len(gaps),
        "plan_rows": plan_rows,
        "totals": {
            "approved": sum(h.approved or 0 for _a, h in rows),
            "filled": sum(h.filled for _a, h in rows),
            "contracts": sum(h.contracts for _a, h in rows),
        },
    }
    return render(request, "staffing/index.html", context)


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk)
    today = timezone.localdate()
    staff = selectors.staff_people(agency, today)
    positions = list(agency.positions.all())
    held = Appointment.objects.filter(selectors.held_on(today), agency=agency).select_related(
        "person"
    )
    holders: dict[int, list[Any]] = {}
    for a in held:
        holders.setdefault(a.position_id, []).append(a)
    years = list(agency.headcounts.order_by("year"))
    filled = {
        d.year: selectors.headcounts([agency], d.year, min(dt.date(d.year, 12, 31), today))[
            agency.pk
        ]
        for d in years
    }
    context = {
        "nav": "staffing",
        "agency": agency,
        "staff": staff,
        "positions": [(p, holders.get(p.pk, [])) for p in positions],
        "headcounts": [(d, filled[d.year]) for d in years],
        "changes": agency.changes.select_related("person").order_by("-occurred_on", "-id")[:30],
        "gaps": selectors.gaps(agency.appointments.all(), today),
        "can_change": can(request.user, Action.CHANGE, agency.organization_path),
        "today": today,
    }
    return render(request, "staffing/agency.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def change_new(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk, Action.CHANGE)
    today = timezone.localdate()
    form = ChangeForm(
        request.POST or None,
        staff=selectors.staff_on(agency, today),
        initial={"occurred_on": today},
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_person = None
        if data["kind"] in ARRIVALS and not data["person"] and data["full_name"]:
            new_person = {
                "full_name": data["full_name"],
                "birth_on": data["birth_on"],
                "gender": data["gender"] or "male",
            }
        try:
            change = services.staff_change_record(
                actor=request.user,
                agency=agency,
                kind=data["kind"],
                occurred_on=data["occurred_on"],
                person=data["person"],
                new_person=new_person,
                posts=data["posts"] or 1,
                in_headcount=data["in_headcount"],
                decision_number=data["decision_number"],
                note=data["note"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            who = f": {change.person.full_name}" if change.person else ""
            messages.success(
                request,
                _("Recorded %(kind)s%(who)s.")
                % {"kind": change.get_kind_display().lower(), "who": who},
            )
            return redirect(agency.get_absolute_url())
    return _form_page(
        request,
        "staffing/form.html",
        {"form": form, "agency": agency, "title": _("Record a staff change")},
        error,
    )


@login_required
@require_http_methods(["GET", "POST"])
def headcount_new(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk, Action.CHANGE)
    form = HeadcountForm(request.POST or None, initial={"year": timezone.localdate().year})
    error = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.headcount_record(
                actor=request.user,
                agency=agency,
                year=d["year"],
                approved=d["approved"],
                contracts=d["contracts"] or 0,
                decision_number=d["decision_number"],
                decided_on=d["decided_on"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(
                request, _("Recorded the approved headcount of %(year)s.") % {"year": d["year"]}
            )
            return redirect(agency.get_absolute_url())
    return _form_page(
        request,
        "staffing/form.html",
        {"form": form, "agency": agency, "title": _("Record an approved headcount")},
        error,
    )


def _position_form(request: HttpRequest, agency: Agency, position: Position | None) -> HttpResponse:
    initial = {}
    if position is not None:
        initial = {k: getattr(position, k) for k in services.POSITION_FIELDS}
        initial["version"] = position.version
    form = PositionForm(request.POST or None, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.position_save(
                actor=request.user,
                agency=agency,
                data=data,
                position=position,
                expected_version=version,
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved the position %(title)s.") % {"title": data["title"]})
            return redirect(agency.get_absolute_url())
    title = _("Change a job position") if position else _("Add a job position")
    return _form_page(
        request, "staffing/form.html", {"form": form, "agency": agency, "title": title}, error
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _position_form(request, _agency(request, pk, Action.CHANGE), None)


@login_required
@require_http_methods(["GET", "POST"])
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_for(request.user, Position.objects.select_related("agency"), pk, Action.CHANGE)
    return _position_form(request, position.agency, position)


@login_required
@require_http_methods(["GET", "POST"])
def appointment_new(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_for(request.user, Position.objects.select_related("agency"), pk, Action.CHANGE)
    agency = position.agency
    today = timezone.localdate()
    form = AppointmentForm(
        request.POST or None, staff=selectors.staff_on(agency, today), initial={"starts_on": today}
    )
    error = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.appointment_record(
                actor=request.user,
                position=position,
                person=d["person"],
                kind=d["kind"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                decision_number=d["decision_number"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Recorded: %(name)s, %(position)s.")
                % {"name": d["person"].full_name, "position": position.title},
            )
            return redirect(agency.get_absolute_url())
    title = _("Appoint to %(position)s") % {"position": position.title}
    return _form_page(
        request, "staffing/form.html", {"form": form, "agency": agency, "title": title}, error
    )


# --- the roadmap ------------------------------------------------------------------------


def _on(request: HttpRequest) -> dt.date:
    form = GapFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["on"]:
        return form.cleaned_data["on"]  # type: ignore[no-any-return]
    return timezone.localdate()


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{number(value, 2)} %"


@login_required
def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_for(request.user, Roadmap.objects.select_related("organization"), pk, Action.VIEW)
    on = _on(request)
    table = selectors.roadmap_table(roadmap, on)
    charts = []
    for total in table.totals:
        cumulative, running = [], 0
        for y in table.years:
            running += total.targets[y]
            cumulative.append(running)
        charts.append(
            (
                total.label,
                roadmap_chart(
                    str(total.label),
                    [str(y) for y in table.years],
                    cumulative,
                    [total.achieved_by_year[y] for y in table.years],
                    target_label=_("Target (cumulative)"),
                    achieved_label=_("Reduction achieved"),
                ),
            )
        )
    context = {
        "nav": "staffing",
        "roadmap": roadmap,
        "table": table,
        "charts": charts,
        "on": on,
        "filter": GapFilterForm(initial={"on": on}),
        "can_change": can(request.user, Action.CHANGE, roadmap.organization_path),
    }
    return render(request, "staffing/roadmap.html", context)


def roadmap_headers(years: list[int]) -> list[str]:
    return [
        _("Agency"),
        _("Base (approved %(year)s)") % {"year": years[0] - 1},
        *[_("Target %(year)s") % {"year": y} for y in years],
        _("Target 2022–2026"),
        _("Achieved"),
        _("Share of base"),
        _("Remaining"),
        _("Forecast to the end"),
        _("Status"),
    ]


def _status(row: selectors.RoadmapRow) -> str:
    p = row.progress
    if p.behind:
        return _("Behind")
    return _("On track") if p.on_track else _("At risk")


@login_required
def roadmap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_for(
        request.user, Roadmap.objects.select_related("organization"), pk, Action.EXPORT
    )
    on = _on(request)
    table = selectors.roadmap_table(roadmap, on)

    def line(r: selectors.RoadmapRow) -> list[Any]:
        p = r.progress
        return [
            str(r.label),
            r.base,
            *[r.targets[y] for y in table.years],
            p.target,
            p.achieved,
            float(p.share) if p.share is not None else None,
            p.remaining,
            p.forecast,
            _status(r),
        ]

    content = build_roadmap_xlsx(
        title=_("Streamlining roadmap 2022–2026: %(org)s") % {"org": roadmap.organization.name},
        subtitle=_("On %(day)s; %(cite)s")
        % {"day": on.strftime("%d/%m/%Y"), "cite": table.citation},
        headers=roadmap_headers(table.years),
        rows=[line(r) for r in table.rows],
        totals=[line(r) for r in table.totals],
    )
    record(actor=request.user, action="staffing.roadmap_export", target=roadmap, changes={"on": on})
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="lo-trinh-tinh-gian-{on:%Y%m%d}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_targets(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_for(
        request.user, Roadmap.objects.select_related("organization"), pk, Action.CHANGE
    )
    agencies = selectors.roadmap_agencies(roadmap.organization_path)
    current = {(t.agency_id, t.year): t.reduction for t in roadmap.targets.all()}
    base = selectors.bases(agencies, roadmap.base_year)
    error = None
    values = dict(current)
    if request.method == "POST":
        try:
            values = {
                (a.pk, y): int(request.POST.get(f"t-{a.pk}-{y}") or 0)
                for a in agencies
                for y in roadmap.years
            }
            version = int(request.POST.get("version", ""))
        except ValueError:
            error = DomainError("target_number", _("Every target is a whole number."))
        else:
            try:
                services.roadmap_targets_set(
                    actor=request.user, roadmap=roadmap, targets=values, expected_version=version
                )
            except DomainError as exc:
                error = exc
            else:
                messages.success(request, _("Saved the agencies' targets."))
                return redirect(roadmap.get_absolute_url())
    rows = [
        (a, base[a.pk], [(y, f"t-{a.pk}-{y}", values.get((a.pk, y), 0)) for y in roadmap.years])
        for a in agencies
    ]
    context = {"nav": "staffing", "roadmap": roadmap, "rows": rows, "error": error}
    return render(request, "staffing/targets.html", context, status=400 if error else 200)


# --- people in posts ----------------------------------------------------------------------


@login_required
def gap_list(request: HttpRequest) -> HttpResponse:
    on = _on(request)
    appointments = scope(Appointment.objects.all(), request.user, Action.VIEW)
    context = {
        "nav": "staffing",
        "gaps": selectors.gaps(appointments, on),
        "on": on,
        "filter": GapFilterForm(initial={"on": on}),
    }
    return render(request, "staffing/gaps.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for(request.user, pk)
    today = timezone.localdate()
    user = request.user
    appointments = scope(
        Appointment.objects.filter(person=person).select_related("position", "agency"),
        user,
        Action.VIEW,
    ).order_by("-starts_on")
    records = scope(
        TrainingRecord.objects.filter(person=person).select_related("course"), user, Action.VIEW
    ).order_by("-course__starts_on")
    changes = scope(
        StaffChange.objects.filter(person=person).select_related("agency"), user, Action.VIEW
    ).order_by("-occurred_on", "-id")
    gaps = selectors.gaps(appointments, today)
    agency = selectors.person_agency(person, today)
    record(
        actor=user,
        action="staffing.person_view",
        target=person,
        organization=agency.organization if agency else None,
    )
    member = getattr(person, "member", None) if hasattr(person, "member") else None
    context = {
        "nav": "staffing",
        "person": person,
        "appointments": appointments,
        "records": records,
        "changes": changes,
        "plan_entries": scope(
            PlanEntry.objects.filter(person=person).select_related("plan__agency"),
            user,
            Action.VIEW,
        ),
        "gaps": gaps[0].reasons if gaps else [],
        "member": member if member and can(user, Action.VIEW, member.organization_path) else None,
        "agency": agency,
    }
    return render(request, "staffing/person.html", context)


# --- training ---------------------------------------------------------------------------


def _course_organizers(user: Any) -> Any:
    orgs = scope(Organization.objects.filter(depth=1), user, Action.CHANGE)
    return orgs.first()


@login_required
@require_http_methods(["GET", "POST"])
def course_list(request: HttpRequest) -> HttpResponse:
    organizer = (
        _course_organizers(request.user) if can_anywhere(request.user, Action.CHANGE) else None
    )
    form = CourseForm(request.POST or None) if organizer else None
    error = None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                course = services.course_create(
                    actor=request.user,
                    organization=organizer,  # type: ignore[arg-type]
                    data=form.cleaned_data,
                )
            except DomainError as exc:
                error = exc
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, _("Added the course %(title)s.") % {"title": course.title}
                )
                return redirect(course.get_absolute_url())
    courses = Course.objects.order_by("-starts_on")[:200]
    status = 400 if error or (form is not None and form.errors) else 200
    return render(
        request,
        "staffing/courses.html",
        {"nav": "staffing", "courses": courses, "form": form, "error": error},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = Course.objects.filter(pk=pk).first()
    if course is None:
        raise Http404
    today = timezone.localdate()
    agencies = list(selectors.agencies_for(request.user, Action.CHANGE))
    staff: dict[int, Agency] = {}
    for agency in agencies:
        for pid in selectors.staff_on(agency, today):
            staff[pid] = agency
    form = RecordForm(request.POST or None, staff=staff) if agencies else None
    error = None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            existing = TrainingRecord.objects.filter(person=d["person"], course=course).first()
            try:
                services.record_save(
                    actor=request.user,
                    course=course,
                    person=d["person"],
                    agency=staff[d["person"].pk],
                    status=d["status"],
                    completed_on=d["completed_on"],
                    certificate_number=d["certificate_number"],
                    expected_version=existing.version if existing else None,
                )
            except DomainError as exc:
                error = exc
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, _("Recorded: %(name)s.") % {"name": d["person"].full_name}
                )
                return redirect(course.get_absolute_url())
    records = scope(course.records.select_related("person", "agency"), request.user, Action.VIEW)
    context = {
        "nav": "staffing",
        "course": course,
        "records": records,
        "form": form,
        "error": error,
    }
    status = 400 if error or (form is not None and form.errors) else 200
    return render(request, "staffing/course.html", context, status=status)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(request.user, TrainingPlan.objects.select_related("agency"), pk, Action.VIEW)
    today = timezone.localdate()
    entries = list(
        PlanEntry.objects.filter(plan=plan)
        .select_related("person")
        .order_by("person__name_sort_key")
    )
    done = selectors.entry_done(entries, plan.year, today)
    n_done = sum(1 for r in done.values() if r)
    context = {
        "nav": "staffing",
        "plan": plan,
        "entries": [(e, done[e.pk]) for e in entries],
        "done": n_done,
        "percent": selectors.percent(n_done, len(entries)),
    }
    return render(request, "staffing/plan.html", context)
