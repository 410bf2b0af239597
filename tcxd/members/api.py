from __future__ import annotations

import datetime as dt
from typing import BinaryIO, cast

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can_anywhere, get_for
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.organizations.models import Organization

from . import selectors
from .forms import MemberFilterForm
from .imports import import_file
from .models import Member

router = Router(tags=["members"])


class MemberRowOut(Schema):
    id: int
    full_name: str
    birth_on: dt.date | None
    gender: str
    status: str
    organization_id: int | None
    organization_name: str | None
    admitted_on: dt.date


class MemberPageOut(Schema):
    count: int
    next_cursor: str | None
    prev_cursor: str | None
    results: list[MemberRowOut]


class EventOut(Schema):
    kind: str
    occurred_on: dt.date
    decision_number: str
    decision_on: dt.date | None
    organization_id: int | None
    from_organization_id: int | None
    external_place: str
    note: str


class MemberOut(Schema):
    id: int
    full_name: str
    birth_on: dt.date | None
    gender: str
    ethnicity: str
    religion: str
    hometown: str
    citizen_id: str | None
    education: str
    professional_level: str
    theory_level: str
    occupation: str
    card_number: str | None
    status: str
    status_since: dt.date
    organization_id: int | None
    host_organization_id: int | None
    is_exempt: bool
    admitted_on: dt.date
    official_on: dt.date | None
    version: int


class ProblemOut(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    ok: bool
    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    problems: list[ProblemOut]


def _page(request: HttpRequest, params: dict[str, str], org: Organization | None = None) -> dict:
    form = MemberFilterForm(params, user=request.user)
    if not form.is_valid():
        raise DomainError(
            "invalid",
            "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items()),
            fields={k: [str(m) for m in v] for k, v in form.errors.items()},
        )
    member_filter = form.member_filter()
    page, total = selectors.list_page(request.user, member_filter, cursor=params.get("cursor", ""))
    return {
        "count": total,
        "next_cursor": page.next_cursor,
        "prev_cursor": page.prev_cursor,
        "results": [
            {
                "id": r["id"],
                "full_name": r["person__full_name"],
                "birth_on": r["person__birth_on"],
                "gender": r["person__gender"],
                "status": r["status"],
                "organization_id": r["organization_id"],
                "organization_name": r["organization__name"],
                "admitted_on": r["admitted_on"],
            }
            for r in page.rows
        ],
    }


@router.get("", response=MemberPageOut)
def member_list(
    request: HttpRequest,
    q: str = "",
    status: str = "",
    gender: str = "",
    age: str = "",
    org: int | None = None,
    on: str = "",
    cursor: str = "",
) -> dict:
    """Members in Vietnamese name order, 50 a page; follow ``next_cursor``."""
    params = {
        "q": q,
        "status": status,
        "gender": gender,
        "age": age,
        "org": str(org or ""),
        "on": on,
        "cursor": cursor,
    }
    return _page(request, params)


@router.get("/organizations/{int:org_id}", response=MemberPageOut)
def members_of_organization(
    request: HttpRequest, org_id: int, on: str = "", cursor: str = ""
) -> dict:
    """The members of an organization's subtree (on a date, if given)."""
    get_for(request.user, Organization, org_id, Action.VIEW)
    return _page(request, {"org": str(org_id), "on": on, "cursor": cursor})


@router.get("/{int:member_id}", response=MemberOut)
def member_detail(request: HttpRequest, member_id: int) -> dict:
    member = get_for(request.user, Member.objects.select_related("person"), member_id, Action.VIEW)
    record(actor=request.user, action="members.view", target=member, changes={"via": "api"})
    p = member.person
    return {
        "id": member.pk,
        "full_name": p.full_name,
        "birth_on": p.birth_on,
        "gender": p.gender,
        "ethnicity": p.ethnicity,
        "religion": p.religion,
        "hometown": p.hometown,
        "citizen_id": p.citizen_id,
        "education": p.education,
        "professional_level": p.professional_level,
        "theory_level": p.theory_level,
        "occupation": p.occupation,
        "card_number": member.card_number,
        "status": member.status,
        "status_since": member.status_since,
        "organization_id": member.organization_id,
        "host_organization_id": member.host_organization_id,
        "is_exempt": member.is_exempt,
        "admitted_on": member.admitted_on,
        "official_on": member.official_on,
        "version": member.version,
    }


@router.get("/{int:member_id}/events", response=list[EventOut])
def member_events(request: HttpRequest, member_id: int) -> list:
    member = get_for(request.user, Member, member_id, Action.VIEW)
    return selectors.timeline(member)


@router.post("/import", response={200: ImportOut, 400: ImportOut})
def member_import(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False
) -> Status[dict]:
    """Import a .xlsx or .csv file: all or nothing, problems by row and column."""
    if not can_anywhere(request.user, Action.IMPORT):
        raise Http404  # as on the import page: a role without imports does not see the route
    report = import_file(
        actor=request.user,
        upload=cast(BinaryIO, file.file),
        filename=file.name or "",
        dry_run=dry_run,
    )
    body = {
        "ok": report.ok,
        "dry_run": report.dry_run,
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "problems": [
            {"row": p.row, "column": p.column, "message": p.message} for p in report.problems
        ],
    }
    return Status(200 if report.ok else 400, body)
