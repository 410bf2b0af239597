"""Read a member spreadsheet (.xlsx or .csv) into typed rows, with row-numbered problems.

Only parsing and per-row checks live here; checks against the registry and the writing
are in ``members.imports`` (one service shared by the command and the web upload).
Row numbers are those the spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any, BinaryIO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tcxd.core.text import fold, normalize_text

from .choices import Gender, ProfessionalLevel, TheoryLevel


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header as printed in the template (Vietnamese, the users' language)
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten dang vien")),
    Column("birth_on", "Ngày sinh", True),
    Column("gender", "Giới tính", True),
    Column(
        "citizen_id",
        "Số CCCD",
        True,
        ("cccd", "so can cuoc cong dan", "so can cuoc", "so dinh danh ca nhan"),
    ),
    Column("admitted_on", "Ngày vào Đảng", True, ("ngay ket nap", "ngay ket nap dang")),
    Column("organization_code", "Mã tổ chức đảng", True, ("ma chi bo", "ma to chuc")),
    Column("official_on", "Ngày chính thức", False, ("ngay cong nhan chinh thuc",)),
    Column("card_number", "Số thẻ đảng viên", False, ("so the dang", "so the")),
    Column("ethnicity", "Dân tộc", False),
    Column("religion", "Tôn giáo", False),
    Column("hometown", "Quê quán", False),
    Column("education", "Trình độ học vấn", False, ("giao duc pho thong",)),
    Column("professional_level", "Trình độ chuyên môn", False),
    Column("theory_level", "Lý luận chính trị", False, ("trinh do ly luan chinh tri",)),
    Column("occupation", "Nghề nghiệp", False),
)
IGNORED_HEADERS = {"stt", "tt", "so thu tu", "ghi chu"}
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}


def _header_key(text: str) -> str:
    return " ".join(fold(text).replace(":", " ").split())


HEADER_LOOKUP: dict[str, Column] = {}
for _col in COLUMNS:
    HEADER_LOOKUP[_header_key(_col.header)] = _col
    for _alias in _col.aliases:
        HEADER_LOOKUP[_alias] = _col


@dataclasses.dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("Row %(row)s") % {"row": self.row}
        if self.column:
            where += ", " + _("column «%(column)s»") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclasses.dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]


@dataclasses.dataclass
class ParsedFile:
    rows: list[ParsedRow]
    problems: list[Problem]


class FileRefused(Exception):
    """The file as a whole cannot be read (not a spreadsheet, too big, empty …)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE}
THEORY = {
    "": "",
    "khong": TheoryLevel.NONE,
    "chua": TheoryLevel.NONE,
    "chua qua dao tao": TheoryLevel.NONE,
    "so cap": TheoryLevel.ELEMENTARY,
    "trung cap": TheoryLevel.INTERMEDIATE,
    "cao cap": TheoryLevel.ADVANCED,
    "cu nhan": TheoryLevel.BACHELOR,
    "cao cap, cu nhan": TheoryLevel.ADVANCED,
}
PROFESSIONAL = {
    "": "",
    "khong": ProfessionalLevel.NONE,
    "so cap": ProfessionalLevel.ELEMENTARY,
    "trung cap": ProfessionalLevel.INTERMEDIATE,
    "cao dang": ProfessionalLevel.COLLEGE,
    "dai hoc": ProfessionalLevel.UNIVERSITY,
    "thac si": ProfessionalLevel.MASTER,
    "tien si": ProfessionalLevel.DOCTOR,
}
# Files that are certainly not text: zip (.xlsx, .docx), PDF, old Office, images.
BINARY_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff")
DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def read_file(upload: BinaryIO, filename: str) -> ParsedFile:
    """Check size and type, then read the rows. Raises FileRefused for a whole-file problem."""
    limit = settings.TCXD_IMPORT_MAX_BYTES
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    upload.seek(0)
    if size == 0:
        raise FileRefused(Problem(0, "", _("The file is empty.")))
    if size > limit:
        raise FileRefused(
            Problem(
                0,
                "",
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(size / 1048576, 1), "limit": round(limit / 1048576, 1)},
            )
        )
    head = upload.read(8)
    upload.seek(0)
    name = filename.lower()
    if name.endswith(".xlsx"):
        if not head.startswith(b"PK\x03\x04"):
            raise FileRefused(Problem(0, "", _("This file is not a real .xlsx spreadsheet.")))
        table, merged_header = _read_xlsx(upload)
    elif name.endswith(".csv"):
        if head.startswith(BINARY_SIGNATURES) or b"\x00" in upload.read(4096):
            raise FileRefused(Problem(0, "", _("This file is not a text .csv file.")))
        upload.seek(0)
        table, merged_header = _read_csv(upload), None
    else:
        raise FileRefused(
            Problem(
                0,
                "",
                _("Only .xlsx and .csv files can be imported (got «%(name)s»).")
                % {"name": filename},
            )
        )
    if merged_header is not None:
        raise FileRefused(
            Problem(
                1,
                _merged_column(table, merged_header),
                _(
                    "The header row has merged cells. Unmerge them so that each "
                    "column has its own header on row 1, as in the template."
                ),
            )
        )
    return parse_table(table)


def _read_xlsx(upload: BinaryIO) -> tuple[list[list[Any]], int | None]:
    """The first sheet's cells, and the first column of a merged range in the header row
    (None when the header has no merged cells)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(upload)
        sheet = book.get_sheet_by_index(0)
        table = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused(
            Problem(0, "", _("The spreadsheet cannot be read: %(error)s") % {"error": exc})
        ) from exc
    merged_header = min((start[1] for start, _end in merged if start[0] == 0), default=None)
    return table, merged_header


def _merged_column(table: Sequence[Sequence[Any]], index: int) -> str:
    """The header text of a merged header range (or its column letter when it is blank)."""
    header = table[0] if table else []
    text = normalize_text(str(header[index])) if index < len(header) else ""
    if text:
        return text
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _read_csv(upload: BinaryIO) -> list[list[Any]]:
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            Problem(0, "", _("The .csv file is not in UTF-8. Save it as “CSV UTF-8”."))
        ) from exc
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def parse_table(table: Sequence[Sequence[Any]]) -> ParsedFile:
    rows = [list(r) for r in table]
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise FileRefused(Problem(0, "", _("The file is empty.")))
    header = rows[0]
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = normalize_text(str(cell)) if not _blank(cell) else ""
        if not text:
            continue
        key = _header_key(text)
        if key in IGNORED_HEADERS:
            continue
        column = HEADER_LOOKUP.get(key)
        if column is None:
            problems.append(
                Problem(
                    1,
                    text,
                    _("Unknown column. Expected columns: %(cols)s.")
                    % {"cols": ", ".join(c.header for c in COLUMNS)},
                )
            )
            continue
        if column.key in positions:
            problems.append(Problem(1, text, _("This column appears twice.")))
            continue
        positions[column.key] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        problems.append(
            Problem(1, "", _("Missing required columns: %(cols)s.") % {"cols": ", ".join(missing)})
        )
    if problems:
        return ParsedFile([], problems)
    if len(rows) == 1:
        raise FileRefused(Problem(0, "", _("The file has a header but no rows.")))
    parsed: list[ParsedRow] = []
    today = timezone.localdate()
    plan = _column_plan(positions)
    for offset, raw in enumerate(rows[1:], start=2):
        if all(_blank(v) for v in raw):
            continue
        values, row_problems = _parse_row(offset, raw, plan, today)
        problems.extend(row_problems)
        parsed.append(ParsedRow(offset, values))
    return ParsedFile(parsed, problems)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(raw: Sequence[Any], index: int) -> Any:
    if index >= len(raw):
        return None
    value = raw[index]
    if value is None or value == "" or (isinstance(value, str) and value.isspace()):
        return None
    return value


def _column_plan(positions: dict[str, int]) -> list[tuple[Column, int, str]]:
    """The file's columns in template order, with their cell index and how to read them."""
    plan = []
    for column in COLUMNS:
        if column.key not in positions:  # an optional column the file does not have
            continue
        key = column.key
        if key.endswith("_on"):
            kind = "date"
        elif key in ("citizen_id", "gender"):
            kind = key
        elif key in ("theory_level", "professional_level"):
            kind = "level"
        elif key in ("organization_code", "card_number"):
            kind = "code"
        else:
            kind = "text"
        plan.append((column, positions[key], kind))
    return plan


def _parse_row(
    row: int, raw: Sequence[Any], plan: list[tuple[Column, int, str]], today: dt.date
) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    def problem(key: str, message: str) -> None:
        problems.append(Problem(row, COLUMN_BY_KEY[key].header, message))

    for column, index, kind in plan:
        key = column.key
        value = _cell(raw, index)
        if value is None:
            if column.required:
                problem(key, _("This value is required."))
            values[key] = None if kind == "date" else ""
            continue
        if kind == "text":
            values[key] = _text(value)
        elif kind == "code":
            values[key] = _text(value).upper()
        elif kind == "date":
            parsed, message = parse_date(value)
            if message:
                problem(key, message)
            elif parsed and parsed > today:
                problem(
                    key,
                    _("The date %(date)s is in the future.")
                    % {"date": parsed.strftime("%d/%m/%Y")},
                )
            values[key] = parsed
        elif kind == "citizen_id":
            values[key], message = _citizen_id(value)
            if message:
                problem(key, message)
        elif kind == "gender":
            gender = GENDERS.get(fold(str(value)))
            if gender is None:
                problem(key, _("Write «Nam» or «Nữ»."))
            values[key] = gender or ""
        else:  # a level
            table = THEORY if key == "theory_level" else PROFESSIONAL
            level = table.get(fold(str(value)))
            if level is None:
                problem(
                    key,
                    _("Unknown level «%(value)s». Use one of: %(levels)s.")
                    % {"value": value, "levels": ", ".join(_level_names(key))},
                )
            values[key] = level or ""
    birth, admitted = values["birth_on"], values["admitted_on"]
    official = values.get("official_on")
    if birth and admitted and admitted <= birth:
        problem("admitted_on", _("The admission date is not after the date of birth."))
    if admitted and official and official <= admitted:
        problem("official_on", _("The official date must come after the admission date."))
    return values, problems


def _level_names(key: str) -> list[str]:
    choices = TheoryLevel if key == "theory_level" else ProfessionalLevel
    names = {
        TheoryLevel: ["Không", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân"],
        ProfessionalLevel: [
            "Không",
            "Sơ cấp",
            "Trung cấp",
            "Cao đẳng",
            "Đại học",
            "Thạc sĩ",
            "Tiến sĩ",
        ],
    }
    return names[choices]  # type: ignore[index]


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(str(value))


def _citizen_id(value: Any) -> tuple[str, str]:
    if isinstance(value, float | int) and not isinstance(value, bool):
        digits = str(int(value))
        if len(digits) != 12:
            return digits, _(
                "A citizen ID has exactly 12 digits; this cell is a number with %(n)s digits "
                "(Excel drops a leading 0: format the column as Text)."
            ) % {"n": len(digits)}
        return digits, ""
    text = normalize_text(str(value)).replace(" ", "")
    if not (text.isdigit() and len(text) == 12):
        return text, _("A citizen ID has exactly 12 digits (got «%(value)s»).") % {"value": text}
    return text, ""


def parse_date(value: Any) -> tuple[dt.date | None, str]:
    """A date from a real Excel date, an Excel serial number, or text dd/mm/yyyy."""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serials run from 1900 to 9999
            return EXCEL_EPOCH + dt.timedelta(days=int(value)), ""
        return None, _("«%(value)s» is not a date.") % {"value": value}
    text = normalize_text(str(value))
    match = DATE_RE.match(text)
    if not match:
        iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", text)
        if iso:
            try:
                return dt.date(int(iso[1]), int(iso[2]), int(iso[3])), ""
            except ValueError:
                pass
        return None, _("«%(value)s» is not a date; write it as dd/mm/yyyy.") % {"value": text}
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        return None, _("The date «%(value)s» does not exist.") % {"value": text}


TEMPLATE_EXAMPLE = [
    "Nguyễn Văn An",
    "15/03/1985",
    "Nam",
    "046085000001",
    "19/05/2010",
    "HUE-EXAMPLE",
    "19/05/2011",
    "",
    "Kinh",
    "Không",
    "Phường Kim Long, Thành phố Huế",
    "12/12",
    "Đại học",
    "Trung cấp",
    "Viên chức",
]


def column_headers() -> list[str]:
    return [c.header for c in COLUMNS]
