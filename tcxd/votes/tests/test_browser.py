"""The confidence vote of the issue in Debian's Chromium: the board specialist records
attendance and opens the vote, issues three codes (read back from the slips' PDF); three
voters cast electronic ballots from three separate browser contexts without signing in;
two members of the counting board, each signed in, enter two paper ballots by double entry;
the specialist closes, tallies and downloads the report. Screenshots in var/screenshots/.

Without /usr/bin/chromium these tests are skipped with a message naming the Debian
package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import io
import re
import subprocess
from typing import Any

import pytest
from docx import Document

from tcxd.testing.browser import shot, sign_in

from ..choices import VoteStatus
from ..models import Ballot
from .conftest import build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# (Nguyễn Văn Một, Trần Thị Hai) on each ballot.
ELECTRONIC = [("high", "low"), ("high", "trust"), ("trust", "low")]
PAPER = [("high", "low"), ("trust", "low")]


def codes_from_pdf(path: str) -> list[str]:
    text = subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"\b[A-Z2-9]{5}-[A-Z2-9]{5}\b", text)


def new_tab(browser: Any, **kw: Any) -> tuple[Any, Any]:
    context = browser.new_context(locale="vi-VN", **kw)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def test_the_confidence_vote_of_the_issue(page, browser, live_server, tree, personas) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    scene = build(tree, personas, until="prepared")
    vote = scene.vote

    # The specialist records attendance (5 of 6) and opens the vote with 2 paper ballots
    # (a first try with 3 present is refused: the quorum is 2/3 of 6).
    # (the refusal is a 400 page: in a tab of its own, so that the console of ``page``
    # stays clean)
    context, tab = new_tab(browser, viewport={"width": 1280, "height": 900})
    sign_in(tab, base, "specialist")
    tab.goto(f"{base}/votes/{vote.pk}/open/")
    for i in range(3):
        tab.locator("#present-list input[type=checkbox]").nth(i).check()
    tab.click("button:has-text('Ghi danh sách có mặt và mở bỏ phiếu')")
    expect(tab.locator(".form-error")).to_contain_text("Chỉ có 3 trên 6")
    shot(tab, "votes-00-no-quorum.png")
    context.close()
    sign_in(page, base, "specialist")
    page.click("nav.mainnav a[href='/votes/']")
    expect(page.locator("h1")).to_have_text("Lấy phiếu tín nhiệm")
    page.click(f"#votes a[href='{vote.get_absolute_url()}']")
    page.click("a:has-text('Điểm danh và mở bỏ phiếu')")
    boxes = page.locator("#present-list input[type=checkbox]")
    for i in range(5):
        boxes.nth(i).check()
    page.fill("#id_paper_issued", "2")
    page.click("button:has-text('Ghi danh sách có mặt và mở bỏ phiếu')")
    expect(page.locator(".messages")).to_contain_text("Đã mở bỏ phiếu.")
    shot(page, "votes-01-open.png")

    # Three codes, printed as slips (the only place they exist in plain text).
    page.fill("#id_count", "3")
    with page.expect_download() as info:
        page.click("button:has-text('Phát mã và in phiếu mã (PDF)')")
    codes = codes_from_pdf(str(info.value.path()))
    assert len(set(codes)) == 3

    # Three voters, each in a browser context of their own (a phone), no sign-in, with the
    # codes of the PDF; a fourth tries a made-up code and is refused.
    voting = f"{base}/votes/{vote.pk}/vote/"
    for n, code in enumerate([*codes, "WRONG-CODE2"]):
        context, tab = new_tab(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
        tab.goto(voting)
        expect(tab.locator("h1")).to_have_text(vote.title)
        tab.fill("#id_code", code.lower())
        tab.click("button:has-text('Tiếp tục')")
        if code.startswith("WRONG"):
            expect(tab.locator(".form-error")).to_contain_text("không hợp lệ")
            shot(tab, "votes-05-wrong-code-phone.png")
            context.close()
            continue
        first, second = ELECTRONIC[n]
        rows = tab.locator("fieldset.ballot-row")
        expect(rows).to_have_count(2)
        rows.nth(0).locator(f"label.level-{first}").click()
        rows.nth(1).locator(f"label.level-{second}").click()
        if n == 0:
            shot(tab, "votes-03-ballot-phone.png")
        tab.click("button:has-text('Bỏ phiếu')")
        expect(tab.locator("h1")).to_have_text("Cảm ơn đồng chí: phiếu đã được ghi nhận.")
        if n == 0:
            shot(tab, "votes-04-thanks-phone.png")
        # Back to the code: the same code is refused.
        tab.goto(voting)
        tab.fill("#id_code", code)
        tab.click("button:has-text('Tiếp tục')")
        expect(tab.locator(".form-error")).to_contain_text("đã được sử dụng")
        context.close()
    assert Ballot.objects.filter(vote=vote).count() == 3

    # Two paper ballots, entered by both members of the counting board.
    for username in ("kp.truong", "kp.thanhvien"):
        context, tab = new_tab(browser, viewport={"width": 1280, "height": 900})
        sign_in(tab, base, username)
        tab.goto(f"{base}/votes/{vote.pk}/paper/")
        for sheet, (first, second) in enumerate(PAPER, start=1):
            tab.fill("#id_sheet_no", str(sheet))
            rows = tab.locator("table.marks tbody tr")
            rows.nth(0).locator(f"input[value='{first}']").check()
            rows.nth(1).locator(f"input[value='{second}']").check()
            if username == "kp.thanhvien" and sheet == 2:
                shot(tab, "votes-06-paper-entry.png")
            tab.click("button:has-text('Lưu lần nhập này')")
            expect(tab.locator(".messages")).to_contain_text(f"Đã nhập phiếu số {sheet}")
        context.close()
    assert Ballot.objects.filter(vote=vote, channel="paper").count() == 2

    # Close, tally, the results, the report.
    page.goto(f"{base}{vote.get_absolute_url()}")
    page.click("button:has-text('Kết thúc bỏ phiếu')")
    expect(page.locator(".messages")).to_contain_text("Đã kết thúc bỏ phiếu.")
    page.click("button:has-text('Kiểm phiếu')")
    expect(page.locator(".messages")).to_contain_text("Đã kiểm phiếu")
    expect(page.locator("#results tbody tr")).to_have_count(2)
    # Trần Thị Hai: 4 "low" of 5 returned = 80,00 % → 2/3 or more.
    expect(page.locator("#results tbody tr").nth(1)).to_contain_text("80,00")
    expect(page.locator("#results tbody tr").nth(1)).to_contain_text("2/3 trở lên")
    shot(page, "votes-07-results.png")
    page.click("a:has-text('Báo cáo kết quả (.docx)')")
    page.fill("#id_signer_name", "Nguyễn Văn Bình")
    shot(page, "votes-08-report-form.png")
    with page.expect_download() as info:
        page.click("button:has-text('Tạo và tải báo cáo')")
    with open(info.value.path(), "rb") as downloaded:
        doc = Document(io.BytesIO(downloaded.read()))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    scene.refresh()
    assert scene.vote.status == VoteStatus.REPORTED
