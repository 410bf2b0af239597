"""The roadmap table as a spreadsheet: data in, bytes out (no queries here)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter


def build_roadmap_xlsx(
    *,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    totals: Sequence[Sequence[Any]],
) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
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
    strong = book.add_format({"bold": True})
    ws = book.add_worksheet("Lộ trình")
    ws.set_column(0, 0, 42)
    ws.set_column(1, len(headers), 12)
    ws.write(0, 0, title, bold)
    ws.write(1, 0, subtitle)
    for col, label in enumerate(headers):
        ws.write(3, col, label, head)
    ws.set_row(3, 45)
    r = 4
    for row in rows:
        for col, value in enumerate(row):
            ws.write(r, col, value)
        r += 1
    for row in totals:
        for col, value in enumerate(row):
            ws.write(r, col, value, strong)
        r += 1
    ws.freeze_panes(4, 1)
    book.close()
    return buffer.getvalue()
