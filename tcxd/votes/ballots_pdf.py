"""Printed paper of a confidence vote, with fpdf2 and the vendored Liberation Serif (it
has every Vietnamese letter): the paper ballots, one A4 page each (Quy định 96-QĐ/TW,
Phụ lục 4: the names, the posts and one column per level), and the slips of the one-time
voting codes, ten to a page, to cut and hand out at random to those present."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF

FONTS = Path(__file__).parent / "fonts"
FAMILY = "LiberationSerif"


def _pdf() -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "LiberationSerif-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "LiberationSerif-Bold.ttf"))
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 15, 15)
    pdf.set_creator("TCXD")
    return pdf


def ballots(
    *,
    issuer: str,
    title: str,
    held_on: str,
    candidates: Sequence[tuple[str, str]],
    levels: Sequence[str],
    count: int,
    signature: bool = False,
) -> bytes:
    """``count`` identical ballots, one per page. ``candidates``: (name, post) in order;
    ``levels``: the column headings ("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp")."""
    pdf = _pdf()
    pdf.set_title(f"Phiếu lấy phiếu tín nhiệm — {title}")
    width = pdf.w - pdf.l_margin - pdf.r_margin
    level_w = 25.0
    no_w = 10.0
    name_w = 52.0
    post_w = width - no_w - name_w - level_w * len(levels)
    for _n in range(count):
        pdf.add_page()
        # Header: the organizing body on the left, the Party's name on the right.
        top = pdf.get_y()
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(70, 6, issuer.upper(), align="C")
        pdf.set_xy(pdf.l_margin + 80, top)
        pdf.set_font(FAMILY, "B", 13)
        pdf.cell(width - 80, 6, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C")
        y = top + 6.5
        x0 = pdf.l_margin + 80 + (width - 80) / 2
        pdf.line(x0 - 28, y, x0 + 28, y)
        pdf.set_y(top + 22)
        pdf.set_font(FAMILY, "B", 16)
        pdf.cell(width, 9, "PHIẾU LẤY PHIẾU TÍN NHIỆM", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(width, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 11)
        pdf.cell(width, 6, f"Ngày {held_on}", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
        # The table.
        pdf.set_font(FAMILY, "B", 11)
        head_h = 12.0
        y = pdf.get_y()
        x = pdf.l_margin
        for text, w in (("TT", no_w), ("Họ và tên", name_w), ("Chức vụ", post_w)):
            pdf.rect(x, y, w, head_h)
            pdf.set_xy(x, y + (head_h - 6) / 2)
            pdf.cell(w, 6, text, align="C")
            x += w
        for text in levels:
            pdf.rect(x, y, level_w, head_h)
            pdf.set_xy(x, y + 1)
            pdf.multi_cell(level_w, 5, text, align="C")
            x += level_w
        pdf.set_y(y + head_h)
        pdf.set_font(FAMILY, "", 11)
        for no, (name, post) in enumerate(candidates, start=1):
            lines = max(_lines(pdf, name_w - 2, name), _lines(pdf, post_w - 2, post), 1)
            row_h = max(10.0, lines * 5.5 + 3)
            y = pdf.get_y()
            x = pdf.l_margin
            pdf.rect(x, y, no_w, row_h)
            pdf.set_xy(x, y + (row_h - 5.5) / 2)
            pdf.cell(no_w, 5.5, str(no), align="C")
            x += no_w
            for text, w in ((name, name_w), (post, post_w)):
                pdf.rect(x, y, w, row_h)
                pdf.set_xy(x + 1, y + 1.5)
                pdf.multi_cell(w - 2, 5.5, text, align="L")
                x += w
            for _level in levels:
                pdf.rect(x, y, level_w, row_h)
                box = 6.0
                pdf.rect(x + (level_w - box) / 2, y + (row_h - box) / 2, box, box)
                x += level_w
            pdf.set_y(y + row_h)
        pdf.ln(5)
        pdf.set_font(FAMILY, "B", 11)
        pdf.cell(width, 6, "Hướng dẫn:", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 11)
        for line in (
            f"- Với mỗi người, đánh dấu (X) vào một trong {len(levels)} ô.",
            "- Phiếu không hợp lệ đối với một người khi không đánh dấu ô nào, đánh dấu từ "
            "hai ô trở lên hoặc gạch tên người đó; phiếu không do Ban kiểm phiếu phát ra "
            "không hợp lệ.",
            "- Không ghi thêm tên người ngoài danh sách.",
        ):
            pdf.multi_cell(width, 5.5, line, new_x="LMARGIN", new_y="NEXT")
        if signature:
            pdf.ln(8)
            pdf.set_x(pdf.l_margin + width / 2)
            pdf.set_font(FAMILY, "", 11)
            pdf.cell(
                width / 2,
                6,
                "Người bỏ phiếu (ký, ghi rõ họ tên — nếu muốn)",
                align="C",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())


def code_slips(*, title: str, codes: Sequence[str], url: str, per_page: int = 10) -> bytes:
    """The codes, ``per_page`` slips to a page (two columns), with dashed cutting lines."""
    pdf = _pdf()
    pdf.set_title(f"Mã bỏ phiếu — {title}")
    pdf.set_margins(10, 10, 10)
    cols = 2
    rows = max(1, per_page // cols)
    slip_w = (pdf.w - 20) / cols
    slip_h = (pdf.h - 20) / rows
    for index, code in enumerate(codes):
        if index % (rows * cols) == 0:
            pdf.add_page()
            _cut_lines(pdf, cols, rows, slip_w, slip_h)
        slot = index % (rows * cols)
        x = 10 + (slot % cols) * slip_w
        y = 10 + (slot // cols) * slip_h
        pdf.set_xy(x + 5, y + 5)
        pdf.set_font(FAMILY, "", 9)
        pdf.multi_cell(slip_w - 10, 4.5, title, align="C")
        pdf.set_xy(x + 5, y + slip_h / 2 - 7)
        pdf.set_font(FAMILY, "", 11)
        pdf.cell(slip_w - 10, 6, "Mã bỏ phiếu:", align="C")
        pdf.set_xy(x + 5, y + slip_h / 2 - 1)
        pdf.set_font(FAMILY, "B", 18)
        pdf.cell(slip_w - 10, 9, code, align="C")
        pdf.set_xy(x + 5, y + slip_h - 14)
        pdf.set_font(FAMILY, "", 9)
        pdf.multi_cell(slip_w - 10, 4.5, f"Bỏ phiếu tại: {url}", align="C")
        pdf.set_x(x + 5)
        pdf.multi_cell(slip_w - 10, 4.5, "Mã chỉ dùng được một lần.", align="C")
    return bytes(pdf.output())


def _lines(pdf: Any, width: float, text: str) -> int:
    """How many lines ``text`` takes in a cell of ``width`` mm."""
    return len(pdf.multi_cell(width, 5.5, text, dry_run=True, output="LINES"))


def _cut_lines(pdf: Any, cols: int, rows: int, w: float, h: float) -> None:
    pdf.set_draw_color(150, 150, 150)
    pdf.set_dash_pattern(dash=2, gap=2)
    for c in range(cols + 1):
        pdf.line(10 + c * w, 10, 10 + c * w, 10 + rows * h)
    for r in range(rows + 1):
        pdf.line(10, 10 + r * h, 10 + cols * w, 10 + r * h)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)
