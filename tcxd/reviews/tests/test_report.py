"""The generated report: the .docx reopened (Party document format, figures equal to the
indicators), the .xlsx annex (totals add up), frozen versions, template uploads, and both
files opened by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from docx import Document
from openpyxl.utils import get_column_letter

from tcxd.core.errors import DomainError
from tcxd.indicators.registry import all_indicators
from tcxd.testing.factories import make_member

from .. import report as builder
from .. import services
from ..models import Report, ReportTemplate
from .conftest import MEMBERS_END, OFFICIAL_SHARE, send

pytestmark = pytest.mark.django_db

HEADING = {
    "number": 7,
    "symbol": "BC/BTCTU",
    "issued_on": dt.date(2026, 7, 3),
    "place": "Huế",
    "issuer_upper": "THÀNH ỦY HUẾ",
    "issuer": "BAN TỔ CHỨC",
    "summary": "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026",
    "sign_for": "K/T TRƯỞNG BAN",
    "signer_title": "PHÓ TRƯỞNG BAN",
    "signer_name": "Trần Văn Minh",
    "recipients": ["Ban Tổ chức Trung ương (để báo cáo)", "Các đảng ủy trực thuộc", "Lưu VP, TH"],
}
CITY_NARRATIVE = {
    "results": "Công tác kiện toàn tổ chức được thực hiện kịp thời.\nCó <b>điểm</b> & mới.",
    "limitations": "Kết nạp đảng viên còn ít.",
    "directions": "Đẩy mạnh tạo nguồn kết nạp đảng viên.",
    "proposals": "",
}


@pytest.fixture
def accepted(city):  # type: ignore[no-untyped-def]
    tree, p = city.tree, city.personas
    for org, officer in [
        (tree.ward, p.ward_officer),
        (tree.commune, p.outsider),
        (tree.agency, p.board_specialist),
    ]:
        sub = send(city, org, officer)
        services.submission_accept(
            actor=p.board_specialist, submission=sub, expected_version=sub.version
        )
    return city


def generate(city, **heading):  # type: ignore[no-untyped-def]
    return services.report_generate(
        actor=city.personas.board_specialist,
        review=city.review,
        heading={**HEADING, **heading},
        narrative=CITY_NARRATIVE,
    )


def texts(content: bytes) -> tuple[list[str], list[list[list[str]]], Any]:
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paragraphs, tables, doc


def test_a_report_needs_every_submission_accepted(city) -> None:
    send(city, city.tree.ward, city.personas.ward_officer)
    with pytest.raises(DomainError) as exc:
        generate(city)
    assert exc.value.code == "report_pending"
    assert "Đảng bộ phường An Hòa" in exc.value.message
    assert not Report.objects.exists()


def test_the_word_report_is_in_the_party_format(accepted) -> None:
    report = generate(accepted)
    paragraphs, tables, doc = texts(bytes(report.docx))
    header = tables[0]
    left, right = header[0]
    assert left.split("\n") == ["THÀNH ỦY HUẾ", "BAN TỔ CHỨC", "*", "Số 07-BC/BTCTU"]
    # Day under 10 and months 1–2 with a leading zero; July without (HD 36-HD/VPTW).
    assert right.split("\n") == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Huế, ngày 03 tháng 7 năm 2026"]
    party = doc.tables[0].rows[0].cells[1].paragraphs[0]
    assert (
        party._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
        is not None
    )  # the rule under the Party's name
    assert party.runs[0].bold
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == HEADING["summary"]
    assert paragraphs[title + 2] == "-----"
    sign = tables[-1][0]
    assert sign[0].split("\n")[:4] == [
        "Nơi nhận:",
        "- Ban Tổ chức Trung ương (để báo cáo),",
        "- Các đảng ủy trực thuộc,",
        "- Lưu VP, TH",
    ]
    assert [line for line in sign[1].split("\n") if line] == [
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Trần Văn Minh",
    ]
    # Narrative as paragraphs, HTML shown as text.
    assert "Có <b>điểm</b> & mới." in paragraphs
    assert "Kết nạp đảng viên còn ít." in paragraphs
    # Page: A4, margins 20/20/30/15 mm, Times New Roman.
    section = doc.sections[0]

    def mm(*lengths):  # type: ignore[no-untyped-def]
        return tuple(round(length.mm) for length in lengths)  # Word stores twentieths of a pt

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin) == (20, 20)
    assert mm(section.left_margin, section.right_margin) == (30, 15)
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_body_figures_are_the_indicators(accepted) -> None:
    report = generate(accepted)
    _paragraphs, tables, _doc = texts(bytes(report.docx))
    main = {row[0]: row[1:] for row in tables[1]}
    # The city on 30/06/2026 (conftest): 6 members, 4 official = 66,67 %.
    assert main["Members at the end of the period (test)"][0] == "6"
    assert main["Share of official members (test)"][0] == "66,67%"
    # A year earlier (30/06/2025) the same six were members (admitted 2015 and 2024).
    assert main["Members at the end of the period (test)"][1] == "6"
    root = accepted.tree.root
    period = accepted.review.period
    for ind in all_indicators():
        expected = builder.format_value(ind.compute(root, period), ind.unit)
        assert main[str(ind.label)][0] == expected, ind.code


def test_the_annex_totals_add_up(accepted) -> None:
    report = generate(accepted)
    book = openpyxl.load_workbook(io.BytesIO(bytes(report.xlsx)), data_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    col = {label: i for i, label in enumerate(header)}
    body = [r for r in rows[4:] if isinstance(r[0], int)]
    total = next(r for r in rows if isinstance(r[1], str) and r[1].startswith("Tổng số"))
    names = [r[1] for r in body]
    assert names == [
        "Đảng bộ phường An Hòa",
        "Đảng bộ xã Bình Điền",
        "Đảng bộ Ủy ban nhân dân thành phố",
    ]
    members = col["Members at the end of the period (test)"]
    assert [r[members] for r in body] == [4, 1, 1]
    share = col["Share of official members (test) (%)"]
    assert [r[share] for r in body] == [75, 100, 0]
    # Counts: the total is the sum of the rows (a formula whose value is cached) and the
    # city's own figure; a share is the city's own figure.
    formulas = openpyxl.load_workbook(io.BytesIO(bytes(report.xlsx))).worksheets[0]
    total_row = rows.index(total) + 1
    letter = get_column_letter(members + 1)
    assert formulas.cell(total_row, members + 1).value == f"=SUM({letter}5:{letter}7)"
    for ind in all_indicators():
        c = col[str(ind.label) + (" (%)" if ind.unit == "percent" else "")]
        if ind.unit == "count":
            assert total[c] == sum(r[c] or 0 for r in body), ind.code
            assert total[c] == ind.compute(accepted.tree.root, accepted.review.period)
    assert Decimal(str(total[share])) == Decimal("66.67")


def test_figures_are_frozen_and_regenerating_makes_a_new_version(accepted) -> None:
    first = generate(accepted)
    make_member(
        accepted.personas.board_specialist,
        accepted.tree.cell2,
        full_name="Nguyễn Thị Mai",
        admitted_on=dt.date(2010, 1, 4),
        official_on=dt.date(2011, 1, 4),
    )
    first.refresh_from_db()
    assert first.data["totals"][MEMBERS_END] == 6
    second = generate(accepted)
    assert (first.version, second.version) == (1, 2)
    assert second.data["totals"][MEMBERS_END] == 7
    first.refresh_from_db()
    assert first.data["totals"][MEMBERS_END] == 6  # the issued version did not change
    assert Decimal(first.data["totals"][OFFICIAL_SHARE]) == Decimal("66.67")
    with pytest.raises(RuntimeError):
        Report.objects.filter(pk=first.pk).update(number=9)


def test_only_the_opener_generates_the_report(accepted) -> None:
    with pytest.raises(DomainError) as exc:
        services.report_generate(
            actor=accepted.personas.ward_officer,
            review=accepted.review,
            heading=HEADING,
            narrative=CITY_NARRATIVE,
        )
    assert exc.value.code == "out_of_scope"


# --- templates -------------------------------------------------------------------------


def _edited_default(old: str, new: str) -> bytes:
    """The default template with one text changed, as a user would in Word."""
    doc = Document(io.BytesIO(builder.default_template()))
    for p in doc.paragraphs:
        for run in p.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_edited_template_becomes_the_next_version_and_is_used(accepted) -> None:
    content = _edited_default("BÁO CÁO", "BÁO CÁO SƠ KẾT")
    template = services.template_upload(
        actor=accepted.personas.board_specialist, content=content, filename="mau.docx"
    )
    assert template.version == 1
    report = generate(accepted)
    assert report.template == template
    paragraphs, _t, _d = texts(bytes(report.docx))
    assert "BÁO CÁO SƠ KẾT" in paragraphs


@pytest.mark.parametrize(
    ("content", "filename", "code", "words"),
    [
        (
            lambda: _edited_default("{{ summary }}", "{{ summary"),
            "a.docx",
            "template_invalid",
            "viết sai",
        ),
        (
            lambda: _edited_default("{{ summary }}", "{{ tom_tat }}"),
            "a.docx",
            "template_invalid",
            "tom_tat",
        ),
        (
            lambda: _edited_default("{{ summary }}", "{{ f['no.such'] }}"),
            "a.docx",
            "template_invalid",
            "no.such",
        ),
        (lambda: b"not a zip file", "a.docx", "template_invalid", "không phải"),
        (lambda: b"%PDF-1.4", "a.pdf", "template_type", ".docx"),
    ],
)
def test_a_template_that_does_not_render_is_refused(city, content, filename, code, words) -> None:
    with pytest.raises(DomainError) as exc:
        services.template_upload(
            actor=city.personas.board_specialist, content=content(), filename=filename
        )
    assert exc.value.code == code
    assert words in exc.value.message
    assert not ReportTemplate.objects.exists()


def test_only_the_board_changes_the_template(city) -> None:
    with pytest.raises(DomainError) as exc:
        services.template_upload(
            actor=city.personas.ward_officer, content=builder.default_template(), filename="a.docx"
        )
    assert exc.value.code == "out_of_scope"


# --- LibreOffice -----------------------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found and shutil.which("pdftoppm"):
        return found
    message = (
        "LIBREOFFICE TESTS NOT RUN: soffice or pdftoppm is missing. Install Debian's "
        "packages 'libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils' to run them."
    )
    if os.environ.get("TCXD_REQUIRE_SOFFICE") == "1":
        pytest.fail(message)
    warnings.warn(message, stacklevel=1)
    pytest.skip(message)


def test_libreoffice_opens_the_report_and_the_annex(accepted, tmp_path) -> None:
    soffice = _soffice()
    report = generate(accepted)
    shots = Path(settings.VAR_DIR) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name, content in (("bao-cao.docx", report.docx), ("phu-luc.xlsx", report.xlsx)):
        (tmp_path / name).write_bytes(bytes(content))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(tmp_path / name),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pdf = tmp_path / name.replace(".docx", ".pdf").replace(".xlsx", ".pdf")
        assert pdf.stat().st_size > 1000
        stem = shots / ("reviews-" + name.split(".")[0])
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "4", str(pdf), str(stem)],
            check=True,
            timeout=60,
        )
        assert list(shots.glob(stem.name + "*.png"))
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if name.endswith(".docx"):
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 07-BC/BTCTU" in text
        else:
            assert "Đảng bộ phường An Hòa" in text
