"""Benchmark of the review report of the demo city, each figure beside a floor.

    .venv/bin/python bench/reports.py [--db PATH] [--runs 7] [--no-doc]

Without ``--db`` it builds the demo city (``tcxd seed_demo --seed 1``) into a temporary
directory; the demo holds the accepted half-year review of 2026 opened by the city.

R1  the report's data (``reviews.selectors.report_data``: every indicator for the city,
    the same period last year, and by organization below) — what generation reads.
R2  the .docx (``reviews.report.build_docx`` with the default template) from that data;
    target < 2 s, and R1 + R2 (the whole Word report from the database) < 2 s as well.
R3  the .xlsx annex (``reviews.report.build_xlsx``) beside the floor: XlsxWriter in
    constant-memory mode writing the same cells (values, formats, formulas) from tuples
    fetched beforehand, in the same run; target ≤ 1.2× the floor.

Value = best of ``--runs``. Results are printed and written to the ``reviews`` section of
``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"


def best(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def floor_xlsx(cells: list[list[tuple[Any, str]]], widths: int) -> bytes:
    """The same cells as the annex (values, formats, the SUM formulas with their cached
    values, frozen panes) from pre-fetched tuples, written with XlsxWriter constant_memory
    and nothing else."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("Annex")
    base = {"font_name": "Times New Roman", "font_size": 11}
    formats = {
        "plain": book.add_format(base),
        "head": book.add_format({**base, "bold": True, "text_wrap": True, "border": 1}),
        "cell": book.add_format({**base, "border": 1}),
        "count": book.add_format({**base, "border": 1, "num_format": "#,##0"}),
        "percent": book.add_format({**base, "border": 1, "num_format": '0.00"%"'}),
        "total": book.add_format({**base, "border": 1, "bold": True, "num_format": "#,##0"}),
    }
    sheet.set_row(3, 60)
    sheet.set_column(2, widths, 13)
    for r, row in enumerate(cells):
        for c, (value, fmt) in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                sheet.write_formula(r, c, value, formats["total"], 0)
            elif isinstance(value, str):
                sheet.write_string(r, c, value, formats[fmt])
            elif value is None:
                sheet.write_blank(r, c, None, formats[fmt])
            else:
                sheet.write_number(r, c, value, formats[fmt])
    sheet.freeze_panes(4, 2)
    book.close()
    return out.getvalue()


def annex_cells(data: dict[str, Any]) -> list[list[tuple[Any, str]]]:
    """The annex's cells as (value, format name) tuples, fetched before timing the floor."""
    from tcxd.reviews.figures import from_json
    from tcxd.reviews.report import column_totals

    inds = data["indicators"]
    rows: list[list[tuple[Any, str]]] = [[("title", "plain")], [("subtitle", "plain")], []]
    rows.append([("No.", "head"), ("Organization", "head")] + [(i["label"], "head") for i in inds])
    for n, child in enumerate(data["children"], start=1):
        values = [from_json(child["figures"].get(i["code"])) for i in inds]
        units = ["count" if i["unit"] == "count" else "percent" for i in inds]
        rows.append([(n, "cell"), (child["name"], "cell"), *zip(values, units, strict=True)])
    totals = column_totals(data)
    rows.append(
        [(None, "cell"), ("Total", "cell")]
        + [("=SUM(C5:C50)" if i["unit"] == "count" else totals[i["code"]], "total") for i in inds]
    )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an SQLite database holding the demo city")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()

    tmp = None
    if args.db:
        db = Path(args.db).resolve()
    else:
        tmp = tempfile.mkdtemp(prefix="tcxd-bench-reports-")
        db = Path(tmp) / "tcxd.sqlite3"
    env = {
        **os.environ,
        "TCXD_DATABASE_URL": f"sqlite:///{db}",
        "TCXD_SECRET_KEY": "bench",
        "TCXD_ALLOWED_HOSTS": "localhost",
        "TCXD_VAR_DIR": tmp or str(db.parent),
    }
    if not args.db:
        tcxd = str(ROOT / ".venv" / "bin" / "tcxd")
        print("Building the demo city …", flush=True)
        subprocess.run([tcxd, "migrate", "-v0"], env=env, check=True)
        subprocess.run([tcxd, "seed_demo", "--seed", "1"], env=env, check=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcxd.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.utils import translation

    from tcxd.reviews import report as builder
    from tcxd.reviews import selectors
    from tcxd.reviews.models import Report

    translation.activate("vi")
    issued = Report.objects.filter(review__organization__depth=1).order_by("-id").first()
    if issued is None:
        print("The database holds no report of the city: build the demo first.")
        return 1
    review = issued.review
    heading = {**issued.data, "issued_on": review.deadline_on}
    narrative = issued.data["narrative"]

    def data_only() -> dict[str, Any]:
        # Cold: the figures kept between requests are dropped, as after any data change
        # (the monthly tallies are data and stay).
        cache.clear()
        return selectors.report_data(review=review, heading=heading, narrative=narrative)

    runs = args.runs
    r1, data = best(data_only, runs)
    template = builder.default_template()
    r2, docx = best(lambda: builder.build_docx(data, template), runs)
    cells_in = annex_cells(data)
    # The annex and its floor take turns, so that both meet the same state of the disk and
    # the other core (each is ~20 ms, mostly XlsxWriter's temporary files and zip).
    r3 = floor = float("inf")
    xlsx = b""
    for _ in range(runs * 2):
        t, xlsx = best(lambda: builder.build_xlsx(data), 1)
        r3 = min(r3, t)
        t, _ = best(lambda: floor_xlsx(cells_in, len(data["indicators"]) + 1), 1)
        floor = min(floor, t)
    cells = (len(data["children"]) + 2) * (len(data["indicators"]) + 2)
    ratio = r3 / floor
    rows = [
        ("R1", "report data: every indicator, city + last year + by organization", r1, None),
        ("R2", "the .docx from the data (default template)", r2, None),
        ("R1+R2", "the Word report from the database", r1 + r2, None),
        ("R3", f"the .xlsx annex ({cells:,} cells)", r3, floor),
    ]
    results = {
        "R2": r2 < 2.0,
        "R1+R2": r1 + r2 < 2.0,
        "R3": ratio <= 1.2,
    }
    targets = {"R2": "< 2 s", "R1+R2": "< 2 s", "R3": "≤ 1.2× floor"}
    lines = [
        "| id | what | value | floor | ratio | target | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for rid, what, value, fl in rows:
        lines.append(
            f"| {rid} | {what} | {value * 1000:,.1f} ms | "
            f"{f'{fl * 1000:,.1f} ms' if fl else '–'} | {f'{value / fl:.2f}×' if fl else '–'} | "
            f"{targets.get(rid, '–')} | "
            f"{('PASS' if results[rid] else 'FAIL') if rid in results else '–'} |"
        )
    table = "\n".join(lines)
    print(table)
    print(
        f"docx {len(docx):,} bytes; xlsx {len(xlsx):,} bytes; organizations {len(data['children'])}"
    )
    if not args.no_doc:
        import django as dj

        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        section = "\n".join(
            [
                "<!-- reviews:start -->",
                "## Review report benchmark (SQLite)",
                "",
                f"Run {when} with `.venv/bin/python bench/reports.py"
                f"{' --db …' if args.db else ''}` on the demo city (seed 1): the half-year "
                f"review of 2026, {len(data['children'])} organizations below the city, "
                f"{len(data['indicators'])} indicators. Machine: {os.cpu_count()} CPUs, "
                f"{platform.platform()}; Python {platform.python_version()}, "
                f"Django {dj.get_version()}. Value = best of {runs} (R3 and its floor: best of "
                f"{runs * 2}); the floor is measured in the same run on the same data.",
                "",
                table,
                "",
                "- R2 fills the docxtpl template's row loops (`{%tr for %}`): python-docx's "
                "quadratic `table.cell()` is never called (performance-anchors.md §4).",
                "- R3's floor writes the same cells (values, borders, number formats, SUM "
                "formulas, frozen panes) from tuples prepared before timing: the ratio is "
                "what the annex's own code adds. Both are dominated by XlsxWriter's fixed "
                "cost per workbook (constant-memory temporary files, the zip).",
                "<!-- reviews:end -->",
            ]
        )
        text = DOC.read_text(encoding="utf-8")
        pattern = re.compile(r"<!-- reviews:start -->.*?<!-- reviews:end -->", re.S)
        text = (
            pattern.sub(section, text)
            if pattern.search(text)
            else text.rstrip() + "\n\n" + section + "\n"
        )
        DOC.write_text(text, encoding="utf-8")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
