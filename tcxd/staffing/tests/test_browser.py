"""The staffing journey in Debian's Chromium: the board specialist records a retirement in
an agency, sees the agency's roadmap progress change, and exports the roadmap table to
.xlsx (reopened and its cells checked). Screenshots in ``var/screenshots/``."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from tcxd.testing.browser import shot, sign_in

from .. import services
from ..models import StaffChange
from .conftest import hire

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_retirement_moves_the_roadmap_and_the_table_is_exported(page, live_server, world):
    from playwright.sync_api import expect

    a = world.actor
    services.headcount_record(actor=a, agency=world.office, year=2021, approved=40)
    roadmap = services.roadmap_set(
        actor=a, organization=world.tree.root, cadres_target=2, employees_target=0
    )
    services.roadmap_targets_set(
        actor=a,
        roadmap=roadmap,
        targets={(world.office.pk, 2025): 1, (world.office.pk, 2026): 1},
    )
    person = hire(world, world.office, "Nguyễn Văn Thọ")
    hire(world, world.office, "Lê Thị Hằng")
    base = live_server.url

    sign_in(page, base, "specialist")
    page.click("nav.mainnav a[href='/staffing/']")
    expect(page.locator("h1")).to_have_text("Biên chế, đào tạo")
    page.goto(f"{base}{roadmap.get_absolute_url()}")
    row = page.locator(f"#roadmap tbody tr[data-agency='{world.office.pk}']")
    expect(row.locator(".achieved")).to_have_text("0")
    expect(row).to_contain_text("Chậm tiến độ")

    page.goto(f"{base}/staffing/")
    page.click(f"#agencies a[href='{world.office.get_absolute_url()}']")
    page.click("a:has-text('Ghi biến động biên chế')")
    page.select_option("#id_kind", "retirement")
    page.select_option("#id_person", str(person.pk))
    page.fill("#id_decision_number", "125-QĐ/TU")
    shot(page, "staffing-01-retirement-form.png")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Đã ghi nghỉ hưu: Nguyễn Văn Thọ.")
    expect(page.locator("#changes tbody tr").first).to_contain_text("Nghỉ hưu")
    change = StaffChange.objects.get(kind="retirement")
    assert change.occurred_on == timezone.localdate()

    page.goto(f"{base}{roadmap.get_absolute_url()}")
    expect(row.locator(".achieved")).to_have_text("1")
    expect(row.locator(".share")).to_have_text("2,50 %")
    shot(page, "staffing-02-roadmap.png")

    with page.expect_download() as info:
        page.click("#export")
    with open(info.value.path(), "rb") as downloaded:
        book = openpyxl.load_workbook(io.BytesIO(downloaded.read()))
    sheet = book.active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    header, agency_row = rows[0], rows[1]
    assert header[0] == "Cơ quan, đơn vị"
    assert agency_row[0] == "Văn phòng Đảng ủy phường An Hòa"
    values = dict(zip(header, agency_row, strict=True))
    assert values["Gốc (biên chế giao 2021)"] == 40
    assert values["Chỉ tiêu 2022–2026"] == 2
    assert values["Đã giảm"] == 1
    assert values["Tỷ lệ so với gốc"] == 2.5
    assert values["Còn phải giảm"] == 1
