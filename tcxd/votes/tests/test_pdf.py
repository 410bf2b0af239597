"""The printed paper: the ballots (one page each, the names, posts and the three level
columns in Vietnamese) and the code slips (ten to a page), read back with pdftotext
(poppler-utils) or, without it, fpdf's page count."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .. import ballots_pdf

PEOPLE = [
    ("Nguyễn Văn Một", "Phó Bí thư Thường trực Thành ủy"),
    ("Trần Thị Hai", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Thành ủy"),
    ("Đặng Thị Ưng", "Bí thư Đảng ủy các cơ quan Đảng thành phố"),
]
LEVELS = ["Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"]


def pages_and_text(content: bytes, tmp_path) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is missing")
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return len(pages), pages


def test_one_page_per_ballot_with_the_names(tmp_path) -> None:
    content = ballots_pdf.ballots(
        issuer="Thành ủy Thử nghiệm",
        title="Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030",
        held_on="10/12/2027",
        candidates=PEOPLE,
        levels=LEVELS,
        count=7,
        signature=True,
    )
    count, pages = pages_and_text(content, tmp_path)
    assert count == 7
    for page in pages:
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page
        assert "PHIẾU LẤY PHIẾU TÍN NHIỆM" in page
        assert "Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030" in page
        for name, _post in PEOPLE:
            assert name in page
        assert "Tín nhiệm thấp" in page.replace("\n", " ") or "thấp" in page
        assert "Hướng dẫn" in page and "ghi rõ họ tên" in page
    without = ballots_pdf.ballots(
        issuer="X", title="T", held_on="01/01/2027", candidates=PEOPLE, levels=LEVELS, count=1
    )
    assert "ghi rõ họ tên" not in pages_and_text(without, tmp_path)[1][0]


def test_a_long_list_still_fits_one_page(tmp_path) -> None:
    people = [(f"Người được lấy phiếu số {i}", "Ủy viên Ban Thường vụ Thành ủy") for i in range(15)]
    content = ballots_pdf.ballots(
        issuer="X", title="T", held_on="01/01/2027", candidates=people, levels=LEVELS, count=2
    )
    assert pages_and_text(content, tmp_path)[0] == 2


def test_code_slips_ten_to_a_page(tmp_path) -> None:
    codes = [f"ABCDE-{n:05d}".replace("0", "Q") for n in range(23)]
    content = ballots_pdf.code_slips(
        title="Lấy phiếu", codes=codes, url="https://tcxd.example/votes/1/vote/"
    )
    count, pages = pages_and_text(content, tmp_path)
    assert count == 3
    text = "\n".join(pages)
    for code in codes:
        assert code in text
    assert text.count("Mã bỏ phiếu:") == 23
    assert "https://tcxd.example/votes/1/vote/" in pages[0]
