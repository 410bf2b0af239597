"""Admission pages: scope, bad input (a Vietnamese message, nothing saved), the board's
overdue marking, readmission from the member page, and the audit of case views."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tcxd.admissions.choices import CaseKind, StepKind
from tcxd.admissions.models import AdmissionCase, CaseStep
from tcxd.audit.models import AuditEntry
from tcxd.members.choices import EventKind
from tcxd.members.models import Person
from tcxd.members.services import member_record_event
from tcxd.testing.factories import make_member

from .conftest import D, World, dossier

pytestmark = pytest.mark.django_db


def test_board_shows_cases_in_scope_and_marks_overdue(client, world: World, personas) -> None:  # type: ignore[no-untyped-def]
    dossier(world)  # certificate of 10/01/2025, valid to 10/01/2030: not overdue
    client.force_login(personas.ward_officer)
    html = client.get(reverse("admissions:board")).content.decode()
    assert "Lê Thị Mai" in html and "Chờ chi bộ xét" in html
    assert "case-card overdue" not in html
    client.force_login(personas.outsider)
    assert "Lê Thị Mai" not in client.get(reverse("admissions:board")).content.decode()


def test_overdue_case_in_red_and_on_the_deadline_page(client, world: World, personas) -> None:  # type: ignore[no-untyped-def]
    from .conftest import step

    dossier(world)
    step(world, StepKind.CELL_RESOLUTION, D(2025, 3, 3), votes_for=9)
    # The decision was due on 29/05/2025: long past.
    client.force_login(personas.cell_secretary)
    html = client.get(reverse("admissions:board")).content.decode()
    assert "case-card overdue" in html and "quá hạn" in html
    html = client.get(reverse("admissions:deadlines")).content.decode()
    assert "Lê Thị Mai" in html and "29/05/2025" in html


def test_open_case_with_bad_input_saves_nothing(client, tree, personas) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.ward_officer)
    people = Person.objects.count()
    response = client.post(
        reverse("admissions:case_open"),
        {
            "organization": tree.cell1.pk,
            "opened_on": "06/01/2099",
            "full_name": "Võ Thị Lan",
            "birth_on": "31/02/2000",
            "gender": "female",
            "citizen_id": "12345",
            "ethnicity": "Kinh",
        },
    )
    assert response.status_code == 200  # the form again, with its messages
    html = response.content.decode()
    assert "Ngày không được sau ngày hôm nay." in html  # opened in 2099
    assert "31/02/2000" in html and "dd/mm/yyyy" in html  # no 31 February
    assert "12 chữ số" in html
    assert Person.objects.count() == people and not AdmissionCase.objects.exists()


def test_open_case_then_refused_step_shows_the_rule(client, tree, personas) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.ward_officer)
    response = client.post(
        reverse("admissions:case_open"),
        {
            "organization": tree.cell1.pk,
            "opened_on": "06/01/2025",
            "full_name": "Võ Thị Lan",
            "birth_on": "12/12/2000",
            "gender": "female",
            "citizen_id": "046300001111",
            "ethnicity": "Kinh",
            "youth_union_member": "on",
        },
    )
    case = AdmissionCase.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.youth_union_member
    url = reverse("admissions:step_create", args=[case.pk, StepKind.DECISION])
    response = client.post(
        url, {"occurred_on": "10/03/2025", "document_number": "1-QĐ/ĐU", "version": case.version}
    )
    assert response.status_code == 400
    assert "Nghị quyết chi bộ đề nghị kết nạp" in response.content.decode()
    assert not CaseStep.objects.exists()
    # A page opened before someone else's save: refused, nothing saved.
    url = reverse("admissions:step_create", args=[case.pk, StepKind.CERTIFICATE])
    client.post(url, {"occurred_on": "10/01/2025", "version": case.version})
    response = client.post(
        url.replace("certificate", "application"),
        {"occurred_on": "12/01/2025", "version": case.version},
    )
    assert response.status_code == 400 and "tải lại trang" in response.content.decode()
    assert list(CaseStep.objects.values_list("kind", flat=True)) == [StepKind.CERTIFICATE]


def test_case_view_is_audited(client, world: World, personas) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.board_leader)
    assert client.get(world.case.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(action="admissions.view", actor=personas.board_leader).exists()
    client.force_login(personas.outsider)
    assert client.get(world.case.get_absolute_url()).status_code == 404


def test_readmission_from_the_member_page(client, tree, personas) -> None:  # type: ignore[no-untyped-def]
    officer = personas.ward_officer
    former = make_member(
        officer, tree.cell1, full_name="Đặng Văn Tâm", official_on=dt.date(2011, 3, 26)
    )
    member_record_event(
        actor=officer,
        member=former,
        kind=EventKind.STRUCK_OFF,
        occurred_on=dt.date(2020, 5, 4),
        expected_version=former.version,
    )
    current = make_member(
        officer, tree.cell1, full_name="Đảng Viên Đang", official_on=dt.date(2011, 3, 26)
    )
    client.force_login(officer)
    page = client.get(reverse("members:detail", args=[former.pk])).content.decode()
    assert reverse("admissions:readmission_open", args=[former.pk]) in page
    assert client.get(reverse("admissions:readmission_open", args=[current.pk])).status_code == 404
    response = client.post(
        reverse("admissions:readmission_open", args=[former.pk]),
        {"organization": tree.cell1.pk, "opened_on": "02/03/2026"},
    )
    case = AdmissionCase.objects.get(person=former.person)
    assert response.status_code == 302 and case.kind == CaseKind.READMISSION
    assert (
        case.get_absolute_url()
        in client.get(reverse("members:detail", args=[former.pk])).content.decode()
    )


def test_a_verified_relative_needs_a_relation(client, world: World, personas) -> None:  # type: ignore[no-untyped-def]
    from .conftest import step

    step(world, StepKind.APPLICATION, D(2025, 1, 15))
    step(world, StepKind.PERSONAL_HISTORY, D(2025, 1, 20))
    client.force_login(personas.ward_officer)
    url = reverse("admissions:step_create", args=[world.case.pk, StepKind.VERIFICATION])
    form = client.get(url).content.decode()
    assert '<option value="" selected>—</option>' in form  # relatives' rows start empty
    data = {
        "occurred_on": "10/02/2025",
        "version": world.case.version,
        "v0_relation": "self",
        "v0_name": "Lê Thị Mai",
        "v0_result": "verified",
        "v1_name": "Lê Văn Hòa",
        "v1_result": "verified",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Lê Văn Hòa" in response.content.decode()
    assert not CaseStep.objects.filter(kind=StepKind.VERIFICATION).exists()
    response = client.post(url, {**data, "v1_relation": "father"})
    assert response.status_code == 302
    assert set(
        CaseStep.objects.get(kind=StepKind.VERIFICATION).verifications.values_list(
            "relation", flat=True
        )
    ) == {"self", "father"}
