"""The dashboard as a spreadsheet: data in, bytes out (no queries here)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter

from .registry import Unit


def _cell(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def build_dashboard_xlsx(
    *,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Sequence[tuple[Sequence[Any], str]],
    child_title: str,
    child_headers: Sequence[str],
    child_rows: Sequence[Sequence[Any]],
    child_units: Sequence[str],
) -> bytes:
    """Two sheets: every indicator (rows of values with the unit of the row), and every
    indicator by organization directly below (one column per indicator, its unit)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    bold = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format(
        {
            "bold": True,
            "font_color": "#FFFFFF",
            "bg_color": "#A4161A",
            "text_wrap": True,
            "valign": "vcenter",
        }
    )
    formats = {
        Unit.COUNT: book.add_format({"num_format": "#,##0"}),
        Unit.PERCENT: book.add_format({"num_format": "0.00"}),
        Unit.RATIO: book.add_format({"num_format": "0.0000"}),
        Unit.DAYS: book.add_format({"num_format": "#,##0"}),
    }
    text = book.add_format({})

    def sheet(name: str, heading: str, header: Sequence[str], widths: Sequence[int]):  # type: ignore[no-untyped-def]
        ws = book.add_worksheet(name[:31])
        for index, width in enumerate(widths):
            ws.set_column(index, index, width)
        ws.write(0, 0, heading, bold)
        ws.write(1, 0, subtitle)
        for index, label in enumerate(header):
            ws.write(3, index, label, head)
        ws.freeze_panes(4, 1)
        return ws

    ws = sheet(title, title, headers, [46, 10] + [16] * (len(headers) - 2))
    for r, (values, unit) in enumerate(rows, start=4):
        for c, value in enumerate(values):
            fmt = text if c < 2 else formats.get(unit, text)  # type: ignore[call-overload]
            if value is None:
                ws.write_blank(r, c, None, fmt)
            else:
                ws.write(r, c, _cell(value), fmt)
    ws = sheet(child_title, child_title, child_headers, [40, 14] + [14] * len(child_units))
    for r, values in enumerate(child_rows, start=4):
        for c, value in enumerate(values):
            unit = child_units[c - 2] if c >= 2 else ""
            fmt = formats.get(unit, text)  # type: ignore[call-overload]
            if value is None:
                ws.write_blank(r, c, None, fmt)
            else:
                ws.write(r, c, _cell(value), fmt)
    book.close()
    return buffer.getvalue()
