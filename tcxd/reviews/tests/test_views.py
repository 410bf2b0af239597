"""Review pages through the test client: what each persona sees, the forms, downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from tcxd.audit.models import AuditEntry

from .. import services
from ..choices import SubmissionStatus
from ..models import Conference, Report, Review
from .conftest import NARRATIVE, send
from .test_report import CITY_NARRATIVE, HEADING

pytestmark = pytest.mark.django_db


def test_the_ward_officer_sees_only_the_ward_submission(client, city) -> None:
    client.force_login(city.personas.ward_officer)
    page = client.get(reverse("reviews:index")).content.decode()
    assert "Đảng bộ phường An Hòa" in page
    assert "Đảng bộ xã Bình Điền" not in page
    ward = city.submission(city.tree.ward)
    commune = city.submission(city.tree.commune)
    assert client.get(ward.get_absolute_url()).status_code == 200
    assert client.get(commune.get_absolute_url()).status_code == 404
    assert client.get(city.review.get_absolute_url()).status_code == 404


def test_filling_and_sending_through_the_page(client, city) -> None:
    client.force_login(city.personas.ward_officer)
    sub = city.submission(city.tree.ward)
    url = sub.get_absolute_url()
    data = {**NARRATIVE, "version": sub.version, "comment:test_reviews.members_end": "Đã đối chiếu"}
    response = client.post(url, {**data, "limitations": "", "send": "1"})
    assert response.status_code == 400
    assert "Hạn chế và nguyên nhân" in response.content.decode()  # the missing section
    response = client.post(url, {**data, "send": "1"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.SUBMITTED
    assert sub.figure_comments == {"test_reviews.members_end": "Đã đối chiếu"}
    # Sent: the page shows the frozen figures and no form; posting again is refused.
    page = client.get(url).content.decode()
    assert 'name="send"' not in page
    assert client.post(url, {**data, "send": "1"}).status_code == 404


def test_return_and_accept_through_the_page(client, city) -> None:
    sub = send(city, city.tree.ward, city.personas.ward_officer)
    client.force_login(city.personas.board_specialist)
    page = client.get(sub.get_absolute_url()).content.decode()
    assert "Trả lại kèm ý kiến" in page
    url = reverse("reviews:submission_return", args=[sub.pk])
    client.post(url, {"comment": "Bổ sung số liệu thôn.", "version": sub.version})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.RETURNED
    client.force_login(city.personas.ward_officer)
    page = client.get(sub.get_absolute_url()).content.decode()
    assert "Bổ sung số liệu thôn." in page
    # The ward officer cannot accept (404: not a reviewer of the city).
    accept = reverse("reviews:submission_accept", args=[sub.pk])
    assert client.post(accept, {"version": sub.version}).status_code == 404


def test_open_a_review_through_the_page(client, tree, personas, indicators) -> None:
    client.force_login(personas.board_specialist)
    url = reverse("reviews:open")
    data = {
        "organization": tree.root.pk,
        "kind": "year",
        "period": "6 tháng đầu năm 2026",
        "deadline_on": "10/12/2026",
        "title": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "không phù hợp" in response.content.decode()
    response = client.post(url, {**data, "period": "năm 2026"})
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    assert review.period_key == "2026" and review.submissions.count() == 3
    client.force_login(personas.cell_secretary)
    assert client.get(url).status_code == 404


def _all_accepted(city):  # type: ignore[no-untyped-def]
    for org, who in [
        (city.tree.ward, city.personas.ward_officer),
        (city.tree.commune, city.personas.outsider),
        (city.tree.agency, city.personas.board_specialist),
    ]:
        sub = send(city, org, who)
        services.submission_accept(
            actor=city.personas.board_specialist, submission=sub, expected_version=sub.version
        )


def test_generate_and_download_the_report(client, city) -> None:
    _all_accepted(city)
    client.force_login(city.personas.board_specialist)
    url = reverse("reviews:report_new", args=[city.review.pk])
    form = client.get(url).content.decode()
    assert "BC/BTCTU" in form and "THÀNH ỦY THỬ NGHIỆM" in form
    data = {
        **{k: v for k, v in HEADING.items() if k not in ("recipients", "issued_on")},
        **CITY_NARRATIVE,
        "issued_on": "03/07/2026",
        "recipients": "- Ban Tổ chức Trung ương (để báo cáo),\n- Lưu VP, TH",
    }
    assert client.post(url, data).status_code == 302
    report = Report.objects.get()
    assert report.data["recipients"] == ["Ban Tổ chức Trung ương (để báo cáo)", "Lưu VP, TH"]
    response = client.get(reverse("reviews:report_docx", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-07-v1.docx"'
    doc = Document(io.BytesIO(response.content))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    assert AuditEntry.objects.filter(action="reviews.report_download").count() == 1
    # A commune officer may not read the city's report.
    client.force_login(city.personas.ward_officer)
    assert client.get(reverse("reviews:report_docx", args=[report.pk])).status_code == 404
    assert client.get(reverse("reviews:report_xlsx", args=[report.pk])).status_code == 404


def test_a_broken_template_upload_is_explained(client, city) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(city.personas.board_specialist)
    upload = SimpleUploadedFile("mau.docx", b"this is not a docx")
    response = client.post(reverse("reviews:templates"), {"file": upload, "note": ""})
    assert response.status_code == 400
    assert "không phải là văn bản Word" in response.content.decode()


def test_record_the_conference(client, city) -> None:
    client.force_login(city.personas.board_specialist)
    url = reverse("reviews:conference_new", args=[city.review.pk])
    data = {
        "held_on": "10/07/2026",
        "place": "Hội trường Thành ủy",
        "chair_name": "Nguyễn Văn Bình",
        "chair_position": "Phó Bí thư Thường trực Thành ủy",
        "attendees": "Lãnh đạo Ban Tổ chức Thành ủy: Trần Văn Minh\nLãnh đạo các đảng ủy",
        "conclusions": "Đánh giá cao kết quả.",
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-description": "Rà soát thôn chưa có chi bộ",
        "tasks-0-organization": city.tree.ward.pk,
        "tasks-0-due_on": "30/09/2026",
        "tasks-1-description": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Dòng 2" in response.content.decode()  # the attendee line without a colon
    data["attendees"] = data["attendees"].replace("các đảng ủy", "các đảng ủy: đủ 3 đồng chí")
    response = client.post(url, data)
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert conference.attendees[1] == {"position": "Lãnh đạo các đảng ủy", "name": "đủ 3 đồng chí"}
    task = conference.tasks.get()
    assert task.organization == city.tree.ward and task.due_on == dt.date(2026, 9, 30)
    page = client.get(reverse("reviews:conference", args=[conference.pk])).content.decode()
    assert "Rà soát thôn chưa có chi bộ" in page
    client.force_login(city.personas.ward_officer)
    assert client.get(reverse("reviews:conference", args=[conference.pk])).status_code == 404
