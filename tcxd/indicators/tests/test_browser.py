"""Browser journey: a board specialist reads the city's dashboard, picks a period, drills
down into a ward, and downloads the export (Chromium, headless)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tcxd.audit.models import AuditEntry
from tcxd.indicators.periods import Period
from tcxd.indicators.services import target_save
from tcxd.testing.browser import shot, sign_in
from tcxd.testing.factories import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_read_the_dashboard_drill_down_and_export(page, live_server, tree, personas) -> None:
    from playwright.sync_api import expect

    admin = personas.admin
    for name, cell, admitted in [
        ("Đặng Thị Ánh", tree.cell1, dt.date(2015, 2, 3)),
        ("Lê Văn Dũng", tree.cell2, dt.date(2024, 3, 5)),
        ("Trần Văn Bình", tree.commune_cell, dt.date(2024, 4, 9)),
    ]:
        make_member(admin, cell, full_name=name, admitted_on=admitted)
    target_save(
        actor=admin,
        indicator="members.admitted",
        organization=tree.root,
        period=Period.year(2024),
        value=4,
        source_document="Kế hoạch 12-KH/TU",
    )
    base = live_server.url
    sign_in(page, base, "specialist")

    page.click("nav.mainnav a[href='/indicators/']")
    expect(page.locator("h1")).to_have_text("Đảng bộ thành phố Thử nghiệm")
    page.fill("#period", "6 thang dau nam 2024")  # no diacritics
    page.click("form.dash-filters button[type=submit]")
    expect(page.locator(".subtitle")).to_contain_text("6 tháng đầu năm 2024")
    admitted = page.locator(".stat", has_text="Kết nạp").first
    expect(admitted.locator(".value")).to_have_text("2")
    expect(admitted).to_contain_text("50,0 %")  # 2 of the year's 4
    expect(page.locator("svg.chart")).to_have_count(3)
    shot(page, "indicators-01-city.png")

    page.click("table.dash-table a:has-text('Đảng bộ phường An Hòa')")
    expect(page.locator("h1")).to_have_text("Đảng bộ phường An Hòa")
    expect(page.locator(".subtitle")).to_contain_text("6 tháng đầu năm 2024")
    expect(page.locator(".stat", has_text="Đảng viên cuối kỳ").locator(".value")).to_have_text("2")
    shot(page, "indicators-02-ward.png")

    with page.expect_download() as download:
        page.click("a:has-text('Xuất Excel')")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    rows = {r[0]: r for r in book.worksheets[0].iter_rows(min_row=5, values_only=True)}
    assert rows["Kết nạp"][2] == 1  # Lê Văn Dũng, admitted in the ward's cell 2
    assert AuditEntry.objects.filter(action="indicators.export").count() == 1
