"""The cell secretary's journey on a phone-sized screen (390 × 844) in Debian's Chromium:
open the cell's meetings, record today's meeting taking the roll by tapping each member
(present → absent with reason → absent without reason), save, score it, download the
minutes and read them back. Screenshots in ``var/screenshots/``.

Without /usr/bin/chromium these tests are skipped with a message naming the Debian
package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from docx import Document

from tcxd.testing.browser import shot, sign_in

from ..models import Meeting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def tap(page, name: str, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _n in range(times):
        page.click(f"button.tap:has-text('{name}')")


def test_the_secretary_records_scores_and_prints_a_meeting_on_a_phone(page, live_server, cell):
    from playwright.sync_api import expect

    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, "secretary")
    page.goto(f"{base}/meetings/")
    expect(page.locator("h1")).to_have_text("Chi bộ Tổ dân phố 1")
    shot(page, "meetings-01-cell-phone.png")
    page.click("#record-meeting")
    expect(page.locator("h1")).to_have_text("Ghi buổi sinh hoạt")
    page.fill("#id_starts_at", "19:30")
    page.fill("#id_ends_at", "21:15")
    page.fill("#id_place", "Nhà văn hóa tổ dân phố 1")
    page.select_option("#id_chair", label="Nguyễn Văn An")
    page.select_option("#id_secretary", label="Trần Thị Bình")
    # The member away and the exempt member are listed apart, not as tap targets.
    expect(page.locator("button.tap")).to_have_count(10)
    expect(page.locator(".roll-apart")).to_contain_text("Ngô Văn Minh")
    expect(page.locator(".roll-apart")).to_contain_text("Dương Thị Nga")
    tap(page, "Phạm Văn Dũng")  # absent with reason
    page.fill(f"input[name='reason-{cell.by_name('Phạm Văn Dũng').pk}']", "Ốm")
    tap(page, "Hoàng Văn Em", 2)  # absent without reason
    tap(page, "Lê Văn Cường", 3)  # round the cycle: present again
    expect(page.locator("button.tap:has-text('Hoàng Văn Em')")).to_contain_text("Vắng không lý do")
    page.uncheck(f"input[name='dues-{cell.by_name('Bùi Thị Hạnh').pk}']")
    page.fill("#id_agenda", "Đánh giá kết quả tháng\nTriển khai nhiệm vụ tháng tới")
    page.fill("#id_minutes", "Đồng chí Bí thư khai mạc, điểm danh.")
    page.fill("#id_results", "Hoàn thành các nhiệm vụ trong tháng.")
    page.fill("#id_tasks_text", "Vận động nhân dân tổng vệ sinh.")
    page.fill("input[name='task-0']", "Tổng vệ sinh khu dân cư")
    page.fill("input[name='assignee-0']", "Tổ 1")
    shot(page, "meetings-02-form-phone.png")
    page.click("#save-meeting")
    expect(page.locator(".messages")).to_contain_text("Đã lưu buổi sinh hoạt.")
    meeting = Meeting.objects.get()
    assert (meeting.expected_count, meeting.present_count) == (10, 8)
    assert (meeting.excused_count, meeting.unexcused_count) == (1, 1)
    assert meeting.held_on == timezone.localdate()

    # The score: the criteria the record answers are filled in (attendance 80 % is not
    # above 90 %: 0; one absent without reason: 0; 105 minutes: 10; no documents shared
    # in advance: 0; minutes complete: 5); the secretary scores the rest.
    expect(page.locator("#item_3")).to_have_value("0")
    expect(page.locator("#item_5")).to_have_value("10")
    for code, points in (("1", "12"), ("6", "8"), ("7", "12"), ("8", "7"), ("10", "4")):
        page.fill(f"#item_{code}", points)
    page.fill("#item_2", "0")
    shot(page, "meetings-03-score-phone.png")
    page.click("#save-score")
    expect(page.locator(".messages")).to_contain_text("Đã chấm 58 điểm: Trung bình.")

    with page.expect_download() as info:
        page.click("#download-minutes")
    with open(info.value.path(), "rb") as downloaded:
        doc = Document(io.BytesIO(downloaded.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN" in text
    assert "có mặt: 8 (tỷ lệ 80,0%)" in text
    assert "Vắng không lý do: đồng chí Hoàng Văn Em." in text
    assert "chưa đóng: Bùi Thị Hạnh" in text
    assert "58/100 điểm, xếp mức Trung bình" in text
    shot(page, "meetings-04-meeting-phone.png")
