"""The directives journey in Debian's Chromium (issue 5): the board specialist registers a
plan by pasting its first page (the fields are filled in from it), assigns a task from it
to three communes; a commune's officer reports progress; with a second task whose
deadline has passed, the board's dashboard shows the overdue ones by organization. A
commune officer cannot open another commune's assignment (404). Screenshots in
``var/screenshots/`` at desktop and phone width.

Without /usr/bin/chromium these tests are skipped with a message naming the Debian
package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tcxd.testing.browser import shot, sign_in
from tcxd.testing.factories import make_org

from .. import services
from ..models import Assignment, Document, Task
from .test_firstpage import PLAN
from .test_views import register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_out(page: Any, base: str) -> None:
    page.click("header form button.linklike")
    page.wait_for_url(f"{base}/**")


def test_register_assign_report_and_see_the_overdue(page, live_server, tree, personas):
    from playwright.sync_api import expect

    base = live_server.url
    today = timezone.localdate()
    specialist = personas.board_specialist
    third = make_org(tree.root, "commune_committee", "T-PX", "Đảng bộ phường Phú Xuân")
    register(specialist, tree.root, "21-KL/TW", dt.date(2021, 10, 25))

    # The specialist pastes the plan's first page; the form is filled in from it.
    sign_in(page, base, "specialist")
    page.click("nav.mainnav a[href='/directives/']")
    expect(page.locator("h1")).to_have_text("Sổ văn bản")
    page.click("a:has-text('Vào sổ văn bản')")
    page.fill("#id_first_page", PLAN)
    page.click("button[name=prefill]")
    expect(page.locator("#id_number")).to_have_value("29")
    expect(page.locator("#id_issued_on")).to_have_value("14/01/2022")
    expect(page.locator("#id_term")).to_have_value("2020–2025")
    expect(page.locator("#id_issuing_body")).to_have_value("Ban Thường vụ Tỉnh ủy Thừa Thiên Huế")
    expect(page.locator("#id_title")).to_have_value(
        "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành "
        "Trung ương Đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng"
    )
    expect(page.locator("#id_link_symbol")).to_have_value("21-KL/TW")
    shot(page, "directives-01-register-prefilled.png")
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("Đã vào sổ văn bản 29-KH/TU.")
    expect(page.locator("h1")).to_contain_text("29-KH/TU")
    expect(page.locator(".chain")).to_contain_text("21-KL/TW")
    plan = Document.objects.get(number="29")

    # A task from it to three communes, with a deadline.
    page.click("a:has-text('Giao nhiệm vụ')")
    page.fill("#id_title", "Xây dựng kế hoạch thực hiện ở cơ sở")
    page.fill("#id_expected_product", "Kế hoạch của đảng ủy")
    deadline = today + dt.timedelta(days=30)
    page.fill("#id_deadline", deadline.strftime("%d/%m/%Y"))
    for org in (tree.ward, tree.commune, third):
        page.check(f"#picker-leads input[value='{org.pk}']")
    shot(page, "directives-02-assign.png")
    page.click("#task-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Đã giao cho 3 đơn vị.")
    task = Task.objects.get(document=plan)
    assert {a.organization_id for a in task.assignments.all()} == {
        tree.ward.pk,
        tree.commune.pk,
        third.pk,
    }
    # A second task, assigned two months ago, whose deadline has passed.
    late = services.task_assign(
        actor=specialist,
        assigned_by=tree.root,
        title="Báo cáo rà soát đảng viên",
        deadline=today - dt.timedelta(days=5),
        leads=[tree.ward, tree.commune],
        assigned_on=today - dt.timedelta(days=60),
    )
    sign_out(page, base)

    # The ward's officer: the overdue task first, then reports progress on the new one.
    sign_in(page, base, "ward")
    page.goto(f"{base}/directives/tasks/")
    first = page.locator("#assignments tbody tr").first
    expect(first).to_contain_text("Báo cáo rà soát đảng viên")
    expect(first.locator(".badge-overdue")).to_have_text("Quá hạn")
    ward_part = Assignment.objects.get(task=task, organization=tree.ward)
    page.click(f"#assignments a[href='{ward_part.get_absolute_url()}']")
    page.fill("#id_progress", "40")
    page.fill("#id_text", "Đã dự thảo kế hoạch, chờ đảng ủy cho ý kiến.")
    shot(page, "directives-03-report-progress.png")
    page.click("button[value=progress]")
    expect(page.locator(".messages")).to_contain_text("Đã báo cáo tiến độ.")
    expect(page.locator(".timeline")).to_contain_text("Đã dự thảo kế hoạch")
    ward_part.refresh_from_db()
    assert ward_part.progress == 40
    # Another commune's assignment is not hers (asked through the tab's own session).
    other = Assignment.objects.get(task=task, organization=tree.commune)
    assert page.request.get(f"{base}{other.get_absolute_url()}").status == 404
    sign_out(page, base)

    # The board's dashboard: the overdue ones, counted by organization below.
    sign_in(page, base, "specialist")
    page.goto(f"{base}/directives/tasks/")
    card = page.locator("#overdue-below")
    expect(card.locator("h2")).to_have_text("2 nhiệm vụ quá hạn ở các tổ chức cấp dưới")
    expect(card).to_contain_text("Đảng bộ phường An Hòa")
    expect(card).to_contain_text("Đảng bộ xã Bình Điền")
    expect(card).not_to_contain_text("Đảng bộ phường Phú Xuân")
    expect(page.locator("#given tbody tr").first).to_contain_text(late.title)
    shot(page, "directives-04-dashboard-desktop.png")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "directives-05-dashboard-phone.png")
    page.goto(f"{base}{task.get_absolute_url()}")
    expect(page.locator(".task-tree")).to_contain_text("40%")
    shot(page, "directives-06-task-phone.png")
