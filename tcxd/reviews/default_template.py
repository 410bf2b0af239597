"""The default Word template of a review report, in the Party's document format
(Hướng dẫn 36-HD/VPTW; ../shared/design/domain-sources.md §4.3), built with python-docx.

The result is an ordinary .docx with docxtpl fields ({{ … }}, {%p … %}, {%tr … %}): a user
downloads it, edits it in Word and uploads it as a new template version. The fields are
listed in docs/reviews.md.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"


def _font(run_or_style, size: float, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    font = run_or_style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container,  # type: ignore[no-untyped-def]
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: int | None = None,
    indent: bool = False,
    after: float = 0,
    before: float = 0,
):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        run = p.add_run(text)
        _font(run, size, bold, italic)
        run.font.underline = underline
    return p


def _bottom_rule(paragraph) -> None:  # type: ignore[no-untyped-def]
    """A solid line under the paragraph (the rule under "ĐẢNG CỘNG SẢN VIỆT NAM")."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _grid(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:color", "000000")):
            el.set(qn(key), value)
        borders.append(el)
    tbl_pr.append(borders)


def _cell_text(cell, text: str, *, size: float = 12, bold: bool = False, align: int = 0) -> None:  # type: ignore[no-untyped-def]
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    _font(run, size, bold)


def _widths(table, widths_cm: list[float]) -> None:  # type: ignore[no-untyped-def]
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _page_number_header(section) -> None:  # type: ignore[no-untyped-def]
    """Page numbers from page 2, centred at the top (10 mm from the edge)."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def build() -> bytes:
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

    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY

    # Header: issuing body on the left, the Party's name and the place and date on the right.
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    _widths(head, [6.6, 9.9])
    left, right = head.rows[0].cells
    left.paragraphs[0].alignment = center
    _font(left.paragraphs[0].add_run("{{ issuer_upper }}"), 14)
    _para(left, "{{ issuer }}", bold=True, align=center)
    _para(left, "*", align=center)
    _para(left, "Số {{ number }}-{{ symbol }}", align=center)
    party = right.paragraphs[0]
    party.alignment = center
    _font(party.add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 15, bold=True)
    party.paragraph_format.left_indent = Cm(0.9)
    party.paragraph_format.right_indent = Cm(0.9)
    _bottom_rule(party)
    _para(right, "", size=8)
    _para(
        right,
        "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}",
        italic=True,
        align=center,
    )

    # Title, summary and the five hyphens.
    _para(doc, "BÁO CÁO", size=16, bold=True, align=center, before=18)
    _para(doc, "{{ summary }}", bold=True, align=center)
    _para(doc, "-----", align=center, after=12)

    def body(text: str, **kw):  # type: ignore[no-untyped-def]
        return _para(doc, text, align=justify, indent=True, after=6, **kw)

    def heading(text: str):  # type: ignore[no-untyped-def]
        return _para(doc, text, bold=True, align=justify, indent=True, after=6, before=6)

    body(
        "Căn cứ báo cáo của {{ children_count }} tổ chức đảng trực thuộc và số liệu của hệ "
        "thống quản lý đảng viên, kết quả công tác tổ chức xây dựng Đảng {{ period }} (từ "
        "{{ period_start }} đến {{ period_end }}) của {{ organization }} như sau:"
    )
    heading("I. KẾT QUẢ THỰC HIỆN")
    heading("1. Số lượng đảng viên và công tác phát triển đảng viên")
    body(
        "Tính đến ngày {{ period_end }}, {{ organization }} có {{ f['members.end_total'] }} "
        "đảng viên (chính thức {{ f['members.end_official'] }}, dự bị "
        "{{ f['members.end_probationary'] }}); so với đầu kỳ ({{ f['members.start_total'] }} "
        "đảng viên) {{ inc['members.net_change'] }}."
    )
    body(
        "Trong kỳ, kết nạp {{ f['members.admitted'] }} đảng viên mới (cùng kỳ năm trước "
        "{{ ly['members.admitted'] }}), bằng {{ f['members.admission_rate'] }} số đảng viên "
        "đầu kỳ (Nghị quyết 21-NQ/TW yêu cầu kết nạp 3–4% tổng số đảng viên mỗi năm); công "
        "nhận đảng viên chính thức {{ f['members.recognised_official'] }}; chuyển đến "
        "{{ f['members.transferred_in'] }}, chuyển đi {{ f['members.transferred_out'] }}; từ "
        "trần {{ f['members.died'] }}; khai trừ {{ f['members.expelled'] }}, xóa tên "
        "{{ f['members.struck_off'] }}, xin ra khỏi Đảng {{ f['members.left'] }}."
    )
    body(
        "Toàn đảng bộ có {{ f['villages.count'] }} thôn, tổ dân phố; "
        "{{ f['villages.head_member_share'] }} trưởng thôn, tổ trưởng tổ dân phố và "
        "{{ f['villages.front_head_member_share'] }} trưởng ban công tác Mặt trận là đảng "
        "viên; còn {{ f['villages.without_member'] }} thôn, tổ dân phố chưa có đảng viên và "
        "{{ f['villages.without_cell'] }} thôn, tổ dân phố chưa có chi bộ."
    )
    heading("2. Các chỉ tiêu chủ yếu")
    body(
        "Các chỉ tiêu chủ yếu {{ period }} so với cùng kỳ năm trước (số liệu đầy đủ của "
        "từng tổ chức đảng trực thuộc tại Phụ lục kèm theo):"
    )
    _para(doc, "Bảng 1. Các chỉ tiêu chủ yếu", size=13, italic=True, align=center, after=4)
    table = doc.add_table(rows=3, cols=4)
    _grid(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [8.1, 2.8, 2.8, 2.8])
    header = ["Chỉ tiêu", "{{ period }}", "Cùng kỳ năm trước", "Tăng (+), giảm (−)"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, text, bold=True, align=center)
    _cell_text(table.rows[1].cells[0], "{%tr for r in rows %}")
    for cell, text, align in zip(
        table.rows[2].cells,
        ["{{ r.label }}", "{{ r.value }}", "{{ r.last_year }}", "{{ r.change }}"],
        [0, 2, 2, 2],
        strict=True,
    ):
        _cell_text(cell, text, align=align)
    _tr_endfor(table)
    heading("3. Kết quả công tác tổ chức xây dựng Đảng")
    _para(doc, "{%p for p in results %}")
    body("{{ p }}")
    _para(doc, "{%p endfor %}")
    heading("4. Việc gửi báo cáo của các tổ chức đảng trực thuộc")
    body(
        "{{ children_count }} tổ chức đảng trực thuộc đã gửi báo cáo và được Ban Tổ chức "
        "chấp nhận; {{ late_count }} tổ chức gửi chậm so với thời hạn."
    )
    _para(
        doc,
        "Bảng 2. Một số chỉ tiêu của các tổ chức đảng trực thuộc",
        size=13,
        italic=True,
        align=center,
        after=4,
    )
    orgs = doc.add_table(rows=4, cols=7)
    _grid(orgs)
    orgs.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(orgs, [1.0, 5.4, 2.2, 2.2, 2.2, 1.9, 1.6])
    labels = [
        "TT",
        "Tổ chức đảng",
        "{{ key_labels[0] }}",
        "{{ key_labels[1] }}",
        "{{ key_labels[2] }}",
        "Ngày gửi",
        "Ghi chú",
    ]
    for cell, text in zip(orgs.rows[0].cells, labels, strict=True):
        _cell_text(cell, text, size=11, bold=True, align=center)
    _cell_text(orgs.rows[1].cells[0], "{%tr for c in children %}", size=11)
    values = [
        "{{ c.no }}",
        "{{ c.name }}",
        "{{ c.key[0] }}",
        "{{ c.key[1] }}",
        "{{ c.key[2] }}",
        "{{ c.submitted_on }}",
        "{{ c.late }}",
    ]
    for cell, text, align in zip(orgs.rows[2].cells, values, [1, 0, 2, 2, 2, 1, 1], strict=True):
        _cell_text(cell, text, size=11, align=align)
    _cell_text(orgs.rows[3].cells[0], "{%tr endfor %}", size=11)
    total = orgs.add_row()
    for cell, text, align in zip(
        total.cells,
        ["", "Cộng", "{{ key_totals[0] }}", "{{ key_totals[1] }}", "{{ key_totals[2] }}", "", ""],
        [1, 0, 2, 2, 2, 1, 1],
        strict=True,
    ):
        _cell_text(cell, text, size=11, bold=True, align=align)

    heading("II. HẠN CHẾ, NGUYÊN NHÂN")
    _para(doc, "{%p for p in limitations %}")
    body("{{ p }}")
    _para(doc, "{%p endfor %}")
    heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    _para(doc, "{%p for p in directions %}")
    body("{{ p }}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p if proposals %}")
    heading("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    _para(doc, "{%p for p in proposals %}")
    body("{{ p }}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endif %}")
    _para(doc, "", after=6)

    # Recipients on the left, the signature block on the right.
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _widths(sign, [8.0, 8.5])
    to, signer = sign.rows[0].cells
    p = to.paragraphs[0]
    _font(p.add_run("Nơi nhận:"), 14, bold=False)
    p.runs[0].font.underline = True
    _para(to, "{%p for r in recipients %}")
    _para(to, "- {{ r }}{% if not loop.last %},{% endif %}", size=12)
    _para(to, "{%p endfor %}")
    q = signer.paragraphs[0]
    q.alignment = center
    _font(q.add_run("{{ sign_for }}"), 14, bold=True)
    _para(signer, "{{ signer_title }}", bold=True, align=center)
    for _i in range(4):
        _para(signer, "", align=center)
    _para(signer, "{{ signer_name }}", bold=True, align=center)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _tr_endfor(table) -> None:  # type: ignore[no-untyped-def]
    row = table.add_row()
    _cell_text(row.cells[0], "{%tr endfor %}")
