"""Working-day arithmetic: 10,000 ``add_working_days(d, 60)`` calls (target < 0.5 s).

Usage: .venv/bin/python bench/workdays.py

Builds a scratch SQLite database with the rules app's migrations (the shipped swapped days),
then times, best of 5:
- W1 10,000 calls in autocommit, as a command or a benchmark runs them (the table's version
  is re-read at most every CHECK_INTERVAL seconds);
- W2 the same inside one request (one version check for the request);
- W3 the same inside ``transaction.atomic()`` outside a request (a version check per call);
- floor: the same 10,000 answers from one prebuilt sorted list with ``bisect`` only.
Each call's answer is checked against the floor's.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from bisect import bisect_right
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
VAR = tempfile.mkdtemp(prefix="tcxd-bench-workdays-")
os.environ.update(
    TCXD_VAR_DIR=VAR,
    TCXD_SECRET_KEY="bench-only-not-secret",
    DJANGO_SETTINGS_MODULE="tcxd.settings",
    TCXD_LOG_LEVEL="ERROR",
    TCXD_ALLOWED_HOSTS="localhost",
)
os.environ.pop("TCXD_DATABASE_URL", None)

CALLS = 10_000


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import transaction

    from tcxd.rules import workdays

    call_command("migrate", "rules", verbosity=0)
    first = dt.date(2024, 1, 1).toordinal()
    starts = [dt.date.fromordinal(first + i % 1000) for i in range(CALLS)]

    t = time.perf_counter()
    workdays.add_working_days(starts[0], 60)
    cold = time.perf_counter() - t

    def run() -> list[dt.date]:
        return [workdays.add_working_days(d, 60) for d in starts]

    def best(fn, setup=None) -> tuple[float, list[dt.date]]:  # type: ignore[no-untyped-def]
        times, out = [], []
        for _ in range(5):
            t = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t)
        return min(times), out

    w1, answers = best(run)

    def in_request() -> list[dt.date]:
        request_started.send(sender=None)
        try:
            return run()
        finally:
            request_finished.send(sender=None)

    w2, answers2 = best(in_request)

    def in_atomic() -> list[dt.date]:
        with transaction.atomic():
            return run()

    w3, answers3 = best(in_atomic)

    working = [o for y in range(2024, 2028) for o in workdays._year(y)]

    def floor() -> list[dt.date]:
        return [
            dt.date.fromordinal(working[bisect_right(working, d.toordinal()) + 59]) for d in starts
        ]

    fl, expected = best(floor)
    same = answers == expected == answers2 == answers3
    print(f"first call (builds the year, reads the table): {cold * 1000:.1f} ms")
    print(f"W1 {CALLS:,} calls, autocommit:        {w1 * 1000:.1f} ms  ({w1 / fl:.1f}× floor)")
    print(f"W2 {CALLS:,} calls, in one request:    {w2 * 1000:.1f} ms  ({w2 / fl:.1f}× floor)")
    print(f"W3 {CALLS:,} calls, in atomic():       {w3 * 1000:.1f} ms  ({w3 / fl:.1f}× floor)")
    print(f"floor (bisect on a prebuilt list):      {fl * 1000:.1f} ms")
    print(f"answers equal the floor's: {'yes' if same else 'NO'}")
    print(f"target W1 < 500 ms: {'PASS' if w1 < 0.5 else 'FAIL'}")


if __name__ == "__main__":
    main()
