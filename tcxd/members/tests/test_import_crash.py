"""A crash in the middle of an import leaves the database as it was (QUALITY.md)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tcxd.audit.models import AuditEntry
from tcxd.members import bulk
from tcxd.members.importers import column_headers
from tcxd.members.imports import import_file
from tcxd.members.models import Member, MembershipEvent, MembershipPeriod, Person


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Person, Member, MembershipEvent, MembershipPeriod, AuditEntry)
    )


def xlsx(code: str) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(column_headers())
    sheet.append(
        [
            "Lê Văn Bình",
            "02/03/1979",
            "Nam",
            "046079000111",
            "19/05/2005",
            code,
            "20/05/2006",
            "",
            "Kinh",
            "Không",
            "",
            "12/12",
            "Đại học",
            "Sơ cấp",
            "",
        ]
    )
    sheet.append(
        [
            "Trần Thị Cúc",
            "04/11/1985",
            "Nữ",
            "046185000222",
            "03/02/2010",
            code,
            "",
            "",
            "Kinh",
            "Không",
            "",
            "12/12",
            "Cao đẳng",
            "Không",
            "",
        ]
    )
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_a_crash_after_some_tables_were_written_leaves_nothing(tree, personas, monkeypatch):
    real = bulk.insert_rows
    written: list[str] = []

    def crash_on_events(model, columns, rows):  # type: ignore[no-untyped-def]
        if model.__name__ == "MembershipEvent":
            raise RuntimeError("killed while writing the events")
        written.append(model.__name__)
        return real(model, columns, rows)

    monkeypatch.setattr(bulk, "insert_rows", crash_on_events)
    before = counts()
    with pytest.raises(RuntimeError, match="killed"):
        import_file(
            actor=personas.ward_officer,
            upload=xlsx(tree.cell1.code),
            filename="ds.xlsx",
            dry_run=False,
        )
    assert written == ["Person", "Member"]  # the crash came after real writes …
    assert counts() == before  # … and none of them is left
