"""Spreadsheet builders: data in, bytes out (no queries here)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="A4161A")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def build_xlsx(
    *,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] | None = None,
    text_columns: Sequence[int] = (),
) -> bytes:
    """A one-sheet workbook: a title row, a subtitle row, the header on row 4, the rows.

    Dates are written as real Excel dates shown dd/mm/yyyy; ``text_columns`` (0-based) are
    written as text so that IDs keep their leading zeros.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Sheet1")
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A5"
    cell = WriteOnlyCell(sheet, value=title)
    cell.font = Font(bold=True, size=14)
    sheet.append([cell])
    sheet.append([subtitle])
    sheet.append([])
    header_cells = []
    for text in headers:
        c = WriteOnlyCell(sheet, value=text)
        c.fill, c.font = HEADER_FILL, HEADER_FONT
        c.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(c)
    sheet.append(header_cells)
    text_set = set(text_columns)
    for row in rows:
        out = []
        for index, value in enumerate(row):
            if isinstance(value, dt.date):
                c = WriteOnlyCell(sheet, value=value)
                c.number_format = "dd/mm/yyyy"
                out.append(c)
            elif index in text_set and value is not None:
                c = WriteOnlyCell(sheet, value=str(value))
                c.number_format = "@"
                out.append(c)
            else:
                out.append(value)
        sheet.append(out)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_template_xlsx(*, headers: Sequence[str], example: Sequence[Any]) -> bytes:
    """The import template: the header on row 1 and one example row, IDs as text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sach dang vien"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    sheet.append(list(example))
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(header) + 4)
        for cell in sheet[letter]:
            cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
