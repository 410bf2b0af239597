"""A ward officer walks one candidate from the awareness certificate to recognition as an
official member, in Debian's Chromium; the member then appears in the registry with the
decision date, the official date and the party age. Screenshots in var/screenshots/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tcxd.admissions.choices import CaseStatus
from tcxd.admissions.models import AdmissionCase
from tcxd.members.choices import MemberStatus
from tcxd.members.models import Member
from tcxd.testing.browser import shot, sign_in
from tcxd.testing.factories import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def record(
    page: Any, kind: str, fields: dict[str, str], selects: dict[str, str] | None = None
) -> None:
    page.click(f"#next-steps a[href$='/steps/{kind}/']")
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    for name, choice in (selects or {}).items():
        if name.endswith("_relation"):
            page.select_option(f"[name={name}]", value=choice)
        else:
            page.select_option(f"[name={name}]", label=choice)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#timeline")
    errors = page.locator("#step-error")
    assert errors.count() == 0, errors.inner_text()


def test_candidate_to_official_member(page, live_server, tree, personas) -> None:  # type: ignore[no-untyped-def]
    officer = personas.ward_officer
    for i in range(10):
        make_member(
            officer,
            tree.cell1,
            full_name=f"Trần Văn Thử {i}",
            admitted_on=dt.date(2010, 3, 1),
            official_on=dt.date(2011, 3, 1),
        )
    base = live_server.url
    sign_in(page, base, "ward")
    page.goto(f"{base}/admissions/new/")
    page.select_option("[name=organization]", label=tree.cell1.name)
    page.fill("[name=opened_on]", "06/01/2025")
    page.fill("[name=full_name]", "Lê Thị Mai")
    page.fill("[name=birth_on]", "10/04/1995")
    page.select_option("[name=gender]", "female")
    page.fill("[name=citizen_id]", "046195001234")
    page.check("[name=youth_union_member]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#missing")
    shot(page, "admissions-case-new.png")

    record(page, "certificate", {"occurred_on": "10/01/2025", "document_number": "125/GCN"})
    record(page, "application", {"occurred_on": "15/01/2025"})
    record(page, "personal_history", {"occurred_on": "20/01/2025"})
    record(
        page,
        "verification",
        {"occurred_on": "10/02/2025", "v1_name": "Lê Văn Hòa"},
        {"v1_relation": "father"},
    )
    record(
        page,
        "introduction",
        {"occurred_on": "12/02/2025", "intro1_since": "01/01/2020", "intro2_since": "01/06/2021"},
        {"intro1": "Trần Văn Thử 0", "intro2": "Trần Văn Thử 1"},
    )
    record(page, "comments", {"occurred_on": "20/02/2025"})
    assert page.locator("#missing").count() == 0
    record(
        page,
        "cell_resolution",
        {"occurred_on": "03/03/2025", "votes_for": "9", "document_number": "05-NQ/CB"},
    )
    shot(page, "admissions-case-after-cell.png")
    record(
        page,
        "committee_resolution",
        {"occurred_on": "10/03/2025", "votes_for": "7", "vote_base": "9"},
    )
    record(
        page,
        "decision",
        {"occurred_on": "15/04/2025", "received_on": "16/04/2025", "document_number": "112-QĐ/ĐU"},
    )
    record(page, "ceremony", {"occurred_on": "19/05/2025"})
    case = AdmissionCase.objects.get(person__full_name="Lê Thị Mai")
    assert case.status == CaseStatus.PROBATION
    record(page, "recognition_cell_resolution", {"occurred_on": "25/05/2026", "votes_for": "10"})
    record(
        page,
        "recognition_committee_resolution",
        {"occurred_on": "01/06/2026", "votes_for": "9", "vote_base": "9"},
    )
    record(
        page, "recognition_decision", {"occurred_on": "15/06/2026", "document_number": "140-QĐ/ĐU"}
    )
    shot(page, "admissions-case-official.png")
    case.refresh_from_db()
    assert case.status == CaseStatus.OFFICIAL

    member = Member.objects.get(person__full_name="Lê Thị Mai")
    assert member.status == MemberStatus.OFFICIAL
    assert member.admitted_on == dt.date(2025, 4, 15)
    assert member.official_on == dt.date(2026, 5, 19)
    page.click(f"a[href='{member.get_absolute_url()}']")
    page.wait_for_selector("#timeline")
    text = page.inner_text("main")
    assert "15/04/2025" in text and "19/05/2026" in text
    today = dt.date.today()
    months = (today.year - 2025) * 12 + today.month - 4 - (1 if today.day < 15 else 0)
    assert f"{months // 12} " in text  # party age in years, from the decision date
    shot(page, "admissions-member-page.png")

    page.goto(f"{base}/admissions/")
    shot(page, "admissions-board.png")
    page.goto(f"{base}/admissions/deadlines/")
    shot(page, "admissions-deadlines.png")
