"""The member import (``members.importers`` + ``members.imports``) and its command.

Every bad file gets a Vietnamese message naming the row (as the spreadsheet numbers it:
the header is row 1) and the column, and changes nothing (QUALITY.md, "Bad input").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from tcxd.audit.models import AuditEntry
from tcxd.members.importers import Problem
from tcxd.members.imports import ImportReport, import_file
from tcxd.members.models import Member, MembershipEvent, MembershipPeriod, Person
from tcxd.testing.factories import SPEC_IMPORT_HEADERS, make_user

D = dt.date

HEADER = SPEC_IMPORT_HEADERS
COL = {name: index for index, name in enumerate(HEADER)}


def good_rows() -> list[list[Any]]:
    """Three valid rows (spreadsheet rows 2, 3, 4) showing the three ways to write a date:
    text dd/mm/yyyy, a real Excel date, and a bare Excel serial number.

    Serial 33741: 36526 is 01/01/2000; 2785 days earlier is 7 years (1993–1999: 7 × 365 + 1
    for 1996 = 2556 days) and 229 more days back from 01/01/1993: 17/05/1992 (1992 is a
    leap year: 14 days left in May + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 228, + 1).
    """
    return [
        [
            "Nguyễn Văn An",
            "15/03/1985",
            "Nam",
            "046085000001",
            "19/05/2010",
            "T-AH-1",
            "19/05/2011",
            "79000001",
            "Kinh",
            "Không",
            "Phường Kim Long",
            "12/12",
            "Đại học",
            "Trung cấp",
            "Viên chức",
        ],
        [
            "Trần Thị Bích",
            D(1990, 2, 1),
            "Nữ",
            "046190000002",
            D(2015, 9, 2),
            "T-AH-2",
            None,
            None,
            "Kinh",
            None,
            "Phường Vỹ Dạ",
            "12/12",
            "Thạc sĩ",
            "Sơ cấp",
            "Giáo viên",
        ],
        [
            "Lê Văn Cường",
            33741,
            "nam",
            "046092000003",
            "01/01/2020",
            "t-ah-1",
            "1/1/2021",
            None,
            "Tà Ôi",
            "Công giáo",
            "A Lưới",
            "9/12",
            None,
            None,
            "Nông dân",
        ],
    ]


def xlsx(rows: list[list[Any]], *, header: list[str] = HEADER, merge: str = "") -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def csv_bytes(
    rows: list[list[Any]],
    *,
    header: list[str] = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding)


def text_rows() -> list[list[Any]]:
    """The good rows with every date written as text (for .csv)."""
    rows = good_rows()
    rows[1][COL["Ngày sinh"]] = "01/02/1990"
    rows[1][COL["Ngày vào Đảng"]] = "02/09/2015"
    rows[2][COL["Ngày sinh"]] = "17/05/1992"
    return rows


def snapshot() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        Member.objects.count(),
        MembershipEvent.objects.count(),
        MembershipPeriod.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def officer(tree, personas):
    """The ward officer: may import into the cells of phường An Hòa only."""
    return personas.ward_officer


def run(actor, data: io.BytesIO | bytes, name: str = "dang-vien.xlsx", *, dry_run=False):
    upload = io.BytesIO(data) if isinstance(data, bytes) else data
    return import_file(actor=actor, upload=upload, filename=name, dry_run=dry_run)


def refused(actor, data, name: str = "dang-vien.xlsx") -> ImportReport:
    """Import a bad file: it must be refused with problems and change nothing."""
    before = snapshot()
    report = run(actor, data, name)
    assert not report.ok
    assert report.created == report.updated == 0
    assert snapshot() == before
    return report


def only(report: ImportReport) -> Problem:
    assert len(report.problems) == 1, report.problems
    return report.problems[0]


def with_cell(row: int, column: str, value: Any, rows=None) -> list[list[Any]]:
    """The good rows with one cell changed; ``row`` as the spreadsheet numbers it."""
    rows = rows or good_rows()
    rows[row - 2][COL[column]] = value
    return rows


# --- the happy path -----------------------------------------------------------------------


def test_import_three_rows_from_xlsx(tree, officer) -> None:
    report = run(officer, xlsx(good_rows()))
    assert report.problems == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)

    an = Member.objects.get(person__citizen_id="046085000001")
    assert an.person.full_name == "Nguyễn Văn An"
    assert an.person.birth_on == D(1985, 3, 15)
    assert an.person.gender == "male"
    assert an.person.hometown == "Phường Kim Long"
    assert an.person.professional_level == "university"
    assert an.person.theory_level == "intermediate"
    assert an.person.name_fold == "nguyen van an"
    assert an.card_number == "79000001"
    assert (an.status, an.organization_id) == ("official", tree.cell1.pk)
    assert (an.admitted_on, an.official_on) == (D(2010, 5, 19), D(2011, 5, 19))
    assert list(an.events.values_list("kind", "occurred_on", "source")) == [
        ("admitted", D(2010, 5, 19), "import"),
        ("recognised_official", D(2011, 5, 19), "import"),
    ]
    assert list(an.periods.order_by("start_on").values_list("status", "start_on", "end_on")) == [
        ("probationary", D(2010, 5, 19), D(2011, 5, 19)),
        ("official", D(2011, 5, 19), None),
    ]

    bich = Member.objects.get(person__citizen_id="046190000002")
    assert bich.person.birth_on == D(1990, 2, 1)  # a real Excel date
    assert bich.person.gender == "female"
    assert (bich.status, bich.organization_id) == ("probationary", tree.cell2.pk)
    assert list(bich.events.values_list("kind", flat=True)) == ["admitted"]
    assert bich.card_number is None

    cuong = Member.objects.get(person__citizen_id="046092000003")
    assert cuong.person.birth_on == D(1992, 5, 17)  # Excel serial 33741, see good_rows
    assert cuong.organization_id == tree.cell1.pk  # "t-ah-1" read as T-AH-1
    assert cuong.official_on == D(2021, 1, 1)  # "1/1/2021"
    assert cuong.person.ethnicity == "Tà Ôi"

    assert MembershipEvent.objects.count() == 5  # 2 + 1 + 2
    per_member = AuditEntry.objects.filter(action="members.import")
    assert sorted(per_member.values_list("target_id", flat=True)) == sorted(
        str(m.pk) for m in (an, bich, cuong)
    )
    assert per_member.get(target_id=str(an.pk)).organization_id == tree.cell1.pk
    assert per_member.get(target_id=str(an.pk)).actor == officer
    assert per_member.get(target_id=str(an.pk)).changes["after"]["birth_on"] == "1985-03-15"
    summary = AuditEntry.objects.get(action="members.import_file")
    assert summary.organization_id == tree.ward.pk  # the smallest subtree holding both cells
    assert summary.changes == {
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "dry_run": False,
    }


def test_dry_run_reports_the_counts_and_creates_nothing(tree, officer) -> None:
    before = snapshot()
    report = run(officer, xlsx(good_rows()), dry_run=True)
    assert report.ok and report.dry_run
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    assert snapshot() == before


def test_reimporting_the_same_file_changes_nothing(tree, officer) -> None:
    run(officer, xlsx(good_rows()))
    people = list(Person.objects.order_by("pk").values())
    events = MembershipEvent.objects.count()
    report = run(officer, xlsx(good_rows()))
    assert report.ok
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 0, 0, 3)
    assert MembershipEvent.objects.count() == events
    assert list(Person.objects.order_by("pk").values()) == people
    assert not AuditEntry.objects.filter(action="members.person_update").exists()


def test_reimport_with_a_changed_hometown_updates_that_person(tree, officer) -> None:
    run(officer, xlsx(good_rows()))
    events = MembershipEvent.objects.count()
    report = run(officer, xlsx(with_cell(3, "Quê quán", "Phường Thuận Hóa")))
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Person.objects.get(citizen_id="046190000002").hometown == "Phường Thuận Hóa"
    assert MembershipEvent.objects.count() == events
    entry = AuditEntry.objects.get(action="members.person_update")
    assert entry.changes == {
        "before": {"hometown": "Phường Vỹ Dạ"},
        "after": {"hometown": "Phường Thuận Hóa"},
    }


def test_reimport_with_another_organization_asks_for_a_transfer(tree, officer) -> None:
    run(officer, xlsx(good_rows()))
    report = refused(officer, xlsx(with_cell(2, "Mã tổ chức đảng", "T-AH-2")))
    problem = only(report)
    assert (problem.row, problem.column) == (2, "Mã tổ chức đảng")
    assert "T-AH-1" in problem.message
    assert "chuyển sinh hoạt" in problem.message
    assert Member.objects.get(person__citizen_id="046085000001").organization_id == tree.cell1.pk


def test_a_known_person_who_is_not_a_member_is_attached(tree, officer) -> None:
    """The citizen ID identifies the person: a village head already in the registry
    becomes a member, without a second person record."""
    from tcxd.members.services import person_create
    from tcxd.testing.factories import person_data

    head = person_create(
        actor=officer,
        data=person_data("Nguyễn Văn An", citizen_id="046085000001"),
        organization=tree.ward,
    )
    report = run(officer, xlsx(good_rows()))
    assert report.ok
    assert report.created == 3
    assert Person.objects.count() == 3
    member = Member.objects.get(person=head)
    assert (member.status, member.organization_id) == ("official", tree.cell1.pk)


def test_a_crash_in_the_middle_of_an_import_leaves_the_database_as_before(
    tree, officer, monkeypatch
) -> None:
    """QUALITY.md: a crash in the middle of an import leaves the database as before. Here
    the crash comes after every member, event and period has been inserted, while the
    file's own audit entry is written."""
    import tcxd.members.imports as imports

    run(officer, xlsx(good_rows()[:1]))
    before = snapshot()

    def crash(**kwargs: Any) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr(imports, "record", crash)
    rows = with_cell(2, "Quê quán", "Phường Thuận Hóa")  # one update and two new members
    with pytest.raises(RuntimeError):
        run(officer, xlsx(rows))
    assert snapshot() == before
    assert Person.objects.get(citizen_id="046085000001").hometown == "Phường Kim Long"


def test_one_bad_row_means_nothing_is_written(tree, officer) -> None:
    rows = with_cell(4, "Giới tính", "Khác")
    report = refused(officer, xlsx(rows))
    problem = only(report)
    assert (problem.row, problem.column) == (4, "Giới tính")
    assert "«Nam» hoặc «Nữ»" in problem.message


def test_every_problem_is_reported_in_row_order(tree, officer) -> None:
    rows = with_cell(4, "Ngày sinh", "31/02/1990")
    rows = with_cell(2, "Mã tổ chức đảng", "KHONG-CO", rows)
    report = refused(officer, xlsx(rows))
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "Mã tổ chức đảng"),
        (4, "Ngày sinh"),
    ]


# --- columns --------------------------------------------------------------------------------


def test_missing_required_columns(tree, officer) -> None:
    header = [h for h in HEADER if h not in ("Ngày sinh", "Giới tính")]
    rows = [[v for i, v in enumerate(r) if HEADER[i] in header] for r in good_rows()]
    problem = only(refused(officer, xlsx(rows, header=header)))
    assert problem.row == 1
    assert problem.message == "Thiếu các cột bắt buộc: Ngày sinh, Giới tính."


def test_unknown_column(tree, officer) -> None:
    header = [*HEADER, "Số điện thoại"]
    rows = [[*r, "0905123456"] for r in good_rows()]
    problem = only(refused(officer, xlsx(rows, header=header)))
    assert (problem.row, problem.column) == (1, "Số điện thoại")
    assert problem.message.startswith("Cột không hợp lệ.")
    assert "Họ và tên" in problem.message  # lists the expected columns


def test_duplicate_column(tree, officer) -> None:
    header = [*HEADER, "Họ tên"]  # an alias of «Họ và tên»
    rows = [[*r, r[0]] for r in good_rows()]
    problem = only(refused(officer, xlsx(rows, header=header)))
    assert (problem.row, problem.column) == (1, "Họ tên")
    assert problem.message == "Cột này xuất hiện hai lần."


def test_merged_header_cells(tree, officer) -> None:
    problem = only(refused(officer, xlsx(good_rows(), merge="A1:B1")))
    assert (problem.row, problem.column) == (1, "Họ và tên")
    assert "gộp" in problem.message


def test_header_matching_ignores_case_diacritics_and_spaces(tree, officer) -> None:
    header = [
        "STT",
        "  HO VA TEN ",
        "ngay sinh",
        "GIOI TINH",
        "so cccd",
        "Ngày  vào   Đảng",
        "mã tổ chức đảng",
        "ngay chinh thuc",
    ]
    rows = [[i + 1, *r[:7]] for i, r in enumerate(good_rows())]
    report = run(officer, xlsx(rows, header=header))
    assert report.problems == []
    assert report.created == 3
    assert Person.objects.get(citizen_id="046085000001").full_name == "Nguyễn Văn An"


def test_header_written_in_decomposed_unicode_is_matched(tree, officer) -> None:
    header = [unicodedata.normalize("NFD", h) for h in HEADER]
    report = run(officer, xlsx(good_rows(), header=header))
    assert report.ok and report.created == 3


# --- dates ------------------------------------------------------------------------------------


def test_dates_with_dots_or_dashes_are_read_day_first(tree, officer) -> None:
    rows = with_cell(2, "Ngày sinh", "05.03.1985")
    rows = with_cell(3, "Ngày sinh", "01-02-1990", rows)
    assert run(officer, xlsx(rows)).ok
    assert Person.objects.get(citizen_id="046085000001").birth_on == D(1985, 3, 5)
    assert Person.objects.get(citizen_id="046190000002").birth_on == D(1990, 2, 1)


def test_impossible_date(tree, officer) -> None:
    problem = only(refused(officer, xlsx(with_cell(3, "Ngày vào Đảng", "31/02/2020"))))
    assert (problem.row, problem.column) == (3, "Ngày vào Đảng")
    assert problem.message == "Ngày «31/02/2020» không tồn tại."


def test_text_that_is_not_a_date(tree, officer) -> None:
    problem = only(refused(officer, xlsx(with_cell(2, "Ngày sinh", "tháng 3 năm 1985"))))
    assert (problem.row, problem.column) == (2, "Ngày sinh")
    assert "dd/mm/yyyy" in problem.message


def test_date_in_the_future(tree, officer) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    text = tomorrow.strftime("%d/%m/%Y")
    problem = only(refused(officer, xlsx(with_cell(4, "Ngày chính thức", text))))
    assert (problem.row, problem.column) == (4, "Ngày chính thức")
    assert problem.message == f"Ngày {text} sau ngày hôm nay."


def test_today_is_not_in_the_future(tree, officer) -> None:
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert run(officer, xlsx(with_cell(4, "Ngày chính thức", today))).ok


def test_official_date_not_after_admission(tree, officer) -> None:
    problem = only(refused(officer, xlsx(with_cell(2, "Ngày chính thức", "19/05/2010"))))
    assert (problem.row, problem.column) == (2, "Ngày chính thức")


# --- citizen IDs and card numbers --------------------------------------------------------------


def test_duplicate_citizen_ids_in_the_file_name_the_first_row(tree, officer) -> None:
    rows = with_cell(4, "Số CCCD", "046085000001")
    problem = only(refused(officer, xlsx(rows)))
    assert (problem.row, problem.column) == (4, "Số CCCD")
    assert problem.message == "Số CCCD này đã có ở dòng 2."


def test_duplicate_card_numbers_in_the_file(tree, officer) -> None:
    rows = with_cell(3, "Số thẻ đảng viên", "79000001")
    problem = only(refused(officer, xlsx(rows)))
    assert (problem.row, problem.column) == (3, "Số thẻ đảng viên")
    assert problem.message == "Số thẻ đảng viên này đã có ở dòng 2."


def test_card_number_of_another_member_in_the_registry(tree, officer) -> None:
    run(officer, xlsx(good_rows()[:1]))  # row 2 only: card 79000001
    rows = good_rows()[1:2]
    rows[0][COL["Số thẻ đảng viên"]] = "79000001"
    problem = only(refused(officer, xlsx(rows)))
    assert (problem.row, problem.column) == (2, "Số thẻ đảng viên")
    assert "79000001" in problem.message


def test_numeric_citizen_id_that_lost_its_leading_zero(tree, officer) -> None:
    # Excel stored 046085000001 as the number 46085000001: 11 digits.
    problem = only(refused(officer, xlsx(with_cell(2, "Số CCCD", 46085000001))))
    assert (problem.row, problem.column) == (2, "Số CCCD")
    assert "11 chữ số" in problem.message
    assert "Excel" in problem.message


def test_numeric_citizen_id_with_12_digits_is_accepted(tree, officer) -> None:
    assert run(officer, xlsx(with_cell(2, "Số CCCD", 146085000001))).ok
    assert Person.objects.filter(citizen_id="146085000001").exists()


def test_citizen_id_of_13_characters(tree, officer) -> None:
    problem = only(refused(officer, xlsx(with_cell(3, "Số CCCD", "0461900000021"))))
    assert (problem.row, problem.column) == (3, "Số CCCD")
    assert problem.message == "Số CCCD phải có đúng 12 chữ số (giá trị đã ghi: «0461900000021»)."


def test_required_value_missing(tree, officer) -> None:
    problem = only(refused(officer, xlsx(with_cell(3, "Số CCCD", None))))
    assert (problem.row, problem.column) == (3, "Số CCCD")
    assert problem.message == "Ô này không được để trống."


# --- organizations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("T-XX-1", "Không có tổ chức đảng nào có mã T-XX-1."),
        ("T-AH", "không phải là chi bộ"),  # the ward committee itself
        ("T-AH-9", "đã giải thể"),  # dissolved 01/01/2024
        ("T-BD-1", "nằm ngoài phạm vi"),  # the other commune
    ],
    ids=["unknown", "not-a-cell", "dissolved", "out-of-scope"],
)
def test_organization_code_problems(tree, officer, code, fragment) -> None:
    problem = only(refused(officer, xlsx(with_cell(3, "Mã tổ chức đảng", code))))
    assert (problem.row, problem.column) == (3, "Mã tổ chức đảng")
    assert fragment in problem.message


# --- whole files -----------------------------------------------------------------------------


def test_empty_file(tree, officer) -> None:
    problem = only(refused(officer, b""))
    assert (problem.row, problem.column) == (0, "")
    assert problem.message == "Tệp không có dữ liệu."


def test_header_only_file(tree, officer) -> None:
    problem = only(refused(officer, xlsx([])))
    assert problem.message == "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."
    problem = only(refused(officer, csv_bytes([]), "dang-vien.csv"))
    assert problem.message == "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."


def test_random_bytes_named_xlsx(tree, officer) -> None:
    noise = bytes((i * 97 + 13) % 256 for i in range(2000))
    problem = only(refused(officer, noise))
    assert problem.message == "Tệp này không phải là bảng tính .xlsx hợp lệ."


def test_zip_that_is_not_a_workbook(tree, officer) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    problem = only(refused(officer, data.getvalue()))
    assert problem.row == 0
    assert problem.message.startswith("Không đọc được bảng tính")


def test_pdf_named_csv(tree, officer) -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    problem = only(refused(officer, pdf, "dang-vien.csv"))
    assert problem.message == "Tệp này không phải là tệp văn bản .csv hợp lệ."


def test_ascii_only_pdf_named_csv(tree, officer) -> None:
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    problem = only(refused(officer, pdf, "dang-vien.csv"))
    assert problem.message == "Tệp này không phải là tệp văn bản .csv hợp lệ."


def test_other_extensions_are_refused(tree, officer) -> None:
    problem = only(refused(officer, csv_bytes(text_rows()), "dang-vien.txt"))
    assert "dang-vien.txt" in problem.message


def test_size_limit_both_sides(tree, officer, settings) -> None:
    """Uploads are checked for size before they are parsed (QUALITY.md, Security)."""
    data = csv_bytes(text_rows())
    settings.TCXD_IMPORT_MAX_BYTES = len(data) - 1
    problem = only(refused(officer, data, "dang-vien.csv"))
    assert problem.row == 0
    assert "MB" in problem.message
    settings.TCXD_IMPORT_MAX_BYTES = len(data)
    assert run(officer, data, "dang-vien.csv").created == 3


def test_an_xlsx_over_the_limit_is_not_opened(tree, officer, settings) -> None:
    settings.TCXD_IMPORT_MAX_BYTES = 1000
    problem = only(refused(officer, xlsx(good_rows())))
    assert problem.message.startswith("Tệp có dung lượng")


# --- CSV --------------------------------------------------------------------------------------


def test_csv_with_semicolons_and_a_bom(tree, officer) -> None:
    data = csv_bytes(text_rows(), delimiter=";", encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    report = run(officer, data, "dang-vien.csv")
    assert report.problems == []
    assert report.created == 3
    assert Person.objects.get(citizen_id="046092000003").birth_on == D(1992, 5, 17)


def test_csv_with_commas_and_commas_inside_values(tree, officer) -> None:
    rows = with_cell(2, "Quê quán", "Phường Kim Long, Thành phố Huế", text_rows())
    report = run(officer, csv_bytes(rows, delimiter=","), "dang-vien.csv")
    assert report.problems == []
    assert report.created == 3
    assert Person.objects.get(citizen_id="046085000001").hometown == (
        "Phường Kim Long, Thành phố Huế"
    )


def test_csv_keeps_the_leading_zero_of_citizen_ids(tree, officer) -> None:
    assert run(officer, csv_bytes(text_rows()), "dang-vien.csv").ok
    assert Person.objects.filter(citizen_id="046085000001").exists()


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0309\u0303\u0301\u0323"
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            tone = "".join(c for c in decomposed if c in tones)
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_csv_not_in_utf8(tree, officer, encoding) -> None:
    text = csv_bytes(text_rows()).decode("utf-8")
    data = cp1258(text) if encoding == "cp1258" else text.encode("latin-1", errors="replace")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test file really is not UTF-8
    problem = only(refused(officer, data, "dang-vien.csv"))
    assert (problem.row, problem.column) == (0, "")
    assert "UTF-8" in problem.message


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def xlsx_path(tmp_path: Path) -> Path:
    path = tmp_path / "dang-vien.xlsx"
    path.write_bytes(xlsx(good_rows()).getvalue())
    return path


def test_command_imports_as_the_first_superuser(tree, personas, xlsx_path) -> None:
    out = io.StringIO()
    call_command("import_members", str(xlsx_path), stdout=out)
    assert Member.objects.count() == 3
    assert "created 3" in out.getvalue()
    entry = AuditEntry.objects.get(action="members.import_file")
    assert entry.actor == personas.admin


def test_command_dry_run_writes_nothing(tree, personas, xlsx_path) -> None:
    before = snapshot()
    out = io.StringIO()
    call_command("import_members", str(xlsx_path), "--dry-run", stdout=out)
    assert snapshot() == before
    assert "created 3" in out.getvalue()
    assert "Dry run" in out.getvalue()


def test_command_with_a_named_superuser(tree, personas, xlsx_path) -> None:
    chief = make_user("chief", is_superuser=True, is_staff=True)
    call_command("import_members", str(xlsx_path), "--user", "chief", stdout=io.StringIO())
    assert AuditEntry.objects.get(action="members.import_file").actor == chief
    with pytest.raises(CommandError):
        call_command("import_members", str(xlsx_path), "--user", "ward", stdout=io.StringIO())


def test_command_without_a_superuser_fails(tree, xlsx_path) -> None:
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("import_members", str(xlsx_path), stdout=io.StringIO())
    assert snapshot() == before


def test_command_prints_each_problem_and_fails(tree, personas, tmp_path) -> None:
    rows = with_cell(3, "Ngày sinh", "31/02/1990")
    rows = with_cell(4, "Số CCCD", "046085000001", rows)
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx(rows).getvalue())
    err = io.StringIO()
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=io.StringIO(), stderr=err)
    assert snapshot() == before
    assert err.getvalue().splitlines() == [
        "Dòng 3, cột «Ngày sinh»: Ngày «31/02/1990» không tồn tại.",
        "Dòng 4, cột «Số CCCD»: Số CCCD này đã có ở dòng 2.",
    ]


def test_command_reports_a_file_level_problem(tree, personas, tmp_path) -> None:
    path = tmp_path / "rong.csv"
    path.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == ["Tệp không có dữ liệu."]


def test_command_missing_file(tree, personas, tmp_path) -> None:
    with pytest.raises(CommandError):
        call_command("import_members", str(tmp_path / "khong-co.xlsx"), stdout=io.StringIO())
