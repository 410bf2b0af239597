"""Rows of the permission matrix (tcxd/tests/test_permission_matrix.py) for the register,
task and work programme pages. The objects, made once per test and kept on the matrix's
``World``: Kế hoạch 29-KH/TU in the city's register (with a file), implementing 21-KL/TW;
a task the city gave to the ward and to the other commune, with the ward's progress
report (with a file); an item of the city's work programme.

- the register: every document of the registers of the user's organizations and of those
  above them is visible (the city's plan: to everyone signed in); registering needs
  ``Action.CHANGE`` somewhere (board leader and standing deputy secretary: 404), editing
  and linking the city's plan ``Action.CHANGE`` at the city;
- a task: seen by the assigner's subtree and by each assignee's (not by the cell
  secretary, whose cell was given nothing); an assignment: by the assigner's subtree and
  the assignee's (not by the other commune); reporting: ``Action.CHANGE`` at the assignee;
- assigning from the city, the city's work programme: ``Action.CHANGE`` at the city.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tcxd.accounts.models import User
from tcxd.organizations.models import Organization

from ..models import Assignment, Document, DocumentType, Issuer, Report, Task, WorkItem

VIEW_ROOT = {"admin", "board_leader", "board_specialist", "deputy_secretary"}
CITY_CHANGERS = {"admin", "board_specialist"}
# Action.CHANGE somewhere: they have a register, a programme, organizations to assign to.
CHANGERS = {"admin", "board_specialist", "ward_officer", "cell_secretary", "outsider"}
PLAN_FILE = "directives/matrix/29-KH-TU.txt"
REPORT_FILE = "directives/matrix/bao-cao.txt"


@dataclasses.dataclass
class DirectiveObjects:
    plan: Document
    task: Task
    ward_part: Assignment
    report: Report
    item: WorkItem


def _stored(name: str) -> str:
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"Ke hoach 29-KH/TU"))
    return name


def directive_objects(world: Any) -> DirectiveObjects:
    cached = getattr(world, "_directives", None)
    if cached is not None:
        return cached
    root = Organization.objects.get(path=world.ward.path[: Organization.steplen])
    commune = Organization.objects.get(code="T-BD")
    admin = User.objects.filter(is_superuser=True).get()

    def document(code: str, number: str, issuer: str, on: dt.date, title: str) -> Document:
        return Document.objects.create(
            doc_type=DocumentType.objects.get(code=code),
            number=number,
            issuer=Issuer.objects.get(code=issuer),
            term="2020–2025",
            issuing_body="Ban Thường vụ Tỉnh ủy",
            issued_on=on,
            title=title,
            organization=root,
            organization_path=root.path,
            registered_by=admin,
        )

    document("KL", "21", "TW", dt.date(2021, 10, 25), "Về đẩy mạnh xây dựng, chỉnh đốn Đảng")
    plan = document("KH", "29", "TU", dt.date(2022, 1, 14), "Thực hiện Kết luận số 21-KL/TW")
    plan.file.name = _stored(PLAN_FILE)
    plan.save(update_fields=["file"])
    task = Task.objects.create(
        title="Rà soát, kiện toàn chi bộ",
        document=plan,
        assigned_by=root,
        assigned_by_path=root.path,
        assigned_on=dt.date(2026, 1, 5),
        deadline=dt.date(2026, 12, 31),
        created_by=admin,
    )
    ward_part = Assignment.objects.create(
        task=task, organization=world.ward, organization_path=world.ward.path
    )
    Assignment.objects.create(task=task, organization=commune, organization_path=commune.path)
    report = Report.objects.create(
        assignment=ward_part,
        kind="progress",
        reported_on=dt.date(2026, 2, 1),
        progress=30,
        text="Đã rà soát",
        file=_stored(REPORT_FILE),
        recorded_by=admin,
    )
    item = WorkItem.objects.create(
        organization=root,
        organization_path=root.path,
        year=2026,
        month=3,
        title="Sơ kết quý I",
        owner="Phòng Tổ chức cơ sở đảng",
    )
    world._directives = DirectiveObjects(plan, task, ward_part, report, item)
    return world._directives


def plan_pk(w: Any) -> dict[str, Any]:
    return {"pk": directive_objects(w).plan.pk}


def ward_part_pk(w: Any) -> dict[str, Any]:
    return {"pk": directive_objects(w).ward_part.pk}


def item_pk(w: Any) -> dict[str, Any]:
    return {"pk": directive_objects(w).item.pk}


def plan_edit_data(w: Any) -> dict[str, Any]:
    plan = directive_objects(w).plan
    return {
        "doc_type": str(plan.doc_type_id),
        "number": "29",
        "issuer": str(plan.issuer_id),
        "issued_on": "14/01/2022",
        "term": "2020–2025",
        "issuing_body": "Ban Thường vụ Tỉnh ủy",
        "title": "Thực hiện Kết luận số 21-KL/TW (sửa)",
        "status": "in_force",
        "expired_on": "",
        "version": str(plan.version),
    }


def task_data(w: Any) -> dict[str, Any]:
    directive_objects(w)
    return {
        "title": "Báo cáo kết quả",
        "deadline": "31/12/2099",
        "recurrence": "",
        "leads": [str(w.ward.pk)],
    }


def item_data(w: Any) -> dict[str, Any]:
    item = directive_objects(w).item
    return {
        "year": "2026",
        "month": "4",
        "title": "Hội nghị chuyên đề",
        "owner": "Phòng Tổ chức",
        "status": "planned",
        "document_symbol": "29-KH/TU",
        "version": str(item.version),
    }


def directive_rows(Row: Any, statuses: Any) -> list[Any]:
    """Without ``?by=`` or ``?org=`` a form acts for the user's own organization (the
    highest one where a role with ``Action.CHANGE`` is held)."""
    return [
        Row("directives-documents", "directives:documents", "GET", statuses(True, 200)),
        Row(
            "directives-documents-search",
            "directives:documents",
            "GET",
            statuses(True, 200),
            query="q=29-kh/tu",
        ),
        Row(
            "directives-document-new",
            "directives:document_new",
            "GET",
            statuses(True, 200, CHANGERS),
        ),
        Row(
            "directives-document-prefill",
            "directives:document_new",
            "POST",
            statuses(True, 200, CHANGERS),
            data=lambda w: {"first_page": "KẾ HOẠCH\nvề công tác cán bộ", "prefill": "1"},
        ),
        Row(
            "directives-document",
            "directives:document",
            "GET",
            statuses(True, 200),
            kwargs=plan_pk,
        ),
        Row(
            "directives-document-file",
            "directives:document_file",
            "GET",
            statuses(True, 200),
            kwargs=plan_pk,
        ),
        Row(
            "directives-document-edit",
            "directives:document_edit",
            "GET",
            statuses(True, 200, CITY_CHANGERS),
            kwargs=plan_pk,
        ),
        Row(
            "directives-document-edit-post",
            "directives:document_edit",
            "POST",
            statuses(True, 302, CITY_CHANGERS),
            kwargs=plan_pk,
            data=plan_edit_data,
        ),
        Row(
            "directives-document-link",
            "directives:document_link",
            "POST",
            statuses(True, 302, CITY_CHANGERS),
            kwargs=plan_pk,
            data=lambda w: {"kind": "implements", "symbol": "21-KL/TW"},
        ),
        # Everyone signed in has a tasks page (of the highest organization they see).
        Row("directives-tasks", "directives:tasks", "GET", statuses(True, 200)),
        Row(
            "directives-tasks-ward",
            "directives:tasks",
            "GET",
            statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
            query="org={ward}&tab=out",
        ),
        Row(
            "directives-task-new",
            "directives:task_new",
            "GET",
            statuses(True, 200, CHANGERS),
        ),
        Row(
            "directives-task-new-post",
            "directives:task_new",
            "POST",
            # Given to the ward: only the city's staff assign to it; for the others the
            # ward is not below their organization, which the form says (400).
            statuses(True, 302, CHANGERS, ward_officer=400, cell_secretary=400, outsider=400),
            data=task_data,
        ),
        Row(
            "directives-assignee-pick",
            "directives:assignee_pick",
            "GET",
            statuses(True, 200, CHANGERS),
            query="field=leads&leads_q=to+dan+pho",
        ),
        Row(
            "directives-task",
            "directives:task",
            "GET",
            statuses(True, 200, VIEW_ROOT | {"ward_officer", "outsider"}),
            kwargs=lambda w: {"pk": directive_objects(w).task.pk},
        ),
        Row(
            "directives-assignment",
            "directives:assignment",
            "GET",
            statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
            kwargs=ward_part_pk,
        ),
        Row(
            "directives-assignment-report",
            "directives:assignment",
            "POST",
            # Viewers who may not record (board leader, deputy secretary): 404.
            statuses(True, 302, {"admin", "board_specialist", "ward_officer"}),
            kwargs=ward_part_pk,
            data=lambda w: {
                "do": "progress",
                "progress": "50",
                "text": "Đã rà soát",
                "version": str(directive_objects(w).ward_part.version),
            },
        ),
        Row(
            "directives-report-file",
            "directives:report_file",
            "GET",
            statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
            kwargs=lambda w: {"pk": directive_objects(w).report.pk},
        ),
        Row("directives-programme", "directives:programme", "GET", statuses(True, 200)),
        Row(
            "directives-programme-year",
            "directives:programme",
            "GET",
            statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
            query="org={ward}&view=year",
        ),
        Row(
            "directives-work-item-new",
            "directives:work_item_new",
            "GET",
            statuses(True, 200, CHANGERS),
        ),
        Row(
            "directives-work-item-new-post",
            "directives:work_item_new",
            "POST",
            statuses(True, 302, CHANGERS),
            data=item_data,
        ),
        Row(
            "directives-work-item-edit",
            "directives:work_item_edit",
            "GET",
            statuses(True, 200, CITY_CHANGERS),
            kwargs=item_pk,
        ),
        Row(
            "directives-work-item-edit-post",
            "directives:work_item_edit",
            "POST",
            statuses(True, 302, CITY_CHANGERS),
            kwargs=item_pk,
            data=item_data,
        ),
        Row(
            "directives-work-item-status",
            "directives:work_item_status",
            "POST",
            statuses(True, 302, CITY_CHANGERS),
            kwargs=item_pk,
            data=lambda w: {"status": "done", "version": str(directive_objects(w).item.version)},
        ),
    ]
