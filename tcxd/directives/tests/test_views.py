"""Register, task and work programme pages through the test client: who sees what, the
forms, the refusals shown beside the fields, the first-page pre-fill."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tcxd.directives import services
from tcxd.directives.choices import AssignmentStatus, WorkItemStatus
from tcxd.directives.models import (
    Document,
    DocumentLink,
    DocumentType,
    Issuer,
    Task,
    WorkItem,
)

from .test_firstpage import PLAN

D = dt.date
KH_DATE = D(2022, 1, 14)
pytestmark = pytest.mark.django_db


def register(
    user, org, symbol="29-KH/TU", on=KH_DATE, title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng"
):
    number, rest = symbol.split("-", 1)
    code, issuer = rest.split("/")
    return services.document_register(
        actor=user,
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


def form_data(**extra):
    data = {
        "organization": "",
        "doc_type": str(DocumentType.objects.get(code="KH").pk),
        "number": "29",
        "issuer": str(Issuer.objects.get(code="TU").pk),
        "issued_on": "14/01/2022",
        "term": "",
        "issuing_body": "Ban Thường vụ Tỉnh ủy",
        "title": "Thực hiện Kết luận số 21-KL/TW",
        "link_kind": "",
        "link_symbol": "",
        "save": "1",
    }
    data.update(extra)
    return data


def assign(user, by, leads, *, deadline, assigned_on=None, document=None, title="Rà soát chi bộ"):
    return services.task_assign(
        actor=user,
        assigned_by=by,
        title=title,
        deadline=deadline,
        leads=leads,
        document=document,
        assigned_on=assigned_on,
    )


def test_the_register_lists_searches_and_filters(client, tree, personas):
    register(personas.board_specialist, tree.root)
    register(
        personas.board_specialist,
        tree.root,
        "21-KL/TW",
        D(2021, 10, 25),
        "Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    )
    register(
        personas.board_specialist,
        tree.root,
        "05-CT/TW",
        D(2016, 5, 15),
        "Về học tập và làm theo tư tưởng Hồ Chí Minh",
    )
    client.force_login(personas.ward_officer)  # the city's register is seen below it
    url = reverse("directives:documents")

    def symbols(**query):
        return {d.symbol for d in client.get(url, query).context["page"]}

    assert symbols() == {"29-KH/TU", "21-KL/TW", "05-CT/TW"}
    assert symbols(q="29 - kh/tu") == {"29-KH/TU"}  # lower case, spaces
    assert symbols(q="lam theo tu tuong") == {"05-CT/TW"}  # words, no diacritics
    assert symbols(q="chỉnh đốn") == {"29-KH/TU", "21-KL/TW"}
    assert symbols(doc_type=DocumentType.objects.get(code="KL").pk) == {"21-KL/TW"}
    assert symbols(year="2016") == {"05-CT/TW"}
    assert symbols(status="expired") == set()
    page = client.get(url).content.decode()
    assert page.count('href="/directives/') >= 3


def test_a_commune_does_not_see_another_communes_register(client, tree, personas):
    own = register(personas.outsider, tree.commune, "5-NQ/ĐU", D(2024, 2, 1))
    client.force_login(personas.ward_officer)
    assert client.get(own.get_absolute_url()).status_code == 404
    client.force_login(personas.outsider)
    assert client.get(own.get_absolute_url()).status_code == 200


def test_first_page_prefill_round_trip(client, tree, personas):
    kl = register(personas.board_specialist, tree.root, "21-KL/TW", D(2021, 10, 25))
    client.force_login(personas.board_specialist)
    url = reverse("directives:document_new")
    response = client.post(url, {"first_page": PLAN, "prefill": "1"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["number"] == "29"
    assert form.initial["doc_type"] == DocumentType.objects.get(code="KH").pk
    assert form.initial["issuer"] == Issuer.objects.get(code="TU").pk
    assert form.initial["issued_on"] == "14/01/2022"
    assert form.initial["term"] == "2020–2025"  # TU terms from 2020 (the issuer's data)
    assert form.initial["issuing_body"] == "Ban Thường vụ Tỉnh ủy Thừa Thiên Huế"
    assert form.initial["title"].startswith("Thực hiện Kết luận số 21-KL/TW")
    assert (form.initial["link_kind"], form.initial["link_symbol"]) == ("implements", "21-KL/TW")
    page = response.content.decode()
    assert 'value="14/01/2022"' in page and "Ban Thường vụ Tỉnh ủy Thừa Thiên Huế" in page
    # Saving what was filled in registers the document and its link.
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["organization"] = tree.root.pk
    data["save"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    kh = Document.objects.get(number="29")
    assert (kh.symbol, kh.issued_on, kh.term) == ("29-KH/TU", D(2022, 1, 14), "2020–2025")
    assert DocumentLink.objects.filter(source=kh, target=kl, kind="implements").exists()
    page = client.get(kh.get_absolute_url()).content.decode()
    assert "21-KL/TW" in page  # the chain upwards


def test_prefill_with_nothing_recognised_says_so(client, tree, personas):
    client.force_login(personas.board_specialist)
    response = client.post(
        reverse("directives:document_new"), {"first_page": "xin chào", "prefill": "1"}
    )
    assert response.status_code == 200
    assert "Không nhận ra" in response.content.decode()
    assert not Document.objects.exists()


def test_the_register_form_refuses_a_duplicate_symbol(client, tree, personas):
    register(personas.board_specialist, tree.root)
    client.force_login(personas.board_specialist)
    response = client.post(
        reverse("directives:document_new"),
        form_data(organization=tree.root.pk, issued_on="02/05/2023"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "29-KH/TU của nhiệm kỳ 2020–2025 đã có trong sổ (ngày 14/01/2022)" in page
    assert response.context["form"].errors["number"] == ["Số này đã dùng trong nhiệm kỳ."]
    assert Document.objects.count() == 1


def test_a_link_to_a_document_not_in_the_register_is_refused_and_nothing_is_saved(
    client, tree, personas
):
    client.force_login(personas.board_specialist)
    response = client.post(
        reverse("directives:document_new"),
        form_data(organization=tree.root.pk, link_kind="implements", link_symbol="99-KL/TW"),
    )
    assert response.status_code == 400
    assert "99-KL/TW chưa có trong sổ" in response.content.decode()
    assert not Document.objects.exists()


def test_a_link_to_a_newer_document_is_refused_and_the_document_is_not_kept(client, tree, personas):
    register(personas.board_specialist, tree.root, "35-KH/TU", D(2022, 6, 1))
    client.force_login(personas.board_specialist)
    response = client.post(
        reverse("directives:document_new"),
        form_data(organization=tree.root.pk, link_kind="implements", link_symbol="35-KH/TU"),
    )
    assert response.status_code == 400
    assert "35-KH/TU" in response.context["error"].message
    assert Document.objects.count() == 1  # the register and the link: both or neither


def test_edit_with_a_stale_version_is_refused(client, tree, personas):
    kh = register(personas.board_specialist, tree.root)
    client.force_login(personas.board_specialist)
    url = reverse("directives:document_edit", args=[kh.pk])
    data = form_data(status="in_force", expired_on="", version=str(kh.version))
    data.pop("save")
    assert client.post(url, {**data, "title": "Trích yếu mới"}).status_code == 302
    response = client.post(url, {**data, "title": "Trích yếu khác"})  # the old version
    assert response.status_code == 400
    assert "Người khác đã sửa" in response.content.decode()
    kh.refresh_from_db()
    assert kh.title == "Trích yếu mới"
    # A commune officer may read the city's document, not edit it.
    client.force_login(personas.ward_officer)
    assert client.get(kh.get_absolute_url()).status_code == 200
    assert client.get(url).status_code == 404


def test_add_a_link_on_the_document_page(client, tree, personas):
    kl = register(personas.board_specialist, tree.root, "21-KL/TW", D(2021, 10, 25))
    kh = register(personas.board_specialist, tree.root)
    client.force_login(personas.board_specialist)
    url = reverse("directives:document_link", args=[kh.pk])
    client.post(url, {"kind": "implements", "symbol": "21-kl/tw"})
    assert DocumentLink.objects.filter(source=kh, target=kl).exists()
    page = client.get(kl.get_absolute_url()).content.decode()
    assert "29-KH/TU" in page  # below it


def test_assign_a_task_to_three_organizations_from_a_document(client, tree, personas):
    kh = register(personas.board_specialist, tree.root)
    client.force_login(personas.board_specialist)
    url = reverse("directives:task_new") + f"?document={kh.pk}"
    page = client.get(url).content.decode()
    for org in (tree.ward, tree.commune, tree.agency):  # the children, as checkboxes
        assert f'name="leads" value="{org.pk}"' in page
    deadline = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(
        url,
        {
            "by": tree.root.pk,
            "title": "Xây dựng kế hoạch thực hiện",
            "expected_product": "Kế hoạch của cấp ủy",
            "deadline": deadline.strftime("%d/%m/%Y"),
            "recurrence": "",
            "leads": [tree.ward.pk, tree.commune.pk, tree.agency.pk],
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.document == kh and task.assignments.count() == 3
    page = client.get(kh.get_absolute_url()).content.decode()
    assert "Xây dựng kế hoạch thực hiện" in page


def test_a_deadline_before_the_document_date_is_refused(client, tree, personas):
    kh = register(personas.board_specialist, tree.root)
    client.force_login(personas.board_specialist)
    response = client.post(
        reverse("directives:task_new") + f"?document={kh.pk}",
        {"by": tree.root.pk, "title": "Việc", "deadline": "10/01/2022", "leads": [tree.ward.pk]},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["deadline"] == ["Trước ngày của văn bản."]
    assert "10/01/2022" in response.content.decode() and "14/01/2022" in response.content.decode()
    assert not Task.objects.exists()


def test_a_task_to_an_organization_outside_the_assigner_is_refused(client, tree, personas):
    client.force_login(personas.board_specialist)
    deadline = (timezone.localdate() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("directives:task_new") + f"?by={tree.ward.pk}",
        {
            "by": tree.ward.pk,
            "title": "Việc",
            "deadline": deadline,
            "leads": [tree.commune_cell.pk],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chi bộ thôn Bình Thành không ở dưới Đảng bộ phường An Hòa" in page
    assert not Task.objects.exists()
    # The ward officer cannot even open the form for the commune (outside the scope).
    client.force_login(personas.ward_officer)
    assert client.get(reverse("directives:task_new") + f"?by={tree.commune.pk}").status_code == 404


def test_the_assignee_search_lists_organizations_further_down(client, tree, personas):
    client.force_login(personas.board_specialist)
    url = reverse("directives:assignee_pick")
    page = client.get(url, {"by": tree.root.pk, "field": "leads", "leads_q": "to dan pho"})
    text = page.content.decode()
    assert f'value="{tree.cell1.pk}"' in text and f'value="{tree.cell2.pk}"' in text
    assert f'value="{tree.dissolved_cell.pk}"' not in text
    client.force_login(personas.outsider)
    assert client.get(url, {"by": tree.root.pk, "leads_q": "to dan"}).status_code == 404


def test_a_commune_officer_cannot_see_another_communes_assignment(client, tree, personas):
    deadline = timezone.localdate() + dt.timedelta(days=20)
    task = assign(
        personas.board_specialist, tree.root, [tree.ward, tree.commune], deadline=deadline
    )
    ward_part = task.assignments.get(organization=tree.ward)
    commune_part = task.assignments.get(organization=tree.commune)
    client.force_login(personas.outsider)
    assert client.get(commune_part.get_absolute_url()).status_code == 200
    assert client.get(ward_part.get_absolute_url()).status_code == 404
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Đảng bộ xã Bình Điền" in page and "Đảng bộ phường An Hòa" not in page
    page = client.get(reverse("directives:tasks")).content.decode()
    assert commune_part.get_absolute_url() in page and ward_part.get_absolute_url() not in page


def test_report_progress_done_return_and_accept_through_the_page(client, tree, personas):
    deadline = timezone.localdate() + dt.timedelta(days=20)
    task = assign(personas.board_specialist, tree.root, [tree.ward], deadline=deadline)
    a = task.assignments.get()
    client.force_login(personas.ward_officer)
    url = a.get_absolute_url()
    response = client.post(
        url, {"do": "progress", "progress": "140", "text": "", "version": a.version}
    )
    assert response.status_code == 400  # more than 100 %
    response = client.post(
        url,
        {"do": "progress", "progress": "40", "text": "Đã rà soát 2/3 chi bộ", "version": a.version},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.progress, a.status) == (40, AssignmentStatus.IN_PROGRESS)
    # The ward may not accept its own task.
    assert client.post(url, {"do": "accept", "version": a.version}).status_code == 404
    client.post(url, {"do": "done", "text": "Đã xong", "version": a.version})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.DONE
    client.force_login(personas.board_specialist)
    response = client.post(url, {"do": "return", "text": "", "version": a.version})
    assert response.status_code == 400
    assert response.context["check_form"].errors["text"] == ["Bắt buộc."]
    client.post(url, {"do": "return", "text": "Thiếu biên bản", "version": a.version})
    a.refresh_from_db()
    assert (a.status, a.progress) == (AssignmentStatus.RETURNED, 40)
    page = client.get(url).content.decode()
    assert "Thiếu biên bản" in page and "Đã rà soát 2/3 chi bộ" in page


def test_the_tasks_page_puts_overdue_first_and_the_board_sees_them_by_organization(
    client, tree, personas
):
    today = timezone.localdate()
    user = personas.board_specialist
    late = assign(
        user,
        tree.root,
        [tree.ward, tree.commune],
        deadline=today - dt.timedelta(days=3),
        assigned_on=today - dt.timedelta(days=40),
        title="Việc đã quá hạn",
    )
    assign(
        user, tree.root, [tree.ward], deadline=today + dt.timedelta(days=3), title="Việc còn hạn"
    )
    # Done in time by the commune: not overdue.
    commune_part = late.assignments.get(organization=tree.commune)
    services.mark_done(
        actor=personas.outsider,
        assignment=commune_part,
        expected_version=commune_part.version,
        done_on=today - dt.timedelta(days=5),
    )
    client.force_login(user)
    response = client.get(reverse("directives:tasks"))
    dashboard = response.context["dashboard"]
    assert [(o.name, n) for o, n in dashboard["by_child"]] == [("Đảng bộ phường An Hòa", 1)]
    page = response.content.decode()
    assert "Quá hạn" in page
    client.force_login(personas.ward_officer)
    response = client.get(reverse("directives:tasks"))
    assert [a.task.title for a in response.context["overdue"]] == ["Việc đã quá hạn"]
    assert [a.task.title for a in response.context["page"]] == ["Việc còn hạn"]
    page = response.content.decode()
    assert page.index("Việc đã quá hạn") < page.index("Việc còn hạn")
    response = client.get(reverse("directives:tasks"), {"status": "overdue"})
    assert list(response.context["page"]) == []
    # The tasks the city assigned, on its own page.
    client.force_login(user)
    response = client.get(reverse("directives:tasks"), {"org": tree.root.pk, "tab": "out"})
    assert [(t.title, n) for t, _p, n in response.context["task_rows"]] == [
        ("Việc đã quá hạn", 1),
        ("Việc còn hạn", 0),
    ]


def test_split_into_sub_tasks_and_the_tree(client, tree, personas):
    deadline = timezone.localdate() + dt.timedelta(days=60)
    task = assign(personas.board_specialist, tree.root, [tree.ward], deadline=deadline)
    ward_part = task.assignments.get()
    client.force_login(personas.ward_officer)
    url = reverse("directives:task_new") + f"?parent={ward_part.pk}"
    page = client.get(url).content.decode()
    assert f'value="{tree.cell1.pk}"' in page and f'value="{tree.dissolved_cell.pk}"' not in page
    response = client.post(
        url,
        {
            "title": "Rà soát ở chi bộ",
            "deadline": (deadline - dt.timedelta(days=10)).strftime("%d/%m/%Y"),
            "leads": [tree.cell1.pk, tree.cell2.pk],
        },
    )
    assert response.status_code == 302
    sub = Task.objects.get(parent=ward_part)
    cell1_part = sub.assignments.get(organization=tree.cell1)
    services.progress_report(
        actor=personas.cell_secretary,
        assignment=cell1_part,
        expected_version=cell1_part.version,
        progress=50,
        text="",
    )
    ward_part.refresh_from_db()
    assert ward_part.progress == 25  # (50 + 0) / 2
    client.force_login(personas.board_specialist)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Rà soát ở chi bộ" in page and "Chi bộ Tổ dân phố 1" in page and "25%" in page
    # The cell secretary sees the sub-task given to the cell, not the other cell's part.
    client.force_login(personas.cell_secretary)
    page = client.get(sub.get_absolute_url()).content.decode()
    assert "Chi bộ Tổ dân phố 1" in page and "Chi bộ Tổ dân phố 2" not in page


def test_work_programme_month_and_year_views(client, tree, personas):
    user = personas.board_specialist
    kh = register(user, tree.root)
    services.work_item_save(
        actor=user,
        organization=tree.root,
        data={
            "year": 2026,
            "month": 3,
            "title": "Sơ kết công tác quý I",
            "owner": "Phòng Tổ chức cơ sở đảng",
            "document": kh,
        },
    )
    services.work_item_save(
        actor=user,
        organization=tree.root,
        data={
            "year": 2026,
            "quarter": 1,
            "title": "Rà soát quy hoạch cấp ủy",
            "owner": "Phòng Cán bộ",
        },
    )
    services.work_item_save(
        actor=user,
        organization=tree.root,
        data={"year": 2026, "month": 7, "title": "Tổng kết 6 tháng", "owner": "Văn phòng"},
    )
    client.force_login(personas.board_leader)
    url = reverse("directives:programme")
    page = client.get(url, {"org": tree.root.pk, "year": 2026, "month": 3}).content.decode()
    assert "Sơ kết công tác quý I" in page and "Rà soát quy hoạch cấp ủy" in page
    assert "Tổng kết 6 tháng" not in page and "29-KH/TU" in page
    assert "work_item_status" not in page and "/status/" not in page  # the leader only reads
    page = client.get(url, {"org": tree.root.pk, "year": 2026, "view": "year"}).content.decode()
    assert (
        page.index("Rà soát quy hoạch cấp ủy")
        < page.index("Sơ kết công tác quý I")
        < page.index("Tổng kết 6 tháng")
    )


def test_add_edit_and_change_the_status_of_a_programme_item(client, tree, personas):
    client.force_login(personas.board_specialist)
    url = reverse("directives:work_item_new") + f"?org={tree.root.pk}&year=2026&month=4"
    response = client.post(
        url,
        {
            "year": "2026",
            "month": "4",
            "quarter": "3",
            "title": "Việc",
            "owner": "Phòng",
            "status": "planned",
        },
    )
    assert response.status_code == 400  # a month and a quarter
    assert "tháng hoặc quý" in response.content.decode()
    response = client.post(
        url,
        {
            "year": "2026",
            "month": "4",
            "title": "Hội nghị chuyên đề",
            "owner": "Phòng Tổ chức",
            "status": "planned",
            "document_symbol": "",
        },
    )
    assert response.status_code == 302
    item = WorkItem.objects.get()
    status_url = reverse("directives:work_item_status", args=[item.pk])
    client.post(status_url, {"status": "done", "version": item.version})
    item.refresh_from_db()
    assert item.status == WorkItemStatus.DONE
    response = client.post(status_url, {"status": "postponed", "version": item.version - 1})
    item.refresh_from_db()
    assert item.status == WorkItemStatus.DONE  # stale: refused
    edit = reverse("directives:work_item_edit", args=[item.pk])
    response = client.post(
        edit,
        {
            "year": "2026",
            "month": "5",
            "title": "Hội nghị chuyên đề",
            "owner": "Phòng Tổ chức",
            "status": "done",
            "document_symbol": "1-KH/TU",
            "version": item.version,
        },
    )
    assert response.status_code == 400 and "1-KH/TU chưa có trong sổ" in response.content.decode()
    client.force_login(personas.ward_officer)
    assert client.get(edit).status_code == 404


def test_html_in_a_title_is_shown_as_text(client, tree, personas):
    deadline = timezone.localdate() + dt.timedelta(days=20)
    task = assign(
        personas.board_specialist,
        tree.root,
        [tree.ward],
        deadline=deadline,
        title="<script>alert(1)</script>",
    )
    client.force_login(personas.ward_officer)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
