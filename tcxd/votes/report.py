"""The files of a tallied confidence vote, built from the frozen ``Result`` rows:

- :func:`build_report`: the result report (BÁO CÁO, Party format) — docxtpl template of
  ``default_template.build_report`` rendered with :func:`context`;
- :func:`build_minutes`: the counting board's minutes (BIÊN BẢN KIỂM PHIẾU);
- :func:`build_xlsx`: the table of results (XlsxWriter).

Percentages are of the ballots returned, two decimals, half up (``tally.Count.share``);
written with the Vietnamese decimal comma.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from decimal import Decimal
from typing import Any

import jinja2

from tcxd.reviews.report import party_date
from tcxd.reviews.selectors import issuer_defaults

from . import services
from .choices import BoardRole, Channel, Flag
from .models import Vote
from .selectors import ResultRow, result_rows

JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def pct(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") + "%"


def heading_defaults(vote: Vote) -> dict[str, Any]:
    """The heading of the report by default for the organizing body (editable)."""
    defaults = issuer_defaults(vote.organization)
    top = vote.organization.depth == 1
    body = defaults["issuer_upper"].removesuffix(" " + defaults["place"].upper())
    return {
        **defaults,
        "issuer_upper": vote.organization.name.upper(),
        "issuer": body,
        "symbol": "BC/TU" if top else "BC/ĐU",
        "sign_for": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC" if top else "BÍ THƯ",
        "recipients": [
            "Ban Tổ chức Trung ương (để báo cáo)" if top else "Ban Thường vụ Thành ủy (để b/c)",
            "Các đồng chí được lấy phiếu",
            "Lưu VP",
        ],
    }


def _rows(vote: Vote, rows: list[ResultRow]) -> list[dict[str, Any]]:
    return [
        {
            "no": r.no,
            "name": r.candidate.full_name,
            "post": r.candidate.post,
            "issued": r.result.issued,
            "returned": r.result.returned,
            "valid": r.result.valid,
            "invalid": r.result.invalid,
            "levels": [f"{cell.count}\n{pct(cell.share)}" for cell in r.levels],
            "counts": [cell.count for cell in r.levels],
            "shares": [cell.share for cell in r.levels],
            "note": _short_flag(r.result.flag),
            "flag": r.result.flag,
        }
        for r in rows
    ]


def _short_flag(flag: str) -> str:
    notes: dict[str, str] = {
        Flag.RELIEF: "Trên 1/2 đến dưới 2/3 phiếu tín nhiệm thấp",
        Flag.DISMISSAL: "Từ 2/3 trở lên phiếu tín nhiệm thấp",
    }
    return notes.get(flag, "")


CONSEQUENCE = {
    Flag.RELIEF: (
        "Không quy hoạch, bổ nhiệm vào chức vụ cao hơn; xem xét cho thôi giữ chức vụ, bố trí "
        "công tác khác hoặc cho từ chức"
    ),
    Flag.DISMISSAL: "Xem xét miễn nhiệm chức vụ mà không chờ hết nhiệm kỳ",
}


def context(vote: Vote, heading: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the templates show (documented in docs/votes.md)."""
    heading = {**heading_defaults(vote), **(heading or {})}
    rule = services.rule_of(vote)
    labels = services.level_labels(vote)
    codes = services.levels_of(vote).codes
    results = list(vote.results.select_related("candidate").order_by("candidate__position"))
    rows = _rows(vote, result_rows(vote, results))
    returned = rows[0]["returned"] if rows else vote.ballots.count()
    issued = services.ballots_issued(vote)
    channels = {c: vote.ballots.filter(channel=c).count() for c in Channel.values}
    present_share = (
        Decimal(vote.present_count * 100) / Decimal(vote.convened_count)
        if vote.convened_count
        else Decimal(0)
    ).quantize(Decimal("0.01"))
    low_index = codes.index("low") if "low" in codes else len(codes) - 1
    flagged = [
        {
            "name": r["name"],
            "post": r["post"],
            "low": f"{r['counts'][low_index]}/{r['returned']} phiếu tín nhiệm thấp "
            f"({pct(r['shares'][low_index])})",
            "consequence": CONSEQUENCE[Flag(r["flag"])],
        }
        for r in rows
        if r["flag"]
    ]
    board = list(vote.board.order_by("role", "id"))
    issued_on = heading.get("issued_on") or vote.held_on
    if isinstance(issued_on, str):
        issued_on = dt.date.fromisoformat(issued_on)
    return {
        **{k: heading.get(k, "") for k in ("place", "issuer_upper", "issuer", "symbol")},
        **{k: heading.get(k, "") for k in ("sign_for", "signer_title", "signer_name")},
        "number": f"{int(heading.get('number') or 1):02d}",
        "recipients": list(heading.get("recipients") or []),
        **party_date(issued_on),
        "title": vote.title,
        "organization": vote.organization.name,
        "legal_basis": vote.legal_basis,
        "rule_basis": rule.legal_basis,
        "held_on": vote.held_on.strftime("%d/%m/%Y"),
        "vote_place": vote.place,
        "people": len(rows),
        "convened": vote.convened_count,
        "present": vote.present_count,
        "present_share": pct(present_share),
        "issued": issued,
        "paper_issued": vote.paper_issued,
        "codes_issued": vote.codes_printed,
        "returned": returned,
        "paper_returned": channels[Channel.PAPER],
        "electronic_returned": channels[Channel.ELECTRONIC],
        "level_labels": [labels[c] for c in codes],
        "rows": rows,
        "flagged": flagged,
        "relief_count": sum(1 for r in rows if r["flag"] == Flag.RELIEF),
        "dismissal_count": sum(1 for r in rows if r["flag"] == Flag.DISMISSAL),
        "board": [
            {
                "name": m.full_name,
                "role": "Trưởng ban" if m.role == BoardRole.HEAD else "Thành viên",
            }
            for m in board
        ],
        "head": next((m.full_name for m in board if m.role == BoardRole.HEAD), ""),
        "members": [m.full_name for m in board if m.role != BoardRole.HEAD],
    }


@functools.cache
def report_template() -> bytes:
    from .default_template import build_report as build

    return build()


@functools.cache
def minutes_template() -> bytes:
    from .default_template import build_minutes as build

    return build()


def _render(template: bytes, ctx: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(template))
    doc.render(ctx, jinja_env=JINJA, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_report(vote: Vote, heading: dict[str, Any]) -> bytes:
    return _render(report_template(), context(vote, heading))


def build_minutes(vote: Vote) -> bytes:
    heading = {"issuer": "BAN KIỂM PHIẾU", "issued_on": vote.held_on}
    ctx = context(vote, heading)
    ctx["place"] = issuer_defaults(vote.organization)["place"]
    return _render(minutes_template(), ctx)


def build_xlsx(vote: Vote) -> bytes:
    import xlsxwriter

    ctx = context(vote)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Ket qua")
    font = {"font_name": "Times New Roman", "font_size": 11}
    title = book.add_format({**font, "bold": True, "font_size": 13})
    plain = book.add_format(font)
    head = book.add_format(
        {
            **font,
            "bold": True,
            "text_wrap": True,
            "valign": "vcenter",
            "align": "center",
            "border": 1,
            "bg_color": "#F2F2F2",
        }
    )
    cell = book.add_format({**font, "border": 1, "text_wrap": True, "valign": "top"})
    num = book.add_format({**font, "border": 1, "num_format": "0", "valign": "top"})
    share = book.add_format({**font, "border": 1, "num_format": '0.00"%"', "valign": "top"})
    sheet.write(0, 0, f"Kết quả lấy phiếu tín nhiệm — {vote.title}", title)
    sheet.write(
        1,
        0,
        f"{vote.organization.name} · ngày {ctx['held_on']} · triệu tập {ctx['convened']}, "
        f"có mặt {ctx['present']} · tỷ lệ % tính trên số phiếu thu về",
        plain,
    )
    columns = ["TT", "Họ và tên", "Chức vụ", "Phát ra", "Thu về", "Hợp lệ", "Không hợp lệ"]
    for label in ctx["level_labels"]:
        columns += [label, f"{label} (%)"]
    columns.append("Ghi chú")
    header_row = 3
    sheet.set_row(header_row, 45)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 26)
    sheet.set_column(2, 2, 34)
    sheet.set_column(3, 6 + 2 * len(ctx["level_labels"]), 11)
    sheet.set_column(7 + 2 * len(ctx["level_labels"]), 7 + 2 * len(ctx["level_labels"]), 40)
    for col, label in enumerate(columns):
        sheet.write(header_row, col, label, head)
    for i, r in enumerate(ctx["rows"], start=header_row + 1):
        sheet.write_number(i, 0, r["no"], num)
        sheet.write_string(i, 1, r["name"], cell)
        sheet.write_string(i, 2, r["post"], cell)
        for col, key in enumerate(("issued", "returned", "valid", "invalid"), start=3):
            sheet.write_number(i, col, r[key], num)
        col = 7
        for count, value in zip(r["counts"], r["shares"], strict=True):
            sheet.write_number(i, col, count, num)
            sheet.write_number(i, col + 1, float(value), share)
            col += 2
        sheet.write_string(i, col, r["note"], cell)
    sheet.freeze_panes(header_row + 1, 2)
    book.close()
    return out.getvalue()
