"""The register, tasks and their roll-up, scope and bad input. Figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError
from tcxd.directives import selectors, services
from tcxd.directives.choices import AssignmentRole, AssignmentStatus, DocumentStatus
from tcxd.directives.models import Assignment, Document, DocumentType, Issuer, Report, Task
from tcxd.testing.factories import make_org

D = dt.date
KH_29_DATE = D(2022, 1, 14)
REPORT_DAY = D(2026, 3, 1)
pytestmark = pytest.mark.django_db


def doc(actor, org, symbol="29-KH/TU", on=KH_29_DATE, title="Về thực hiện Kết luận 21"):
    number, rest = symbol.split("-", 1)
    code, issuer = rest.split("/")
    return services.document_register(
        actor=actor,
        organization=org,
        data={
            "doc_type": DocumentType.objects.get(code=code),
            "number": number,
            "issuer": Issuer.objects.get(code=issuer),
            "issued_on": on,
            "issuing_body": "Ban Thường vụ Tỉnh ủy",
            "title": title,
        },
    )


def test_the_shipped_types_and_issuers_feed_the_recogniser(db):
    assert DocumentType.objects.get(code="CTr").words() == [
        "Chương trình",
        "Chương trình hành động",
    ]
    DocumentType.objects.create(code="QH", name="Quy hoạch")  # staff extend the list
    refs = selectors.references_in("Thực hiện Quy hoạch số 12-QH/TU, ngày 03/3/2024 của Tỉnh ủy")
    assert [(r.type, r.number, r.issuer, r.date) for r in refs] == [
        ("QH", "12", "TU", D(2024, 3, 3))
    ]


def test_register_and_its_term(tree, personas):
    kh = doc(personas.board_specialist, tree.root)
    assert kh.symbol == "29-KH/TU" and kh.term == "2020–2025"
    assert Issuer.objects.get(code="TW").term_of(D(2022, 6, 16)) == "2021–2026"
    assert AuditEntry.objects.filter(action="directives.document_registered").count() == 1


def test_duplicate_number_symbol_in_the_same_term_is_refused(tree, personas):
    doc(personas.board_specialist, tree.root)
    with pytest.raises(DomainError) as err:
        doc(personas.board_specialist, tree.root, on=D(2023, 5, 2))
    assert err.value.code == "duplicate_symbol"
    assert "29-KH/TU" in err.value.message and "14/01/2022" in err.value.message
    # The same number in the next term is a different document.
    doc(personas.board_specialist, tree.root, on=D(2025, 11, 3))
    assert Document.objects.count() == 2


def test_bad_document_input(tree, personas):
    with pytest.raises(DomainError) as err:
        doc(personas.board_specialist, tree.root, symbol="2a-KH/TU")
    assert err.value.code == "bad_number"
    future = timezone.localdate() + dt.timedelta(days=3)
    with pytest.raises(DomainError) as err:
        doc(personas.board_specialist, tree.root, on=future)
    assert err.value.code == "future_date"
    with pytest.raises(DomainError) as err:  # a commune officer cannot write the city's register
        doc(personas.ward_officer, tree.root)
    assert err.value.code == "forbidden"
    assert not Document.objects.exists()


def test_links_and_the_chain(tree, personas):
    user = personas.board_specialist
    kl = doc(user, tree.root, "21-KL/TW", D(2021, 10, 25), "Về đẩy mạnh xây dựng, chỉnh đốn Đảng")
    kh = doc(user, tree.root, "29-KH/TU", D(2022, 1, 14))
    new = doc(user, tree.root, "35-KH/TU", D(2022, 6, 1))
    services.document_link(actor=user, source=kh, target=kl, kind="implements")
    assert [(kind, d.symbol) for kind, d in selectors.chain_up(kh)] == [("implements", "21-KL/TW")]
    with pytest.raises(DomainError) as err:
        services.document_link(actor=user, source=kl, target=kh, kind="implements")
    assert err.value.code in ("circular_link", "link_to_newer")
    services.document_link(actor=user, source=new, target=kh, kind="replaces")
    kh.refresh_from_db()
    assert kh.status == DocumentStatus.REPLACED and kh.expired_on == D(2022, 6, 1)


def test_a_commune_sees_the_city_register_but_writes_its_own(tree, personas):
    doc(personas.board_specialist, tree.root)
    other = make_org(tree.root, "commune_committee", "T-PX", "Đảng bộ phường Phú Xuân")
    doc(personas.admin, other, "5-NQ/ĐU", D(2024, 2, 1))
    seen = {d.symbol for d in selectors.visible_documents(personas.ward_officer)}
    assert seen == {"29-KH/TU"}  # the city's, not another commune's


def _three_levels(tree, personas):
    """The city gives the agency and the ward a task; the agency splits its part between
    the department and a second office; the department splits its part to its cell."""
    user = personas.admin
    office = make_org(tree.agency, "grassroots_committee", "T-UB-VP", "Đảng bộ Văn phòng UBND")
    top = services.task_assign(
        actor=user,
        assigned_by=tree.root,
        title="Rà soát, kiện toàn chi bộ",
        deadline=D(2026, 12, 31),
        leads=[tree.agency, tree.ward],
        assigned_on=D(2026, 1, 5),
    )
    agency_part = top.assignments.get(organization=tree.agency)
    level2 = services.task_assign(
        actor=user,
        assigned_by=tree.agency,
        title="Rà soát ở các đảng bộ cơ sở",
        deadline=D(2026, 11, 30),
        leads=[tree.department, office],
        parent=agency_part,
        assigned_on=D(2026, 1, 10),
    )
    department_part = level2.assignments.get(organization=tree.department)
    level3 = services.task_assign(
        actor=user,
        assigned_by=tree.department,
        title="Rà soát ở chi bộ Văn phòng Sở",
        deadline=D(2026, 10, 31),
        leads=[tree.department_cell],
        parent=department_part,
        assigned_on=D(2026, 1, 15),
    )
    return top, level2, level3, office


def report(user, assignment, progress, on=REPORT_DAY):
    assignment.refresh_from_db()
    return services.progress_report(
        actor=user,
        assignment=assignment,
        expected_version=assignment.version,
        progress=progress,
        text="Đã thực hiện",
        reported_on=on,
    )


def test_progress_rolls_up_through_three_levels(tree, personas):
    top, level2, level3, office = _three_levels(tree, personas)
    user = personas.admin
    cell_part = level3.assignments.get()
    report(user, cell_part, 60)
    report(user, level2.assignments.get(organization=office), 20)
    report(user, top.assignments.get(organization=tree.ward), 90)
    # By hand: department = its one sub-task = 60; the agency = mean(60, 20) = 40;
    # the city task = mean(agency 40, ward 90) = 65.
    get = lambda task, org: task.assignments.get(organization=org).progress  # noqa: E731
    assert get(level2, tree.department) == 60
    assert get(top, tree.agency) == 40
    assert selectors.task_progress(Task.objects.get(pk=top.pk)) == 65
    # A split task takes its percent from its parts: a typed percent is not kept.
    report(user, top.assignments.get(organization=tree.agency), 99)
    assert get(top, tree.agency) == 40
    # The cell reports done: 100 → department 100 → agency mean(100, 20) = 60.
    cell_part.refresh_from_db()
    services.mark_done(
        actor=user, assignment=cell_part, expected_version=cell_part.version, done_on=D(2026, 4, 1)
    )
    assert get(top, tree.agency) == 60
    assert selectors.task_progress(Task.objects.get(pk=top.pk)) == 75
    # The department cannot report done while the office's part is open? Its own part
    # has only the cell's sub-task, which is done: allowed.
    dep = level2.assignments.get(organization=tree.department)
    services.mark_done(
        actor=user, assignment=dep, expected_version=dep.version, done_on=D(2026, 4, 2)
    )
    agency = top.assignments.get(organization=tree.agency)
    with pytest.raises(DomainError) as err:  # the office's part is still open
        services.mark_done(actor=user, assignment=agency, expected_version=agency.version)
    assert err.value.code == "parts_open" and "Văn phòng UBND" in err.value.message


def test_sub_task_rules(tree, personas):
    top, _level2, _level3, _office = _three_levels(tree, personas)
    ward_part = top.assignments.get(organization=tree.ward)
    with pytest.raises(DomainError) as err:  # after the parent's deadline
        services.task_assign(
            actor=personas.admin,
            assigned_by=tree.ward,
            title="Phần việc",
            deadline=D(2027, 1, 15),
            leads=[tree.cell1],
            parent=ward_part,
        )
    assert err.value.code == "after_parent_deadline"
    with pytest.raises(DomainError) as err:  # only the assignee splits its task
        services.task_assign(
            actor=personas.admin,
            assigned_by=tree.commune,
            title="Phần việc",
            deadline=D(2026, 12, 1),
            leads=[tree.commune_cell],
            parent=ward_part,
        )
    assert err.value.code == "not_own_task"


def test_bad_task_input(tree, personas):
    user = personas.board_specialist
    kh = doc(user, tree.root)
    base = dict(actor=user, assigned_by=tree.root, title="Báo cáo kết quả", document=kh)
    with pytest.raises(DomainError) as err:
        services.task_assign(
            **base, deadline=D(2021, 12, 31), leads=[tree.ward], assigned_on=D(2021, 12, 1)
        )
    assert err.value.code == "deadline_before_document" and "14/01/2022" in err.value.message
    with pytest.raises(DomainError) as err:  # a commune officer assigns outside its scope
        services.task_assign(
            actor=personas.ward_officer,
            assigned_by=tree.ward,
            title="Việc",
            deadline=D(2030, 1, 1),
            leads=[tree.commune_cell],
        )
    assert err.value.code == "outside_assigner"
    with pytest.raises(DomainError) as err:  # the ward officer may not assign for the city
        services.task_assign(
            actor=personas.ward_officer,
            assigned_by=tree.root,
            title="Việc",
            deadline=D(2030, 1, 1),
            leads=[tree.ward],
        )
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError) as err:
        services.task_assign(
            actor=user,
            assigned_by=tree.root,
            title="Việc",
            deadline=D(2030, 1, 1),
            leads=[tree.dissolved_cell],
        )
    assert err.value.code == "dissolved"
    assert not Task.objects.exists()


def test_a_commune_sees_its_tasks_and_below_the_board_sees_all(tree, personas):
    top, level2, level3, _office = _three_levels(tree, personas)
    other = services.task_assign(
        actor=personas.admin,
        assigned_by=tree.root,
        title="Việc của xã Bình Điền",
        deadline=D(2026, 12, 31),
        leads=[tree.commune],
    )
    ward = set(selectors.visible_tasks(personas.ward_officer))
    assert ward == {top}
    assert {a.organization for a in selectors.visible_assignments(personas.ward_officer)} == {
        tree.ward
    }
    assert set(selectors.visible_tasks(personas.board_specialist)) == {top, level2, level3, other}
    assert set(selectors.visible_tasks(personas.outsider)) == {other}


def test_overdue_one_off_and_recurring(tree, personas):
    user = personas.admin
    once = services.task_assign(
        actor=user,
        assigned_by=tree.root,
        title="Báo cáo sơ kết",
        deadline=D(2026, 3, 31),
        leads=[tree.ward, tree.commune],
        assigned_on=D(2026, 1, 2),
    )
    monthly = services.task_assign(
        actor=user,
        assigned_by=tree.root,
        title="Báo cáo tháng",
        deadline=D(2026, 1, 25),
        recurrence="monthly",
        recurring_until=D(2026, 6, 25),
        leads=[tree.ward],
        assigned_on=D(2026, 1, 2),
    )
    assert list(selectors.due_dates(monthly))[:3] == [
        D(2026, 1, 25),
        D(2026, 2, 25),
        D(2026, 3, 25),
    ]
    ward_monthly = monthly.assignments.get()
    report(user, ward_monthly, 10, on=D(2026, 1, 20))
    report(user, ward_monthly, 20, on=D(2026, 3, 1))  # February's report was late: counts for March
    ward_once = once.assignments.get(organization=tree.ward)
    services.mark_done(actor=user, assignment=ward_once, expected_version=1, done_on=D(2026, 3, 30))
    today = D(2026, 4, 10)
    assert selectors.missed_reports(ward_monthly, today) == [D(2026, 2, 25)]
    assert selectors.missed_reports(ward_once, today) == []
    late = selectors.overdue_assignments(Assignment.objects.all(), today)
    assert {(a.task.title, a.organization.name) for a in late} == {
        ("Báo cáo sơ kết", tree.commune.name),
        ("Báo cáo tháng", tree.ward.name),
    }


def test_accept_and_return(tree, personas):
    task = services.task_assign(
        actor=personas.board_specialist,
        assigned_by=tree.root,
        title="Báo cáo",
        deadline=D(2030, 3, 31),
        leads=[tree.ward],
    )
    part = task.assignments.get()
    report(personas.ward_officer, part, 50, on=timezone.localdate())
    part.refresh_from_db()
    services.mark_done(actor=personas.ward_officer, assignment=part, expected_version=part.version)
    part.refresh_from_db()
    with pytest.raises(DomainError):  # the ward cannot accept its own work
        services.review_done(
            actor=personas.ward_officer, assignment=part, expected_version=part.version, accept=True
        )
    with pytest.raises(DomainError) as err:
        services.review_done(
            actor=personas.board_leader,
            assignment=part,
            expected_version=part.version,
            accept=False,
        )
    assert err.value.code == "no_reason"
    services.review_done(
        actor=personas.board_leader,
        assignment=part,
        expected_version=part.version,
        accept=False,
        text="Thiếu số liệu",
    )
    part.refresh_from_db()
    assert part.status == AssignmentStatus.RETURNED and part.progress == 50 and part.done_on is None
    assert list(Report.objects.filter(assignment=part).values_list("kind", flat=True)) == [
        "progress",
        "done",
        "returned",
    ]
    assert part.role == AssignmentRole.LEAD
