"""The review journey in Debian's Chromium: a commune officer fills and sends the ward's
submission; the board specialist returns it with a comment; it is corrected, resent and
accepted; the report is generated and downloaded. A commune officer cannot open another
commune's submission nor the city's report (404). Screenshots in ``var/screenshots/``.

Without /usr/bin/chromium these tests are skipped with a message naming the Debian
package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from tcxd.testing.browser import shot, sign_in

from .. import services
from ..choices import SubmissionStatus
from ..models import Report
from .conftest import send

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_out(page: Any, base: str) -> None:
    page.click("header form button.linklike")
    page.wait_for_url(f"{base}/**")


def test_a_submission_is_sent_returned_resent_accepted_and_reported(page, live_server, city):
    from playwright.sync_api import expect

    base = live_server.url
    tree, p = city.tree, city.personas
    ward_sub = city.submission(tree.ward)

    # The ward's officer fills in the narrative and a comment on a figure, then sends.
    sign_in(page, base, "ward")
    page.click("nav.mainnav a[href='/reviews/']")
    expect(page.locator("h1")).to_have_text("Sơ kết, tổng kết")
    page.click(f"a[href='{ward_sub.get_absolute_url()}']")
    page.fill("#id_results", "Kiện toàn 2 chi bộ sau sắp xếp.\nKết nạp đúng quy trình.")
    page.fill("#id_limitations", "Nguồn kết nạp ở khu dân cư còn ít.")
    page.fill("#id_directions", "Tạo nguồn kết nạp đảng viên.")
    page.fill("input[name='comment:test_reviews.members_end']", "Đã đối chiếu danh sách")
    shot(page, "reviews-01-submission-form.png")
    page.click("button[name='send']")
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo.")
    expect(page.locator("h1")).to_have_text("Đảng bộ phường An Hòa")
    sign_out(page, base)

    # The board specialist sees who is late and returns the submission with a comment.
    sign_in(page, base, "specialist")
    page.goto(f"{base}{city.review.get_absolute_url()}")
    expect(page.locator("#submissions tbody tr")).to_have_count(3)
    shot(page, "reviews-02-review.png")
    page.click(f"#submissions a[href='{ward_sub.get_absolute_url()}']")
    page.fill("#id_comment", "Đề nghị nêu rõ nguyên nhân hạn chế.")
    page.click("#return-form button:has-text('Trả lại kèm ý kiến')")
    expect(page.locator(".messages")).to_contain_text("Đã trả lại kèm ý kiến.")
    sign_out(page, base)

    # The officer reads the comment, corrects and resends.
    sign_in(page, base, "ward")
    page.goto(f"{base}{ward_sub.get_absolute_url()}")
    expect(page.locator(".returned-card")).to_contain_text("Đề nghị nêu rõ nguyên nhân hạn chế.")
    page.fill("#id_limitations", "Nguồn kết nạp ít do đoàn viên đi làm ăn xa.")
    page.click("button[name='send']")
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo.")
    ward_sub.refresh_from_db()
    assert ward_sub.status == SubmissionStatus.RESUBMITTED

    # Another commune's submission and the city's report are not hers: 404.
    other = city.submission(tree.commune)
    # (asked through the tab's own session, so that no 404 lands in the console)
    assert page.request.get(f"{base}{other.get_absolute_url()}").status == 404
    assert page.request.get(f"{base}{city.review.get_absolute_url()}").status == 404
    sign_out(page, base)

    # The specialist accepts; the other two are sent and accepted behind the scenes.
    sign_in(page, base, "specialist")
    page.goto(f"{base}{ward_sub.get_absolute_url()}")
    page.click("#return-form button:has-text('Chấp nhận')")
    expect(page.locator(".messages")).to_contain_text("Đã chấp nhận.")
    for org, who in [(tree.commune, p.outsider), (tree.agency, p.board_specialist)]:
        sub = send(city, org, who)
        services.submission_accept(
            actor=p.board_specialist, submission=sub, expected_version=sub.version
        )

    # Generate the report and download it.
    page.goto(f"{base}{city.review.get_absolute_url()}")
    page.click("a:has-text('Tạo báo cáo')")
    page.fill("#id_signer_name", "Trần Văn Minh")
    page.fill("#id_results", "Hoàn thành các nhiệm vụ trọng tâm.")
    page.fill("#id_limitations", "Kết nạp đảng viên còn ít.")
    page.fill("#id_directions", "Tập trung tạo nguồn.")
    shot(page, "reviews-03-report-form.png")
    page.click("button:has-text('Tạo báo cáo')")
    expect(page.locator(".messages")).to_contain_text("Đã tạo Báo cáo số")
    shot(page, "reviews-04-review-with-report.png")
    with page.expect_download() as info:
        page.click("a:has-text('Báo cáo (.docx)')")
    with open(info.value.path(), "rb") as downloaded:
        content = downloaded.read()
    doc = Document(io.BytesIO(content))
    assert "BÁO CÁO" in [para.text for para in doc.paragraphs]
    report = Report.objects.get()
    sign_out(page, base)

    # The ward's officer may not download the city's report.
    sign_in(page, base, "ward")
    assert page.request.get(f"{base}/reviews/reports/{report.pk}/report.docx").status == 404
    assert page.request.get(f"{base}/reviews/reports/{report.pk}/annex.xlsx").status == 404
