"""The meeting pages through the test client: the form posts the roll call, bad input is
shown beside the form, the score form refuses points above an item's maximum, the cell's
year and the committee's overview show what was held and what is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tcxd.audit.models import AuditEntry

from ..models import Meeting
from .conftest import MEETING_DAY

pytestmark = pytest.mark.django_db


def form_data(cell, **extra):  # type: ignore[no-untyped-def]
    data = {
        "kind": "regular",
        "held_on": MEETING_DAY.strftime("%d/%m/%Y"),
        "starts_at": "19:30",
        "ends_at": "21:00",
        "place": "Nhà văn hóa tổ dân phố 1",
        "agenda": "Đánh giá kết quả tháng 5",
        "documents": "Dự thảo nghị quyết",
        "documents_shared_on": "04/06/2026",
        "minutes": "Khai mạc, điểm danh.",
        "speakers_count": "4",
        "results": "Hoàn thành nhiệm vụ.",
        "tasks_text": "Tổng vệ sinh.",
        "assignment": "Tổ 1.",
        "self_assessment": "Đạt yêu cầu.",
        "chair": str(cell.members[0].pk),
        "secretary": str(cell.members[1].pk),
        "task-0": "Tổng vệ sinh khu dân cư",
        "assignee-0": "Tổ 1",
        "due-0": "30/06/2026",
    }
    for m in cell.expected:
        data[f"presence-{m.pk}"] = "present"
        data[f"dues-{m.pk}"] = "on"
    data[f"presence-{cell.by_name('Phạm Văn Dũng').pk}"] = "excused"
    data[f"reason-{cell.by_name('Phạm Văn Dũng').pk}"] = "Ốm"
    data[f"presence-{cell.by_name('Hoàng Văn Em').pk}"] = "unexcused"
    data.update(extra)
    return data


def test_record_a_meeting_through_the_form(client, cell) -> None:
    client.force_login(cell.personas.cell_secretary)
    page = client.get(reverse("meetings:new", args=[cell.tree.cell1.pk]) + "?on=05/06/2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ngô Văn Minh" in html and "Dương Thị Nga" in html
    response = client.post(reverse("meetings:new", args=[cell.tree.cell1.pk]), form_data(cell))
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    assert (meeting.expected_count, meeting.present_count, meeting.unexcused_count) == (10, 8, 1)
    assert meeting.chair == cell.members[0]
    assert [t.description for t in meeting.tasks.all()] == ["Tổng vệ sinh khu dân cư"]
    detail = client.get(meeting.get_absolute_url())
    assert detail.status_code == 200
    assert "80,0%" in detail.content.decode() or "80.0%" in detail.content.decode()


def test_bad_input_is_shown_beside_the_form(client, cell) -> None:
    client.force_login(cell.personas.cell_secretary)
    url = reverse("meetings:new", args=[cell.tree.cell1.pk])
    response = client.post(url, form_data(cell, ends_at="19:00"))
    assert response.status_code == 400
    assert (
        "không sau giờ bắt đầu" in response.content.decode() or "19:00" in response.content.decode()
    )
    response = client.post(url, form_data(cell, held_on="01/01/2099"))
    assert response.status_code == 400
    assert Meeting.objects.count() == 0


def test_the_score_form_refuses_points_above_the_maximum(client, cell) -> None:
    client.force_login(cell.personas.cell_secretary)
    client.post(reverse("meetings:new", args=[cell.tree.cell1.pk]), form_data(cell))
    meeting = Meeting.objects.get()
    points = {f"item_{n}": "3" for n in range(1, 11)}
    response = client.post(
        reverse("meetings:score", args=[meeting.pk]),
        {**points, "item_2": "9", "version": str(meeting.version)},
    )
    assert response.status_code == 400
    assert "9" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.score_total is None
    response = client.post(
        reverse("meetings:score", args=[meeting.pk]), {**points, "version": str(meeting.version)}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.score_total == 30 and meeting.score_level == "poor"


def test_cell_year_and_overview(client, cell) -> None:
    client.force_login(cell.personas.ward_officer)
    client.post(reverse("meetings:new", args=[cell.tree.cell1.pk]), form_data(cell))
    page = client.get(reverse("meetings:cell", args=[cell.tree.cell1.pk]) + "?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "slot-held" in html
    assert "Quá hạn" in html  # January–May 2026 had no meeting (the page is read after 2026)
    overview = client.get(reverse("meetings:index") + f"?org={cell.tree.ward.pk}&year=2026")
    assert overview.status_code == 200
    assert "Chi bộ Tổ dân phố 1" in overview.content.decode()


def test_docx_downloads_are_audited(client, cell) -> None:
    client.force_login(cell.personas.cell_secretary)
    client.post(reverse("meetings:new", args=[cell.tree.cell1.pk]), form_data(cell))
    meeting = Meeting.objects.get()
    for name in ("meetings:minutes_docx", "meetings:resolution_docx"):
        response = client.get(reverse(name, args=[meeting.pk]))
        assert response.status_code == 200
        assert response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="meetings.minutes_download").count() == 1


def test_absentee_list_is_for_the_cell_only(client, cell) -> None:
    url = reverse("meetings:absentees", args=[cell.tree.cell1.pk])
    client.force_login(cell.personas.ward_officer)
    assert client.get(url).status_code == 404
    client.force_login(cell.personas.cell_secretary)
    assert client.get(url + "?year=2026").status_code == 200


def test_postponement_through_the_page(client, cell) -> None:
    client.force_login(cell.personas.cell_secretary)
    url = reverse("meetings:postpone", args=[cell.tree.cell1.pk])
    response = client.post(
        url, {"slot": "regular", "period_start": "2026-05-01", "reason": "Bão lũ", "new_on": ""}
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:cell", args=[cell.tree.cell1.pk]) + "?year=2026")
    assert "Bão lũ" in page.content.decode()
    assert dt.date(2026, 5, 1)


def test_document_references_in_the_minutes_link_to_the_register(client, cell) -> None:
    """A resolution that names a Party document links to it in the register; an unknown
    one offers to register it (issue 5: references recognised wherever user text shows)."""
    from tcxd.directives import services as directive_services
    from tcxd.directives.models import DocumentType, Issuer

    document = directive_services.document_register(
        actor=cell.personas.admin,
        organization=cell.tree.root,
        data={
            "doc_type": DocumentType.objects.get(code="KH"),
            "number": "29",
            "issuer": Issuer.objects.get(code="TU"),
            "issued_on": dt.date(2022, 1, 14),
            "issuing_body": "Ban Thường vụ Tỉnh ủy",
            "title": "Về thực hiện Kết luận 21-KL/TW",
        },
    )
    client.force_login(cell.personas.cell_secretary)
    text = "Quán triệt Kế hoạch số 29-KH/TU và Chỉ thị 05-CT/TW của Bộ Chính trị."
    response = client.post(
        reverse("meetings:new", args=[cell.tree.cell1.pk]), form_data(cell, results=text)
    )
    assert response.status_code == 302
    html = client.get(Meeting.objects.get().get_absolute_url()).content.decode()
    assert f'href="{document.get_absolute_url()}"' in html
    assert "Chỉ thị 05-CT/TW" in html and "symbol=05-CT%2FTW" in html
