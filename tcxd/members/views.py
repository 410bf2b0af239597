"""Member pages: list, export, member page with its history, event and edit forms, import."""

from __future__ import annotations

from django.conf import settings
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
from tcxd.core.htmx import render_page

from . import selectors, services
from .choices import READMISSIBLE_STATUSES, EventKind, Gender, MemberStatus
from .exports import build_template_xlsx, build_xlsx
from .forms import EVENT_FIELDS, EventForm, ImportForm, MemberFilterForm, PersonForm
from .importers import TEMPLATE_EXAMPLE, column_headers
from .imports import import_file
from .models import Member

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET or None, user=request.user)
    member_filter = form.member_filter()
    page, total = selectors.list_page(
        request.user,
        member_filter,
        cursor=request.GET.get("cursor", ""),
        size=settings.TCXD_PAGE_SIZE,
    )
    context = {
        "nav": "members",
        "form": form,
        "filter": member_filter,
        "page": page,
        "total": total,
        "can_export": can_anywhere(request.user, Action.EXPORT),
        "query": _query_without_cursor(request),
    }
    return render_page(request, "members/member_list.html", context, partial="results")


def _query_without_cursor(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("cursor", None)
    return params.urlencode()


@login_required
def member_export(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET or None, user=request.user)
    member_filter = form.member_filter()
    qs = selectors.member_queryset(request.user, member_filter, action=Action.EXPORT)
    rows = list(
        qs.order_by("person__name_sort_key", "person_id").values_list(
            "person__full_name",
            "person__birth_on",
            "person__gender",
            "person__citizen_id",
            "card_number",
            "status",
            "admitted_on",
            "official_on",
            "organization__name",
            "organization__code",
            "person__ethnicity",
            "person__religion",
            "person__theory_level",
        )
    )
    # Labels are lazy translations: openpyxl writes only plain values, so make them text.
    gender = {k: str(v) for k, v in Gender.choices}
    status = {k: str(v) for k, v in MemberStatus.choices}
    from .choices import TheoryLevel

    theory = {k: str(v) for k, v in TheoryLevel.choices}
    data = (
        (
            i,
            r[0],
            r[1],
            gender.get(r[2], ""),
            r[3],
            r[4],
            status.get(r[5], ""),
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            theory.get(r[12], ""),
        )
        for i, r in enumerate(rows, start=1)
    )
    today = timezone.localdate()
    scope_name = member_filter.organization.name if member_filter.organization else _("All")
    content = build_xlsx(
        title=_("Party members"),
        subtitle=_("%(scope)s · exported on %(date)s by %(user)s · %(n)s rows")
        % {
            "scope": scope_name,
            "date": today.strftime("%d/%m/%Y"),
            "user": request.user,
            "n": len(rows),
        },
        headers=[
            _("No."),
            _("Full name"),
            _("Date of birth"),
            _("Gender"),
            _("Citizen ID"),
            _("Party card number"),
            _("Status"),
            _("Admission decision date"),
            _("Official since"),
            _("Organization"),
            _("Organization code"),
            _("Ethnicity"),
            _("Religion"),
            _("Political theory level"),
        ],
        rows=data,
        widths=[6, 28, 13, 9, 15, 14, 20, 13, 13, 36, 14, 12, 12, 14],
        text_columns=(4, 5, 10),
    )
    record(
        actor=request.user,
        action="members.export",
        organization=member_filter.organization,
        changes={"filter": request.GET.dict(), "rows": len(rows)},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dang-vien-{today:%Y%m%d}.xlsx"'
    return response


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_for(
        request.user,
        Member.objects.select_related("person", "organization__kind", "host_organization"),
        pk,
        Action.VIEW,
    )
    record(actor=request.user, action="members.view", target=member)
    can_change = can(request.user, Action.CHANGE, member.organization_path) or can(
        request.user, Action.CHANGE, member.host_organization_path
    )
    context = {
        "nav": "members",
        "member": member,
        "person": member.person,
        "events": selectors.timeline(member),
        "party_age": selectors.party_age_of(member),
        "can_change": can_change,
        "event_kinds": _event_menu(member) if can_change else [],
        "ancestors": _ancestors(request, member),
        "can_readmit": can_change and member.status in READMISSIBLE_STATUSES,
        "admission_cases": scope(
            member.person.admission_cases.select_related("organization"), request.user, Action.VIEW
        ),
    }
    return render(request, "members/member_detail.html", context)


def _ancestors(request: HttpRequest, member: Member) -> list:
    from tcxd.organizations.selectors import ancestors_visible

    if member.organization is None:
        return []
    return [*ancestors_visible(request.user, member.organization), member.organization]


def _event_menu(member: Member) -> list[tuple[str, str]]:
    """The events that can follow now (the form re-checks everything)."""
    status = member.status
    kinds: list[str] = []
    if member.is_current:
        kinds.append(EventKind.TRANSFER)
        kinds.append(
            EventKind.TEMPORARY_RETURN
            if member.host_organization_id
            else EventKind.TEMPORARY_TRANSFER
        )
        if status == MemberStatus.PROBATIONARY:
            kinds.insert(0, EventKind.RECOGNISED_OFFICIAL)
        kinds.append(EventKind.EXEMPTION_ENDED if member.is_exempt else EventKind.EXEMPTED)
        kinds += [EventKind.DIED, EventKind.STRUCK_OFF, EventKind.LEFT]
        if status == MemberStatus.OFFICIAL:
            kinds.append(EventKind.EXPELLED)
    elif status in (MemberStatus.EXPELLED, MemberStatus.STRUCK_OFF, MemberStatus.LEFT):
        kinds.append(EventKind.READMITTED)
    elif status == MemberStatus.TRANSFERRED_AWAY:
        kinds.append(EventKind.TRANSFER)
    return [(k, str(EventKind(k).label)) for k in kinds]


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in EVENT_FIELDS:
        raise Http404
    member = get_for(
        request.user, Member.objects.select_related("person", "organization"), pk, Action.CHANGE
    )
    form = EventForm(
        request.POST or None,
        kind=kind,
        user=request.user,
        initial={"version": member.version, "occurred_on": timezone.localdate()},
    )
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_record_event(
                actor=request.user,
                member=member,
                kind=kind,
                occurred_on=data["occurred_on"],
                expected_version=data["version"],
                organization=data.get("organization"),
                decision_number=data.get("decision_number", ""),
                decision_on=data.get("decision_on"),
                external_place=data.get("external_place", ""),
                note=data.get("note", ""),
            )
        except DomainError as exc:
            error = exc
            for field, msgs in exc.fields.items():
                if field in form.fields:
                    for msg in msgs:
                        form.add_error(field, msg)
        else:
            messages.success(
                request,
                _("Recorded: %(event)s for %(name)s.")
                % {"event": EventKind(kind).label, "name": member.person.full_name},
            )
            return redirect(member.get_absolute_url())
    picked, picked_id = [], None
    if "organization" in form.fields and form.data.get("organization"):
        cells = form.fields["organization"]
        picked = (
            list(
                cells.queryset.filter(pk=form.data["organization"]).select_related("kind")  # type: ignore[attr-defined]
            )
            if str(form.data["organization"]).isdigit()
            else []
        )
        picked_id = picked[0].pk if picked else None
    context = {
        "nav": "members",
        "member": member,
        "form": form,
        "kind": kind,
        "kind_label": EventKind(kind).label,
        "error": error,
        "picked": picked,
        "picked_id": picked_id,
    }
    return render(request, "members/event_form.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_for(request.user, Member.objects.select_related("person"), pk, Action.CHANGE)
    person = member.person
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    initial["version"] = member.version
    form = PersonForm(request.POST or None, initial=initial)
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.person_update(
                actor=request.user, member=member, expected_version=version, data=data
            )
        except DomainError as exc:
            error = exc
            for field, msgs in exc.fields.items():
                if field in form.fields:
                    for msg in msgs:
                        form.add_error(field, msg)
        else:
            messages.success(request, _("Saved the personal details."))
            return redirect(member.get_absolute_url())
    context = {"nav": "members", "member": member, "form": form, "error": error}
    return render(request, "members/person_form.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.IMPORT):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_file(
            actor=request.user,
            upload=upload.file,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
    status = 400 if report is not None and not report.ok else 200
    return render(
        request,
        "members/import.html",
        {"nav": "import", "form": form, "report": report, "columns": column_headers()},
        status=status,
    )


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    content = build_template_xlsx(headers=column_headers(), example=TEMPLATE_EXAMPLE)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-dang-vien.xlsx"'
    return response
