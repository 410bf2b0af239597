"""Admission pages on the demo city: the pipeline board, the deadline calendar, a case page.

Usage: .venv/bin/python bench/admissions.py --db /path/to/demo.sqlite3 [--runs 7]

The database must hold the demo city (``TCXD_DATABASE_URL=sqlite:///… tcxd seed_demo``). Each
page is requested through Django's test client as the board specialist (every case in
scope) once to warm up, then ``--runs`` times; the best and the median are printed. There is
no floor and issue 4 sets no speed target: the budgets below are the ones issue 3 sets for
the dashboard (the city's page under 150 ms, a commune's under 50 ms), applied to these
pages (a case page like a commune's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="an SQLite database holding the demo city")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.update(
        TCXD_DATABASE_URL=f"sqlite:///{Path(args.db).resolve()}",
        TCXD_SECRET_KEY="bench-only-not-secret",
        TCXD_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="tcxd.settings",
    )
    import django

    django.setup()
    from django.test import Client

    from tcxd.accounts.models import User
    from tcxd.admissions.models import AdmissionCase
    from tcxd.organizations.models import Organization

    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    ward = Organization.objects.get(depth=2, name__contains="Thuận Hóa")
    case = AdmissionCase.objects.filter(stage="probation").order_by("id").first()
    assert case is not None, "build the demo first"
    pages = [
        ("A1", "pipeline board of the city", "/admissions/", 150),
        ("A2", f"pipeline board of {ward.name}", f"/admissions/?org={ward.pk}", 50),
        ("A3", "deadlines in the next 30 working days (city)", "/admissions/deadlines/", 150),
        ("A4", "a case page", f"/admissions/{case.pk}/", 50),
    ]
    print("| id | page | best | median | budget | result |")
    print("|---|---|---|---|---|---|")
    failed = False
    for key, label, url, budget in pages:
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        best, median = min(times), statistics.median(times)
        ok = best < budget
        failed |= not ok
        print(
            f"| {key} | {label} | {best:.1f} ms | {median:.1f} ms | < {budget} ms | "
            f"{'PASS' if ok else 'FAIL'} |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
