"""The files of a tallied vote: the report and the minutes reopened (Party format, the
table's figures equal to the frozen results), the .xlsx, and both .docx opened by
LibreOffice (skipped unless soffice exists; TCXD_REQUIRE_SOFFICE=1 in CI)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from docx import Document

from tcxd.reviews.tests.test_report import _soffice

from .. import report as builder

pytestmark = pytest.mark.django_db

HEADING = {
    "number": 31,
    "symbol": "BC/TU",
    "issued_on": dt.date(2027, 12, 15),
    "place": "Thử nghiệm",
    "issuer_upper": "ĐẢNG BỘ THÀNH PHỐ THỬ NGHIỆM",
    "issuer": "THÀNH ỦY",
    "sign_for": "T/M BAN THƯỜNG VỤ",
    "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "signer_name": "Nguyễn Văn Bình",
    "recipients": ["Ban Tổ chức Trung ương (để báo cáo)", "Lưu VP"],
}


def texts(content: bytes):  # type: ignore[no-untyped-def]
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paragraphs, tables, doc


def expected_rows(vote):  # type: ignore[no-untyped-def]
    """The table rows as the frozen results say, worked out in conftest: percentages of
    the 5 ballots returned."""
    rows = []
    for r in vote.results.select_related("candidate").order_by("candidate__position"):
        levels = []
        for code in ("high", "trust", "low"):
            n = r.counts[code]
            share = f"{n * 100 / r.returned:.2f}".replace(".", ",")
            levels.append(f"{n}\n{share}%")
        rows.append(
            [
                str(r.candidate.position),
                f"{r.candidate.full_name}, {r.candidate.post}",
                str(r.issued),
                str(r.returned),
                str(r.valid),
                str(r.invalid),
                *levels,
            ]
        )
    return rows


def test_the_report_is_in_the_party_format(tallied) -> None:
    content = builder.build_report(tallied.vote, HEADING)
    paragraphs, tables, doc = texts(content)
    left, right = tables[0][0]
    assert left.split("\n") == ["ĐẢNG BỘ THÀNH PHỐ THỬ NGHIỆM", "THÀNH ỦY", "*", "Số 31-BC/TU"]
    assert right.split("\n") == [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "",
        "Thử nghiệm, ngày 15 tháng 12 năm 2027",
    ]
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1 : title + 4] == [
        "Kết quả lấy phiếu tín nhiệm",
        "Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030",
        "-----",
    ]
    body = "\n".join(paragraphs)
    assert "Số người được triệu tập: 6; số người có mặt: 5 (83,33%" in body
    assert "Số phiếu phát ra: 5; số phiếu thu về: 5." in body
    assert "Có 0 đồng chí có trên 1/2 đến dưới 2/3" in body
    assert "1 đồng chí có từ 2/3 trở lên" in body
    assert (
        "- Đồng chí Trần Thị Hai, Trưởng Ban Tổ chức Thành ủy: 4/5 phiếu tín nhiệm thấp "
        "(80,00%). Xem xét miễn nhiệm chức vụ mà không chờ hết nhiệm kỳ." in paragraphs
    )
    table = tables[1]
    assert table[0][6:9] == ["Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"]
    assert [row[:9] for row in table[1:]] == expected_rows(tallied.vote)
    assert table[1][9] == "" and table[2][9] == "Từ 2/3 trở lên phiếu tín nhiệm thấp"
    sign = tables[-1][0]
    assert sign[0].split("\n")[:3] == [
        "Nơi nhận:",
        "- Ban Tổ chức Trung ương (để báo cáo),",
        "- Lưu VP",
    ]
    assert [line for line in sign[1].split("\n") if line] == [
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Nguyễn Văn Bình",
    ]
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_minutes(tallied) -> None:
    paragraphs, tables, _doc = texts(builder.build_minutes(tallied.vote))
    assert tables[0][0][0].split("\n")[:3] == [
        "ĐẢNG BỘ THÀNH PHỐ THỬ NGHIỆM",
        "BAN KIỂM PHIẾU",
        "*",
    ]
    assert tables[0][0][1].endswith("ngày 10 tháng 12 năm 2027")
    assert "BIÊN BẢN KIỂM PHIẾU" in paragraphs
    assert "- Đồng chí Lê Văn Ba, Trưởng ban;" in paragraphs
    assert "- Đồng chí Phạm Thị Bốn, Thành viên;" in paragraphs
    body = "\n".join(paragraphs)
    assert "- Số phiếu phát ra: 5 (phiếu giấy: 2; mã bỏ phiếu điện tử: 3)." in body
    assert "- Số phiếu thu về: 5 (phiếu giấy: 2; phiếu điện tử: 3)." in body
    assert [row[:9] for row in tables[1][1:]] == expected_rows(tallied.vote)
    sign = tables[-1][0]
    assert "TRƯỞNG BAN KIỂM PHIẾU" in sign[1] and "Lê Văn Ba" in sign[1]
    assert "Phạm Thị Bốn" in sign[0]


def test_the_xlsx_table(tallied) -> None:
    book = openpyxl.load_workbook(io.BytesIO(builder.build_xlsx(tallied.vote)))
    sheet = book.active
    assert sheet.cell(4, 1).value == "TT"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=6)]
    assert rows[0][:13] == [
        1,
        "Nguyễn Văn Một",
        "Phó Bí thư Thường trực Thành ủy",
        5,
        5,
        4,
        1,
        3,
        60,
        1,
        20,
        0,
        0,
    ]
    assert rows[1][:13] == [
        2,
        "Trần Thị Hai",
        "Trưởng Ban Tổ chức Thành ủy",
        5,
        5,
        5,
        0,
        0,
        0,
        1,
        20,
        4,
        80,
    ]
    assert rows[1][13] == "Từ 2/3 trở lên phiếu tín nhiệm thấp"


def test_libreoffice_opens_the_report_and_the_minutes(tallied, tmp_path) -> None:
    soffice = _soffice()
    shots = Path(settings.VAR_DIR) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    files = {
        "bao-cao-tin-nhiem.docx": builder.build_report(tallied.vote, HEADING),
        "bien-ban-kiem-phieu.docx": builder.build_minutes(tallied.vote),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(tmp_path / name),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pdf = tmp_path / name.replace(".docx", ".pdf")
        assert pdf.stat().st_size > 1000
        stem = shots / ("votes-" + name.split(".")[0])
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(stem)],
            check=True,
            timeout=60,
        )
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Trần Thị Hai" in text
        if name.startswith("bao-cao"):
            assert "Số 31-BC/TU" in text
        else:
            assert "BIÊN BẢN KIỂM PHIẾU" in text
