"""The default Word templates of a meeting's minutes (biên bản) and monthly resolution
(nghị quyết), in the Party's document format (Hướng dẫn 36-HD/VPTW; shared/design/
domain-sources.md §4.3), built with python-docx. Each is an ordinary .docx with docxtpl
fields that the board can download, edit in Word and upload as a new version. The
resolution's sections I–IV follow Hướng dẫn 42-HD/BTCTW (results, tasks, assignment,
self-assessment of the meeting)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from tcxd.reviews.default_template import (
    _bottom_rule,
    _font,
    _grid,
    _no_borders,
    _para,
    _widths,
)
from tcxd.reviews.default_template import _cell_text as _cell

from .choices import TemplateKind

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _header(doc: Any, number_line: str) -> None:
    """The issuing body on the left, the Party's name and the place and date on the right."""
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    _widths(head, [7.0, 9.5])
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
        "{{ place_of_issue }}, ngày {{ day }} tháng {{ month }} năm {{ year }}",
        italic=True,
        align=CENTER,
    )


def _loop(doc: Any, items: str, text: str = "{{ p }}", *, dash: bool = False) -> None:
    _para(doc, f"{{%p for p in {items} %}}")
    _para(doc, ("- " if dash else "") + text, align=JUSTIFY, indent=True, after=3)
    _para(doc, "{%p endfor %}")


def _setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.1


def _body(doc: Any, text: str, **kw: Any) -> Any:
    return _para(doc, text, align=JUSTIFY, indent=True, after=4, **kw)


def _heading(doc: Any, text: str) -> Any:
    return _para(doc, text, bold=True, align=JUSTIFY, indent=True, before=6, after=4)


def _two_signatures(doc: Any, left: tuple[str, str], right: tuple[str, str]) -> None:
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _widths(sign, [8.0, 8.5])
    for cell, (title, name) in zip(sign.rows[0].cells, (left, right), strict=True):
        p = cell.paragraphs[0]
        p.alignment = CENTER
        _font(p.add_run(title), 14, bold=True)
        for _i in range(4):
            _para(cell, "", align=CENTER)
        _para(cell, name, bold=True, align=CENTER)


def _minutes(doc: Any) -> None:
    _header(doc, "")
    _para(doc, "BIÊN BẢN", size=16, bold=True, align=CENTER, before=18)
    _para(doc, "{{ kind_title|capitalize }} tháng {{ month_label }}", bold=True, align=CENTER)
    _para(doc, "{%p if topic %}")
    _para(doc, "Chuyên đề: {{ topic }}", bold=True, align=CENTER)
    _para(doc, "{%p endif %}")
    _para(doc, "-----", align=CENTER, after=12)
    _body(
        doc,
        "Thời gian: bắt đầu lúc {{ starts_at }}, {{ weekday }}, ngày {{ held_on }}; kết thúc "
        "lúc {{ ends_at }} ({{ duration }} phút).",
    )
    _body(doc, "Địa điểm: {{ place }}.")
    _body(doc, "Chủ trì: đồng chí {{ chair }}. Thư ký: đồng chí {{ secretary }}.")
    _para(doc, "{%p if upper_attendee %}")
    _body(doc, "Đồng chí cấp ủy viên cấp trên dự: {{ upper_attendee }}.")
    _para(doc, "{%p endif %}")
    _heading(doc, "I. ĐIỂM DANH")
    _body(
        doc,
        "Tổng số đảng viên phải dự: {{ expected }}; có mặt: {{ present }} (tỷ lệ {{ rate }}); "
        "vắng có lý do: {{ excused|length }}; vắng không lý do: {{ unexcused|length }}.",
    )
    _para(doc, "{%p for a in excused %}")
    _body(doc, "- Vắng có lý do: đồng chí {{ a.name }} ({{ a.reason }}).")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p for a in unexcused %}")
    _body(doc, "- Vắng không lý do: đồng chí {{ a.name }}.")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p if away %}")
    _body(
        doc,
        "Đảng viên chuyển sinh hoạt tạm thời đi nơi khác (không tính vào số phải dự): "
        "{% for a in away %}{{ a.name }}{% if not loop.last %}, {% endif %}{% endfor %}.",
    )
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if exempt %}")
    _body(
        doc,
        "Đảng viên được miễn sinh hoạt (không tính vào số phải dự): "
        "{% for a in exempt %}{{ a.name }}{% if not loop.last %}, {% endif %}{% endfor %}"
        "{% if exempt_present %}; có mặt {{ exempt_present }} đồng chí{% endif %}.",
    )
    _para(doc, "{%p endif %}")
    _body(
        doc,
        "Đảng phí: {% if dues_unpaid %}chưa đóng: {% for n in dues_unpaid %}{{ n }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}{% else %}các đồng chí có mặt đã "
        "đóng đủ{% endif %}.",
    )
    _heading(doc, "II. NỘI DUNG SINH HOẠT")
    _loop(doc, "agenda", dash=True)
    _para(doc, "{%p if documents %}")
    _body(
        doc,
        "Tài liệu gửi đảng viên trước{% if documents_shared_on %} (ngày "
        "{{ documents_shared_on }}){% endif %}:",
    )
    _loop(doc, "documents", dash=True)
    _para(doc, "{%p endif %}")
    _heading(doc, "III. DIỄN BIẾN BUỔI SINH HOẠT")
    _loop(doc, "minutes")
    _body(doc, "Số đảng viên phát biểu ý kiến: {{ speakers }}.")
    _heading(doc, "IV. KẾT LUẬN VÀ NGHỊ QUYẾT")
    _loop(doc, "results")
    _loop(doc, "tasks_text", dash=True)
    _para(doc, "{%p if score_total is not none %}")
    _body(
        doc,
        "Chi bộ tự đánh giá chất lượng buổi sinh hoạt: {{ score_total }}/{{ score_max }} "
        "điểm, xếp mức {{ score_level }}.",
    )
    _para(doc, "{%p endif %}")
    _body(
        doc,
        "Buổi sinh hoạt kết thúc lúc {{ ends_at }} cùng ngày. Biên bản đã được đọc lại cho "
        "các đồng chí dự sinh hoạt cùng nghe và thống nhất.",
    )
    _para(doc, "", after=6)
    _two_signatures(doc, ("THƯ KÝ", "{{ secretary }}"), ("CHỦ TRÌ", "{{ chair }}"))


def _resolution(doc: Any) -> None:
    _header(doc, "Số      -NQ/CB")
    _para(doc, "NGHỊ QUYẾT", size=16, bold=True, align=CENTER, before=18)
    _para(doc, "{{ kind_title|capitalize }} tháng {{ month_label }}", bold=True, align=CENTER)
    _para(doc, "-----", align=CENTER, after=12)
    _body(
        doc,
        "Ngày {{ held_on }}, {{ organization }} tổ chức {{ kind_title }}; dự sinh hoạt có "
        "{{ present }}/{{ expected }} đảng viên (tỷ lệ {{ rate }}). Sau khi thảo luận, chi "
        "bộ thống nhất quyết nghị:",
    )
    _heading(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG {{ month_label }}")
    _loop(doc, "results")
    _heading(doc, "II. NHIỆM VỤ THỜI GIAN TỚI")
    _loop(doc, "tasks_text", dash=True)
    _para(doc, "{%p if tasks %}")
    table = doc.add_table(rows=4, cols=4)
    _grid(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [1.0, 8.5, 4.0, 2.8])
    for cell, text in zip(
        table.rows[0].cells, ["TT", "Nhiệm vụ", "Phân công", "Thời hạn"], strict=True
    ):
        _cell(cell, text, bold=True, align=CENTER)
    _cell(table.rows[1].cells[0], "{%tr for t in tasks %}")
    for cell, text, align in zip(
        table.rows[2].cells,
        ["{{ loop.index }}", "{{ t.description }}", "{{ t.assignee }}", "{{ t.due_on }}"],
        [CENTER, 0, 0, CENTER],
        strict=True,
    ):
        _cell(cell, text, align=align)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _para(doc, "{%p endif %}")
    _heading(doc, "III. PHÂN CÔNG THỰC HIỆN")
    _loop(doc, "assignment")
    _heading(doc, "IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT")
    _loop(doc, "self_assessment")
    _para(doc, "{%p if score_total is not none %}")
    _body(doc, "Chi bộ tự chấm {{ score_total }}/{{ score_max }} điểm, xếp mức {{ score_level }}.")
    _para(doc, "{%p endif %}")
    _para(doc, "", after=6)
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _widths(sign, [8.0, 8.5])
    to, signer = sign.rows[0].cells
    p = to.paragraphs[0]
    run = p.add_run("Nơi nhận:")
    _font(run, 14)
    run.font.underline = True
    _para(to, "- Đảng ủy cấp trên (để báo cáo),", size=12)
    _para(to, "- Các đảng viên trong chi bộ,", size=12)
    _para(to, "- Lưu chi bộ.", size=12)
    q = signer.paragraphs[0]
    q.alignment = CENTER
    _font(q.add_run("T/M CHI BỘ"), 14, bold=True)
    _para(signer, "BÍ THƯ", bold=True, align=CENTER)
    for _i in range(4):
        _para(signer, "", align=CENTER)
    _para(signer, "{{ chair }}", bold=True, align=CENTER)


def build(kind: TemplateKind) -> bytes:
    doc = Document()
    _setup(doc)
    if kind == TemplateKind.MINUTES:
        _minutes(doc)
    else:
        _resolution(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
