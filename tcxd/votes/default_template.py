"""The Word templates of a confidence vote, in the Party's document format (Hướng dẫn
36-HD/VPTW; the same page, fonts and header as the review report, whose python-docx helpers
are reused): the result report (BÁO CÁO kết quả lấy phiếu tín nhiệm) and the counting
board's minutes (BIÊN BẢN KIỂM PHIẾU). Both are ordinary .docx files with docxtpl fields,
rendered by ``report.py``; the fields are listed in docs/votes.md.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from tcxd.reviews.default_template import (
    _bottom_rule,
    _cell_text,
    _font,
    _grid,
    _no_borders,
    _page_number_header,
    _para,
    _widths,
)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _document() -> Any:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_number_header(section)
    normal = doc.styles["Normal"]
    _font(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    return doc


def _header(doc: Any, number_line: str) -> None:
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    _widths(head, [6.6, 9.9])
    left, right = head.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    _font(left.paragraphs[0].add_run("{{ issuer_upper }}"), 14)
    _para(left, "{{ issuer }}", bold=True, align=CENTER)
    _para(left, "*", align=CENTER)
    if number_line:
        _para(left, number_line, align=CENTER)
    party = right.paragraphs[0]
    party.alignment = CENTER
    _font(party.add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 15, bold=True)
    party.paragraph_format.left_indent = Cm(0.9)
    party.paragraph_format.right_indent = Cm(0.9)
    _bottom_rule(party)
    _para(right, "", size=8)
    _para(
        right,
        "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}",
        italic=True,
        align=CENTER,
    )


def _results_table(doc: Any) -> None:
    """TT | name and post | ballots issued | returned | valid | invalid | one column per
    level (count, and % of the ballots returned below it) | consequence."""
    table = doc.add_table(rows=4, cols=10)
    _grid(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [1.0, 3.0, 1.2, 1.2, 1.2, 1.6, 1.8, 1.8, 1.8, 1.9])
    labels = [
        "TT",
        "Họ và tên, chức vụ",
        "Phát ra",
        "Thu về",
        "Hợp lệ",
        "Không hợp lệ",
        "{{ level_labels[0] }}",
        "{{ level_labels[1] }}",
        "{{ level_labels[2] }}",
        "Ghi chú",
    ]
    for cell, text in zip(table.rows[0].cells, labels, strict=True):
        _cell_text(cell, text, size=10, bold=True, align=CENTER)
    _cell_text(table.rows[1].cells[0], "{%tr for r in rows %}", size=10)
    values = [
        "{{ r.no }}",
        "{{ r.name }}, {{ r.post }}",
        "{{ r.issued }}",
        "{{ r.returned }}",
        "{{ r.valid }}",
        "{{ r.invalid }}",
        "{{ r.levels[0] }}",
        "{{ r.levels[1] }}",
        "{{ r.levels[2] }}",
        "{{ r.note }}",
    ]
    aligns = [1, 0, 1, 1, 1, 1, 1, 1, 1, 0]
    for cell, text, align in zip(table.rows[2].cells, values, aligns, strict=True):
        _cell_text(cell, text, size=10, align=align)
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=10)


def _body(doc: Any, text: str, **kw: Any) -> Any:
    return _para(doc, text, align=JUSTIFY, indent=True, after=6, **kw)


def _save(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_report() -> bytes:
    doc = _document()
    _header(doc, "Số {{ number }}-{{ symbol }}")
    _para(doc, "BÁO CÁO", size=16, bold=True, align=CENTER, before=18)
    _para(doc, "Kết quả lấy phiếu tín nhiệm", bold=True, align=CENTER)
    _para(doc, "{{ title }}", bold=True, align=CENTER)
    _para(doc, "-----", align=CENTER, after=12)
    _body(
        doc,
        "Thực hiện {{ legal_basis }}, ngày {{ held_on }}, tại {{ vote_place }}, "
        "{{ organization }} đã tổ chức lấy phiếu tín nhiệm đối với {{ people }} đồng chí. "
        "Kết quả như sau:",
    )
    _body(doc, "1. Số người tham gia lấy phiếu", bold=True)
    _body(
        doc,
        "Số người được triệu tập: {{ convened }}; số người có mặt: {{ present }} "
        "({{ present_share }} số người được triệu tập). Số phiếu phát ra: {{ issued }}; số "
        "phiếu thu về: {{ returned }}.",
    )
    _body(doc, "2. Kết quả lấy phiếu tín nhiệm", bold=True)
    _body(
        doc,
        "Tỷ lệ phần trăm của mỗi mức tín nhiệm tính trên tổng số phiếu thu về, làm tròn đến "
        "hai chữ số thập phân.",
        italic=True,
    )
    _results_table(doc)
    _para(doc, "", after=6)
    _body(doc, "3. Đối chiếu với quy định", bold=True)
    _body(
        doc,
        "Có {{ relief_count }} đồng chí có trên 1/2 đến dưới 2/3 tổng số phiếu tín nhiệm "
        "thấp; {{ dismissal_count }} đồng chí có từ 2/3 trở lên tổng số phiếu tín nhiệm thấp "
        "({{ rule_basis }}).",
    )
    _para(doc, "{%p for f in flagged %}")
    _body(doc, "- Đồng chí {{ f.name }}, {{ f.post }}: {{ f.low }}. {{ f.consequence }}.")
    _para(doc, "{%p endfor %}")
    _para(doc, "", after=6)
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _widths(sign, [8.0, 8.5])
    to, signer = sign.rows[0].cells
    p = to.paragraphs[0]
    _font(p.add_run("Nơi nhận:"), 14)
    p.runs[0].font.underline = True
    _para(to, "{%p for r in recipients %}")
    _para(to, "- {{ r }}{% if not loop.last %},{% endif %}", size=12)
    _para(to, "{%p endfor %}")
    q = signer.paragraphs[0]
    q.alignment = CENTER
    _font(q.add_run("{{ sign_for }}"), 14, bold=True)
    _para(signer, "{{ signer_title }}", bold=True, align=CENTER)
    for _i in range(4):
        _para(signer, "", align=CENTER)
    _para(signer, "{{ signer_name }}", bold=True, align=CENTER)
    return _save(doc)


def build_minutes() -> bytes:
    doc = _document()
    _header(doc, "")
    _para(doc, "BIÊN BẢN KIỂM PHIẾU", size=16, bold=True, align=CENTER, before=18)
    _para(doc, "{{ title }}", bold=True, align=CENTER)
    _para(doc, "-----", align=CENTER, after=12)
    _body(
        doc,
        "Hôm nay, ngày {{ held_on }}, tại {{ vote_place }}, Ban kiểm phiếu lấy phiếu tín "
        "nhiệm của {{ organization }} gồm các đồng chí:",
    )
    _para(doc, "{%p for m in board %}")
    _body(doc, "- Đồng chí {{ m.name }}, {{ m.role }};")
    _para(doc, "{%p endfor %}")
    _body(
        doc,
        "đã tiến hành kiểm phiếu lấy phiếu tín nhiệm đối với {{ people }} đồng chí theo "
        "{{ legal_basis }}. Kết quả kiểm phiếu như sau:",
    )
    _body(
        doc,
        "- Số người được triệu tập: {{ convened }}; số người có mặt: {{ present }}.",
    )
    _body(
        doc,
        "- Số phiếu phát ra: {{ issued }} (phiếu giấy: {{ paper_issued }}; mã bỏ phiếu điện "
        "tử: {{ codes_issued }}).",
    )
    _body(
        doc,
        "- Số phiếu thu về: {{ returned }} (phiếu giấy: {{ paper_returned }}; phiếu điện tử: "
        "{{ electronic_returned }}).",
    )
    _body(
        doc,
        "Kết quả đối với từng đồng chí (tỷ lệ tính trên tổng số phiếu thu về):",
    )
    _results_table(doc)
    _para(doc, "", after=6)
    _body(
        doc,
        "Biên bản được lập thành 02 bản, Ban kiểm phiếu đã thông qua và cùng ký tên dưới đây.",
    )
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _widths(sign, [8.0, 8.5])
    members, head = sign.rows[0].cells
    members.paragraphs[0].alignment = CENTER
    _font(members.paragraphs[0].add_run("CÁC THÀNH VIÊN"), 14, bold=True)
    _para(members, "{%p for m in members %}")
    _para(members, "", align=CENTER)
    _para(members, "", align=CENTER)
    _para(members, "{{ m }}", align=CENTER)
    _para(members, "{%p endfor %}")
    head.paragraphs[0].alignment = CENTER
    _font(head.paragraphs[0].add_run("TRƯỞNG BAN KIỂM PHIẾU"), 14, bold=True)
    _para(head, "", align=CENTER)
    _para(head, "", align=CENTER)
    _para(head, "{{ head }}", bold=True, align=CENTER)
    return _save(doc)
