"""Dashboard pages: figures shown, periods, scope, the audited export reopened."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tcxd.audit.models import AuditEntry
from tcxd.indicators.models import Target
from tcxd.indicators.periods import Period
from tcxd.indicators.services import target_save

from .test_membership import people  # noqa: F401  (the hand-worked history)


def url(org, **query):
    base = reverse("indicators:dashboard", args=[org.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def specialist(client, personas):
    client.force_login(personas.board_specialist)
    return client


def test_city_dashboard_shows_figures_last_year_and_target(specialist, tree, personas, people):  # noqa: F811
    target_save(
        actor=personas.admin,
        indicator="members.admitted",
        organization=tree.root,
        period=Period.year(2024),
        value=4,
        source_document="Kế hoạch 12-KH/TU",
    )
    response = specialist.get(url(tree.root, period="2024-H1"))
    assert response.status_code == 200
    d = response.context["d"]
    assert d.rows["members.end_total"].value == 8
    assert d.rows["members.start_total"].value == 9
    assert d.rows["members.admitted"].last_year == 1  # H, admitted on 10/05/2023
    assert d.rows["members.admitted"].progress.ratio == Decimal("0.5000")
    # The organizations below with their figures, each a link to its own dashboard.
    children = {kid.name: values for kid, values in d.children}
    assert children["Đảng bộ phường An Hòa"]["members.end_total"] == 4
    body = response.content.decode()
    assert "6 tháng đầu năm 2024" in body and "6 tháng đầu năm 2023" in body
    assert url(tree.ward, period="2024-H1") in body.replace("&amp;", "&")
    assert body.count("<svg") >= 3  # members by month, changes by month, comparison
    # Aggregates are not personal records: viewing them writes nothing to the audit log.
    assert (
        set(AuditEntry.objects.values_list("action", flat=True))
        & {
            "indicators.export",
            "indicators.view",
        }
        == set()
    )
    before = AuditEntry.objects.count()
    specialist.get(url(tree.ward, period="2024-H1"))
    assert AuditEntry.objects.count() == before


def test_trend_by_month(specialist, tree, people):  # noqa: F811
    d = specialist.get(url(tree.agency, period="2024-H1")).context["d"]
    months = [m.key for m in d.trend.months]
    assert months[0] == "2023-07" and months[-1] == "2024-06"
    # The agency: E and M (and J until 31/12/2023) … M expelled in February, on 30/06 E
    # died and G was admitted.
    assert d.trend.members[months.index("2023-12")] == 2
    assert d.trend.members[months.index("2024-02")] == 1
    assert d.trend.members[-1] == 1
    assert d.trend.admitted[-1] == 1 and d.trend.exits[-1] == 1
    assert d.trend.exits[months.index("2023-12")] == 1  # J left for another province


def test_periods_by_label_and_bad_input(specialist, tree, people):  # noqa: F811
    response = specialist.get(url(tree.root, period="Quý I/2024"))
    assert response.context["d"].period == Period.quarter(2024, 1)
    response = specialist.get(url(tree.root, period="quý năm"))
    assert response.status_code == 200
    assert "“quý năm” không phải là một kỳ báo cáo" in response.content.decode()
    response = specialist.get(url(tree.root, period="Năm 2099"))
    assert "chưa bắt đầu" in response.content.decode()


def test_scope(client, personas, tree, people):  # noqa: F811
    client.force_login(personas.outsider)  # an officer of the other commune
    assert client.get(url(tree.ward)).status_code == 404
    assert client.get(url(tree.commune)).status_code == 200
    assert client.get(reverse("indicators:export", args=[tree.ward.pk])).status_code == 404
    index = client.get(reverse("indicators:index"))
    assert index.status_code == 302 and index.url == url(tree.commune)


def test_export_is_audited_and_reopens(specialist, tree, people):  # noqa: F811
    response = specialist.get(reverse("indicators:export", args=[tree.root.pk]) + "?period=2024-H1")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    first, second = book.worksheets
    rows = {r[0]: r for r in first.iter_rows(min_row=5, values_only=True)}
    assert rows["Đảng viên cuối kỳ"][2:5] == (8, 10, -2)  # this half, last year, change
    assert rows["Kết nạp"][2] == 2
    header = next(second.iter_rows(min_row=4, max_row=4, values_only=True))
    column = header.index("Đảng viên cuối kỳ")
    by_org = {r[0]: r for r in second.iter_rows(min_row=5, values_only=True)}
    assert by_org["Đảng bộ phường An Hòa"][column] == 4
    assert by_org["Đảng bộ xã Bình Điền"][column] == 3
    # The last row is the whole organization; the counts of the rows below add up to it.
    total = by_org["Toàn đảng bộ: Đảng bộ thành phố Thử nghiệm"][column]
    assert (
        total
        == 8
        == sum(r[column] for name, r in by_org.items() if not name.startswith("Toàn đảng bộ"))
    )
    entry = AuditEntry.objects.get(action="indicators.export")
    assert entry.changes["period"] == "2024-H1" and entry.organization_path == tree.root.path


def test_targets_page_adds_refuses_and_deletes(client, personas, tree):
    page = reverse("indicators:targets", args=[tree.ward.pk])
    client.force_login(personas.ward_officer)
    data = {
        "indicator": "members.admitted",
        "period": "nam 2026",
        "value": "12",
        "source_document": "Kế hoạch số 09-KH/TU ngày 15/01/2026",
    }
    assert client.post(page, data).status_code == 302
    target = Target.objects.get()
    assert (target.period, target.value, target.organization) == (
        Period.year(2026),
        Decimal("12.00"),
        tree.ward,
    )
    # The same target again, a period that is not one, a negative value: refused, explained.
    again = client.post(page, data)
    assert "đã có chỉ tiêu" in again.content.decode()
    wrong = client.post(page, {**data, "period": "năm sau"})
    assert "“năm sau” không phải là một kỳ báo cáo" in wrong.content.decode()
    assert client.post(page, {**data, "value": "-3"}).status_code == 200
    assert Target.objects.count() == 1
    listed = client.get(page).content.decode()
    assert "Năm 2026" in listed and "Kế hoạch số 09-KH/TU" in listed
    # The board leader reads targets but does not set them.
    client.force_login(personas.board_leader)
    assert client.get(page).status_code == 200
    assert client.post(page, {**data, "period": "Năm 2027"}).status_code == 404
    client.force_login(personas.ward_officer)
    delete = reverse("indicators:target_delete", args=[tree.ward.pk, target.pk])
    assert client.post(delete).status_code == 302
    assert not Target.objects.exists()
    assert AuditEntry.objects.filter(action="indicators.target_delete").count() == 1
