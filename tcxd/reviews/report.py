"""Report builders: the frozen data of a report in, bytes out (house rule 11).

- :func:`build_docx` renders a docxtpl template (a .docx a user can edit in Word) with the
  context of :func:`docx_context`; :func:`default_template` is the Party-format template
  used until someone uploads another (built here with python-docx, so that the code and
  the fields it offers stay in one place).
- :func:`build_xlsx` writes the annex: every indicator by organization, with totals, in
  XlsxWriter's constant-memory mode.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from decimal import Decimal
from typing import Any

import jinja2
from django.utils.translation import gettext as _

from tcxd.core.errors import DomainError

from .figures import format_value, from_json

# --- helpers shared by the docx context and the xlsx --------------------------------


def party_date(day: dt.date) -> dict[str, str]:
    """Day and month as written on a Party document: a leading 0 for days under 10 and
    for months 1 and 2 ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 7 năm 2026")."""
    return {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month <= 2 else str(day.month),
        "year": str(day.year),
    }


def column_totals(data: dict[str, Any]) -> dict[str, Any]:
    """The total row of the annex: counts add the rows up; a share or a ratio cannot be
    added, so it is the opener's own figure for the whole subtree."""
    totals: dict[str, Any] = {}
    for ind in data["indicators"]:
        code = ind["code"]
        if ind["unit"] == "count":
            values = [from_json(c["figures"].get(code)) for c in data["children"]]
            totals[code] = sum(v for v in values if v is not None)
        else:
            totals[code] = from_json(data["totals"].get(code))
    return totals


def _paragraphs(text: str) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]


def _d(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


class FigureMap(dict):
    """``f['members.admitted']`` in a template: the formatted value, or a clear error
    naming the code when the indicator does not exist."""

    def __missing__(self, code: str) -> str:
        raise jinja2.UndefinedError(_("there is no indicator “%(code)s”") % {"code": code})


def docx_context(data: dict[str, Any]) -> dict[str, Any]:
    """What a template can use (documented in docs/reviews.md)."""
    units = {i["code"]: i["unit"] for i in data["indicators"]}
    labels = {i["code"]: i["label"] for i in data["indicators"]}
    totals, last_year = data["totals"], data["last_year"]
    f = FigureMap({code: format_value(totals.get(code), units[code]) for code in units})
    ly = FigureMap({code: format_value(last_year.get(code), units[code]) for code in units})
    v = FigureMap({code: from_json(totals.get(code)) for code in units})
    inc = FigureMap({code: _change_words(v[code], units[code]) for code in units})
    rows: list[dict[str, Any]] = []
    for i in data["indicators"]:
        if not rows or rows[-1]["group"] != i["group"]:
            letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[sum(1 for r in rows if r["heading"]) % 26]
            blank = {"value": "", "last_year": "", "change": ""}
            rows.append(
                {"label": f"{letter}. {i['group']}", "group": i["group"], "heading": True, **blank}
            )
        rows.append(
            {
                "label": i["label"],
                "group": i["group"],
                "heading": False,
                "value": f[i["code"]],
                "last_year": ly[i["code"]],
                "change": _change(totals.get(i["code"]), last_year.get(i["code"]), i["unit"]),
            }
        )
    issued = dt.date.fromisoformat(data["issued_on"])
    key_codes = [c for c in data.get("key_codes", []) if c in units]
    children = [
        {
            "no": n,
            "name": c["name"],
            "submitted_on": _d(c["submitted_on"]),
            "accepted_on": _d(c["accepted_on"]),
            "late": _("late") if c["late"] else "",
            "key": [format_value(c["figures"].get(code), units[code]) for code in key_codes],
        }
        for n, c in enumerate(data["children"], start=1)
    ]
    annex_totals = column_totals(data)
    narrative = data["narrative"]
    return {
        **{k: data[k] for k in ("place", "issuer_upper", "issuer", "summary", "symbol")},
        **{k: data[k] for k in ("sign_for", "signer_title", "signer_name")},
        "number": f"{data['number']:02d}",
        **party_date(issued),
        "title": data["review"]["title"],
        "period": data["review"]["period_label"],
        "period_start": _d(data["review"]["period_start"]),
        "period_end": _d(data["review"]["period_end"]),
        "organization": data["organization"]["name"],
        "f": f,
        "ly": ly,
        "inc": inc,
        "v": v,
        "rows": rows,
        "key_labels": [labels[c] for c in key_codes],
        "key_totals": [format_value(annex_totals[c], units[c]) for c in key_codes],
        "children": children,
        "children_count": len(children),
        "late_count": sum(1 for c in data["children"] if c["late"]),
        "results": _paragraphs(narrative.get("results", "")),
        "limitations": _paragraphs(narrative.get("limitations", "")),
        "directions": _paragraphs(narrative.get("directions", "")),
        "proposals": _paragraphs(narrative.get("proposals", "")),
        "recipients": data["recipients"],
    }


def _change_words(value: Any, unit: str) -> str:
    """A signed figure in words: "tăng 12", "giảm 3", "không thay đổi"."""
    if value is None:
        return "–"
    if value == 0:
        return _("unchanged")
    words = _("up %(n)s") if value > 0 else _("down %(n)s")
    return words % {"n": format_value(abs(value), unit)}


def _change(now: Any, before: Any, unit: str) -> str:
    a, b = from_json(now), from_json(before)
    if a is None or b is None:
        return "–"
    diff = Decimal(a) - Decimal(b)
    text = format_value(int(abs(diff)) if unit == "count" else abs(diff), unit)
    sign = "+" if diff > 0 else ("−" if diff < 0 else "")
    return f"{sign}{text}"


# --- the Word report -------------------------------------------------------------------

JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def build_docx(data: dict[str, Any], template: bytes) -> bytes:
    """The report as .docx: ``template`` rendered with :func:`docx_context` of ``data``."""
    from docxtpl import DocxTemplate

    try:
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(docx_context(data), jinja_env=JINJA, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except (jinja2.TemplateError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise DomainError(
            "template_invalid",
            _("The report template cannot be used: %(error)s.") % {"error": _explain(exc)},
        ) from exc
    return out.getvalue()


def _explain(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        return _("the file is not a Word document (.docx)")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _("a field or a {%% %%} block is written wrongly (%(detail)s)") % {
            "detail": exc.message
        }
    if isinstance(exc, jinja2.UndefinedError):
        return _("it uses a field that does not exist (%(detail)s)") % {"detail": exc.message}
    return str(exc)


def check_template(content: bytes) -> None:
    """Refuse a template that does not render with sample figures (DomainError)."""
    build_docx(sample_data(), content)


def sample_data() -> dict[str, Any]:
    """A report's data with every registered indicator (value 0): for checking templates."""
    from .figures import indicator_rows

    indicators = indicator_rows()
    zeros = {i["code"]: 0 for i in indicators}
    return {
        "review": {
            "title": "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026",
            "period_label": "6 tháng đầu năm 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
        "organization": {"name": "Đảng bộ thành phố Huế"},
        "number": 1,
        "symbol": "BC/BTCTU",
        "issued_on": "2026-07-10",
        "place": "Huế",
        "issuer_upper": "THÀNH ỦY HUẾ",
        "issuer": "BAN TỔ CHỨC",
        "summary": "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026",
        "sign_for": "K/T TRƯỞNG BAN",
        "signer_title": "PHÓ TRƯỞNG BAN",
        "signer_name": "Nguyễn Văn A",
        "recipients": ["Lưu VP"],
        "narrative": {"results": "…", "limitations": "…", "directions": "…", "proposals": ""},
        "indicators": indicators,
        "key_codes": [i["code"] for i in indicators if i["unit"] == "count"][:4],
        "totals": zeros,
        "last_year": zeros,
        "children": [
            {
                "name": "Đảng bộ phường A",
                "submitted_on": "2026-06-15",
                "accepted_on": "2026-06-20",
                "late": False,
                "figures": zeros,
            }
        ],
    }


@functools.cache
def default_template() -> bytes:
    from .default_template import build

    return build()


# --- the Excel annex -------------------------------------------------------------------


def build_xlsx(data: dict[str, Any]) -> bytes:
    """Every indicator (columns) by organization (rows), with a total row whose counts
    are SUM formulas (their values cached, so any reader sees the figures)."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet(_("Annex")[:31])
    title = book.add_format({"bold": True, "font_name": "Times New Roman", "font_size": 13})
    plain = book.add_format({"font_name": "Times New Roman", "font_size": 11})
    head = book.add_format(
        {
            "bold": True,
            "font_name": "Times New Roman",
            "font_size": 11,
            "text_wrap": True,
            "valign": "vcenter",
            "align": "center",
            "border": 1,
            "bg_color": "#F2F2F2",
        }
    )
    cell = book.add_format({"font_name": "Times New Roman", "font_size": 11, "border": 1})
    number_formats = {
        "count": "#,##0",
        "percent": '0.00"%"',
        "ratio": "0.00",
        "days": "#,##0.0",
    }
    nums = {
        unit: book.add_format(
            {"font_name": "Times New Roman", "font_size": 11, "border": 1, "num_format": fmt}
        )
        for unit, fmt in number_formats.items()
    }
    totals_fmt = {
        unit: book.add_format(
            {
                "font_name": "Times New Roman",
                "font_size": 11,
                "border": 1,
                "bold": True,
                "num_format": fmt,
            }
        )
        for unit, fmt in number_formats.items()
    }
    bold_cell = book.add_format(
        {"font_name": "Times New Roman", "font_size": 11, "border": 1, "bold": True}
    )
    indicators = data["indicators"]
    review = data["review"]
    sheet.write(0, 0, _("Annex: indicators by organization"), title)
    sheet.write(
        1,
        0,
        _("%(title)s · attached to report no. %(number)s · figures as generated on %(date)s")
        % {
            "title": review["title"],
            "number": f"{data['number']:02d}-{data['symbol']}",
            "date": _d(data["issued_on"]),
        },
        plain,
    )
    header_row = 3
    sheet.set_row(header_row, 60)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 38)
    sheet.set_column(2, 1 + len(indicators), 13)
    sheet.write(header_row, 0, _("No."), head)
    sheet.write(header_row, 1, _("Organization"), head)
    units = []
    for col, ind in enumerate(indicators, start=2):
        suffix = {"percent": " (%)"}.get(ind["unit"], "")
        sheet.write(header_row, col, f"{ind['label']}{suffix}", head)
        units.append(ind["unit"])
    first = header_row + 1
    row = first
    for n, child in enumerate(data["children"], start=1):
        sheet.write_number(row, 0, n, cell)
        sheet.write_string(row, 1, child["name"], cell)
        figures = child["figures"]
        for col, ind in enumerate(indicators, start=2):
            value = from_json(figures.get(ind["code"]))
            if value is None:
                sheet.write_blank(row, col, None, cell)
            else:
                sheet.write_number(row, col, value, nums[ind["unit"]])  # type: ignore[arg-type]
        row += 1
    last = row - 1
    totals = column_totals(data)
    sheet.write_blank(row, 0, None, bold_cell)
    sheet.write_string(row, 1, _("Total") + f" — {data['organization']['name']}", bold_cell)
    for col, ind in enumerate(indicators, start=2):
        value = totals[ind["code"]]
        fmt = totals_fmt[ind["unit"]]
        if ind["unit"] == "count" and last >= first:
            cells = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
            sheet.write_formula(row, col, f"=SUM({cells})", fmt, value)
        elif value is None:
            sheet.write_blank(row, col, None, fmt)
        else:
            sheet.write_number(row, col, value, fmt)
    note = row + 2
    sheet.write(
        note,
        1,
        _(
            "Counts in the total row are the sum of the rows; shares and ratios are the "
            "figure of the whole organization."
        ),
        plain,
    )
    sheet.freeze_panes(header_row + 1, 2)
    book.close()
    return out.getvalue()
