"""Benchmark of the indicators and the dashboard at demo scale, each beside a floor.

    .venv/bin/python bench/indicators.py [--database sqlite|postgres] [--members 58280]
                                         [--reuse PATH.sqlite3] [--keep] [--no-doc]

I1  every membership and village indicator for the city root and one half-year
    (6 tháng đầu năm 2026), ``compute`` and ``by_child``, in one ``registry.batch()``, beside
    hand-written SQL giving the same figures (three statements on a bare DB-API cursor:
    stock and composition at the end, changes of the period grouped by the organization
    below on both sides, villages). Cold: the between-request cache is cleared first.
I1 all  every registered indicator (the admissions app's too) the same way (target < 500 ms).
I1 app  each app's indicators alone, cold, the same way: a budget of 100 ms per app (ours, not
        the issue's) so that the next app's indicators cannot quietly eat the 500 ms.
I2  the dashboard page of the city root (server time through Django's test ``Client`` signed
    in as ``chuyenvien``): cold (cache cleared before each request) and warm (the registry
    unchanged since the previous request), and after one app's change (a cell meeting's
    change recorded in the audit log, as the meetings services do: only that app's figures
    are computed again); again with only the membership and village indicators registered,
    to tell this app's cost from other apps' indicators.
I3  the dashboard of every commune and ward, cold and warm: the slowest and the median.

``seed_demo --seed 1`` builds the data in a temporary directory (``--reuse`` points at an
already seeded SQLite file instead, copied first). Results are printed and written to this
benchmark's own section of ``docs/performance.md`` (other sections are kept).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
HALF = (2026, 1)

_spec = importlib.util.spec_from_file_location("bench_registry", ROOT / "bench" / "registry.py")
assert _spec and _spec.loader
reg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reg)
log, best_of, fmt_s = reg.log, reg.best_of, reg.fmt_s

TARGETS = {
    "I1": ("≤ 2× floor", lambda value, ratio: ratio is not None and ratio <= 2.0),
    "I1 all": ("< 500 ms", lambda value, ratio: value < 0.5),
    "I2 cold": ("< 150 ms", lambda value, ratio: value < 0.150),
    "I1 app": ("< 100 ms (our budget)", lambda value, ratio: value < 0.100),
    "I2 warm": ("< 150 ms", lambda value, ratio: value < 0.150),
    "I2 after": ("< 150 ms", lambda value, ratio: value < 0.150),
    "I3 slowest": ("< 50 ms", lambda value, ratio: value < 0.050),
    "I3 median": ("< 50 ms", lambda value, ratio: value < 0.050),
    "I3 warm": ("< 50 ms", lambda value, ratio: value < 0.050),
    "I3 after": ("< 50 ms", lambda value, ratio: value < 0.050),
}


# --- I1: indicators beside hand-written SQL ---------------------------------------------


def hand_sql(database: str, root: Any, period: Any) -> dict[str, Any]:
    """The membership and village figures of the root and of each child, from SQL."""
    from django.db import connection

    from tcxd.members.state import add_years

    ph = "?" if database == "sqlite" else "%s"
    length = len(root.path) + 4
    end = period.end

    def d(day: dt.date) -> Any:
        return day.isoformat() if database == "sqlite" else day

    born = [d(add_years(end, -n)) for n in (31, 41, 51, 61)]
    stock = f"""
        SELECT substr(p.organization_path, 1, {length}),
          sum(CASE WHEN p.status = 'official' THEN 1 ELSE 0 END),
          sum(CASE WHEN p.status = 'probationary' THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.gender = 'female' THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.ethnicity NOT IN ('', 'Kinh', 'kinh') THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.religion NOT IN ('', 'Không', 'không') THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.education IN ('12/12', '10/10') THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.professional_level IN ('university', 'master', 'doctor')
              THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.theory_level = 'elementary' THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.theory_level = 'intermediate' THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.theory_level IN ('advanced', 'bachelor') THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.birth_on > {ph} THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.birth_on <= {ph} AND pe.birth_on > {ph} THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.birth_on <= {ph} AND pe.birth_on > {ph} THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.birth_on <= {ph} AND pe.birth_on > {ph} THEN 1 ELSE 0 END),
          sum(CASE WHEN pe.birth_on <= {ph} THEN 1 ELSE 0 END)
        FROM members_membershipperiod p
        JOIN members_member m ON m.id = p.member_id
        JOIN members_person pe ON pe.id = m.person_id
        WHERE p.organization_path >= {ph} AND p.organization_path < {ph}
          AND p.start_on <= {ph} AND (p.end_on IS NULL OR p.end_on > {ph})
        GROUP BY 1"""
    stock_params = (
        born[0], born[0], born[1], born[1], born[2], born[2], born[3], born[3],
        root.path, root.path + "~", d(end), d(end),
    )  # fmt: skip
    changes = f"""
        SELECT b.organization_path, b.status, a.organization_path, a.status, e.kind,
               e.member_id, e.occurred_on
        FROM members_membershipevent e
        LEFT JOIN members_membershipperiod b
          ON b.member_id = e.member_id AND b.end_on = e.occurred_on
        LEFT JOIN members_membershipperiod a
          ON a.member_id = e.member_id AND a.start_on = e.occurred_on
        WHERE e.kind IN ('admitted', 'readmitted', 'transfer', 'recognised_official', 'died',
                         'expelled', 'struck_off', 'left')
          AND e.occurred_on >= {ph} AND e.occurred_on <= {ph}
          AND ((b.organization_path >= {ph} AND b.organization_path < {ph})
            OR (a.organization_path >= {ph} AND a.organization_path < {ph}))"""
    changes_params = (
        d(period.start),
        d(end),
        root.path,
        root.path + "~",
        root.path,
        root.path + "~",
    )
    villages = f"""
        SELECT substr(o.path, 1, {length}), count(*),
          sum(CASE WHEN EXISTS (SELECT 1 FROM members_membershipperiod p
              JOIN members_member m ON m.id = p.member_id WHERE m.person_id = v.head_id
              AND p.start_on <= {ph} AND (p.end_on IS NULL OR p.end_on > {ph}))
              THEN 1 ELSE 0 END),
          sum(CASE WHEN v.cell_id IS NULL OR c.dissolved_on <= {ph} THEN 1 ELSE 0 END)
        FROM organizations_village v
        JOIN organizations_organization o ON o.id = v.organization_id
        LEFT JOIN organizations_organization c ON c.id = v.cell_id
        WHERE o.path >= {ph} AND o.path < {ph}
          AND (v.dissolved_on IS NULL OR v.dissolved_on > {ph})
        GROUP BY 1"""
    village_params = (d(end), d(end), d(end), root.path, root.path + "~", d(end))
    connection.ensure_connection()
    cursor = connection.connection.cursor()

    def run() -> dict[str, Any]:
        cursor.execute(stock, stock_params)
        stock_rows = cursor.fetchall()
        cursor.execute(changes, changes_params)
        change_rows = cursor.fetchall()
        cursor.execute(villages, village_params)
        village_rows = cursor.fetchall()
        return {"stock": stock_rows, "changes": change_rows, "villages": village_rows}

    return {"run": run, "length": length}


def figures_from_sql(rows: dict[str, Any], length: int) -> dict[str, Any]:
    """End totals, admissions, transfers in and deaths by child, from the SQL rows (one
    change per member and day, the classification of docs/indicators.md)."""
    end = {g: (off or 0) + (prob or 0) for g, off, prob, *_ in rows["stock"]}
    per_day: dict[tuple[int, Any], list[Any]] = {}
    for b_path, _bs, a_path, _as, kind, member, on in rows["changes"]:
        item = per_day.setdefault((member, on), [b_path, a_path, set()])
        item[2].add(kind)
    admitted: Counter[str] = Counter()
    moved_in: Counter[str] = Counter()
    died: Counter[str] = Counter()
    for b_path, a_path, kinds in per_day.values():
        before = b_path[:length] if b_path else None
        after = a_path[:length] if a_path else None
        if after and after != before:
            if "admitted" in kinds:
                admitted[after] += 1
            elif "readmitted" not in kinds and "transfer" in kinds:
                moved_in[after] += 1
        if before and before != after and "died" in kinds:
            died[before] += 1
    return {"end": end, "admitted": admitted, "transferred_in": moved_in, "died": died}


def bench_indicators(database: str) -> dict[str, Any]:
    from django.core.cache import cache

    from tcxd.indicators import registry
    from tcxd.indicators.periods import Period
    from tcxd.organizations.models import Organization

    root = Organization.objects.get(depth=1)
    period = Period.half(*HALF)
    own = [i for i in registry.all_indicators() if i.app in ("members", "organizations")]
    every = registry.all_indicators()

    def compute(indicators: list[Any]) -> dict[str, Any]:
        cache.clear()
        with registry.batch():
            return {i.code: (i.compute(root, period), i.by_child(root, period)) for i in indicators}

    compute(every)  # warm-up (imports, statement caches)
    value, times, result = best_of(5, lambda: compute(own))
    value_all, times_all, _ = best_of(5, lambda: compute(every))
    by_app: dict[str, list[Any]] = {}
    for indicator in every:
        by_app.setdefault(indicator.app, []).append(indicator)
    per_app = {
        app: (best_of(3, lambda inds=inds: compute(inds))[0], len(inds))
        for app, inds in by_app.items()
    }
    floor_sql = hand_sql(database, root, period)
    floor_sql["run"]()
    floor, floor_times, rows = best_of(5, floor_sql["run"])
    from_sql = figures_from_sql(rows, floor_sql["length"])
    kids = dict(
        Organization.objects.filter(depth=2, path__startswith=root.path).values_list("path", "pk")
    )
    checks = {}
    for name, code in (
        ("end", "members.end_total"),
        ("admitted", "members.admitted"),
        ("transferred_in", "members.transferred_in"),
        ("died", "members.died"),
    ):
        by_child = result[code][1]
        sql = {kids[path]: n for path, n in from_sql[name].items() if path in kids}
        same = all(by_child.get(pk, 0) == sql.get(pk, 0) for pk in kids.values())
        checks[f"{code} by child equals the SQL"] = same
    checks["villages by child equal the SQL"] = all(
        result["villages.count"][1].get(kids[g], 0) == n for g, n, *_ in rows["villages"]
    )
    return {
        "value": value,
        "floor": floor,
        "ratio": value / floor,
        "times": times,
        "floor_times": floor_times,
        "all": value_all,
        "all_times": times_all,
        "count": len(own),
        "count_all": len(every),
        "per_app": per_app,
        "checks": checks,
        "root": root.name,
        "end_total": result["members.end_total"][0],
    }


# --- I2, I3: the dashboard --------------------------------------------------------------


def page_time(client: Any, url: str, *, cold: bool, capture: bool = False) -> tuple[float, Any]:
    """Server time of one view; with ``capture`` the queries too, in a run of its own (the
    debug cursor that records them costs ~0.3 ms per query: not in the timed runs)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        cache.clear()
    if capture:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return 0.0, ctx.captured_queries
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return seconds, None


@contextlib.contextmanager
def only_own_indicators() -> Any:
    """The registry with this app's membership and village indicators only (to tell the
    dashboard's own cost from other apps' indicators)."""
    from tcxd.indicators import registry

    saved = dict(registry._REGISTRY)
    registry._REGISTRY.clear()
    registry._REGISTRY.update(
        {k: v for k, v in saved.items() if v.app in ("members", "organizations")}
    )
    try:
        yield
    finally:
        registry._REGISTRY.clear()
        registry._REGISTRY.update(saved)


def bench_dashboard(database: str) -> dict[str, Any]:
    from django.test import Client

    from tcxd.accounts.models import User
    from tcxd.audit.services import record
    from tcxd.organizations.models import Organization

    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    root = Organization.objects.get(depth=1)
    query = f"?period={HALF[0]}-H{HALF[1]}"
    url = f"/indicators/{root.pk}/{query}"
    page_time(client, url, cold=True)  # warm-up: templates, imports
    cold_times, warm_times = [], []
    for _ in range(5):
        cold_times.append(page_time(client, url, cold=True)[0])
    queries = page_time(client, url, cold=True, capture=True)[1]
    for _ in range(5):
        warm_times.append(page_time(client, url, cold=False)[0])
    after_times = []
    for _ in range(5):
        record(actor=None, action="meetings.change")
        after_times.append(page_time(client, url, cold=False)[0])
    sql_times = sorted(((float(q["time"]), q["sql"]) for q in queries), reverse=True)
    repeated = Counter(reg._short_sql(q["sql"])[:120] for q in queries).most_common(1)
    communes = list(Organization.objects.filter(depth=2, kind__has_villages=True))
    page_time(client, f"/indicators/{communes[0].pk}/{query}", cold=True)
    per_commune = {}
    for org in communes:
        per_commune[org.name] = min(
            page_time(client, f"/indicators/{org.pk}/{query}", cold=True)[0] for _ in range(2)
        )
    slowest = max(per_commune, key=per_commune.__getitem__)
    warm_commune = {}
    for org in communes:  # each one's page viewed again, its figures now in the cache
        url_c = f"/indicators/{org.pk}/{query}"
        page_time(client, url_c, cold=False)
        warm_commune[org.name] = min(page_time(client, url_c, cold=False)[0] for _ in range(2))
    warm_slowest = max(warm_commune, key=warm_commune.__getitem__)
    # Still kept after every commune's page? (a cache too small would have evicted it)
    first_again = page_time(
        client, f"/indicators/{communes[0].pk}/{query}", cold=False, capture=True
    )[1]
    after_commune = {}
    for org in communes:  # viewed again after a change of one of its cell meetings
        url_c = f"/indicators/{org.pk}/{query}"
        times_c = []
        for _ in range(2):
            record(actor=None, action="meetings.change", organization=org)
            times_c.append(page_time(client, url_c, cold=False)[0])
        after_commune[org.name] = min(times_c)
    return {
        "cold": min(cold_times),
        "cold_times": cold_times,
        "warm": min(warm_times),
        "warm_times": warm_times,
        "after": min(after_times),
        "queries": len(queries),
        "sql": sum(t for t, _ in sql_times),
        "slowest_sql": sql_times[:3],
        "repeated": repeated[0] if repeated else ("", 0),
        "communes": per_commune,
        "slowest": (slowest, per_commune[slowest]),
        "median": statistics.median(per_commune.values()),
        "warm_slowest": (warm_slowest, warm_commune[warm_slowest]),
        "warm_median": statistics.median(warm_commune.values()),
        "first_again_queries": len(first_again),
        "after_median": statistics.median(after_commune.values()),
        "after_slowest": max(after_commune.values()),
    }


# --- report -----------------------------------------------------------------------------


def verdict(name: str, value: float, ratio: float | None) -> tuple[str, str]:
    target, ok = TARGETS[name]
    return target, "PASS" if ok(value, ratio) else "FAIL"


def table(results: dict[str, Any]) -> list[tuple[str, ...]]:
    i1, i2 = results["I1"], results["I2"]
    rows: list[tuple[str, ...]] = []

    def add(name: str, what: str, value: float, floor: float | None) -> None:
        ratio = value / floor if floor else None
        target, result = verdict(name, value, ratio)
        rows.append(
            (
                name,
                what,
                fmt_s(value),
                fmt_s(floor) if floor else "–",
                f"{ratio:.2f}×" if ratio else "–",
                target,
                result,
            )
        )

    add(
        "I1",
        f"{i1['count']} membership and village indicators, city + by child",
        i1["value"],
        i1["floor"],
    )
    add("I1 all", f"all {i1['count_all']} registered indicators, city + by child", i1["all"], None)
    add("I2 cold", "dashboard of the city root, cache emptied", i2["cold"], None)
    for app, (seconds, count) in i1["per_app"].items():
        add("I1 app", f"{count} indicators of {app}, city + by child, cold", seconds, None)
    add("I2 warm", "dashboard of the city root, data unchanged", i2["warm"], None)
    add("I2 after", "dashboard of the city root after a cell meeting's change", i2["after"], None)
    add(
        "I3 slowest",
        f"dashboard of a commune, cold (slowest: {i2['slowest'][0]})",
        i2["slowest"][1],
        None,
    )
    add(
        "I3 median",
        f"dashboard of a commune, cold (median of {len(i2['communes'])})",
        i2["median"],
        None,
    )
    add(
        "I3 warm",
        f"dashboard of a commune, data unchanged (slowest: {i2['warm_slowest'][0]})",
        i2["warm_slowest"][1],
        None,
    )
    add("I3 warm", "dashboard of a commune, data unchanged (median)", i2["warm_median"], None)
    add("I3 after", "commune after a cell meeting's change (slowest)", i2["after_slowest"], None)
    add("I3 after", "commune after a cell meeting's change (median)", i2["after_median"], None)
    own = results["I2 own"]
    add("I2 cold", "the same, membership and village indicators only", own["cold"], None)
    add("I2 warm", "the same, membership and village indicators only", own["warm"], None)
    add("I3 slowest", "commune, membership and village indicators only", own["slowest"][1], None)
    add("I3 median", "commune, membership and village indicators only", own["median"], None)
    return rows


def write_doc(
    database: str,
    command: str,
    info: dict[str, str],
    results: dict[str, Any],
    rows: list[tuple[str, ...]],
) -> None:
    now = dt.datetime.now(dt.UTC)
    i1, i2 = results["I1"], results["I2"]
    checks = [f"- I1: {label}: {'yes' if ok else 'NO'}" for label, ok in i1["checks"].items()]
    checks.append(
        f"- I3: the first commune's page viewed again after every commune's: "
        f"{i2['first_again_queries']} queries (its figures still kept; a cold commune page "
        "runs ~57)"
    )
    slow = "; ".join(f"{t * 1000:.1f} ms `{reg._short_sql(sql)}`" for t, sql in i2["slowest_sql"])
    lines = [
        f"<!-- indicators:{database}:start -->",
        f"## Indicators and dashboard benchmark on "
        f"{'SQLite' if database == 'sqlite' else 'PostgreSQL'}",
        "",
        f"Run {now:%Y-%m-%d %H:%M} UTC with `{command.strip()}` (targets from issue 3).",
        "",
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; Python "
        f"{info['python']}, Django {info['django']}, SQLite {info['sqlite']}. Load average "
        f"(1 min): {info['load']} — the machine is shared, other work shows in the figures.",
        "",
        "| id | what | value | floor | ratio | target | result |",
        "|---|---|---|---|---|---|---|",
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
        "Values are the best of 5 (I3: best of 2 per commune), period "
        f"{HALF[0]}-H{HALF[1]}, data of `seed_demo --seed 1`. *Cold* empties the cache kept "
        "between requests before each run, so every query runs; *warm* (*data unchanged*) is "
        "a repeat view: every app's shared queries are kept (`indicators.registry.kept`) "
        "under a data stamp of what they read (for each app, the membership registry "
        "included: the newest audit entry of each of its write actions and its tables' last "
        "ids, which change with every membership event; always organizations, rules and the "
        "day). *After a cell meeting's change* records a `meetings.change` audit entry, as the "
        "meetings services do, before the view: only the meeting figures are computed again. "
        "I1 app: each app's indicators alone, cold, against a budget of 100 ms each (ours, so "
        "that no app quietly eats the 500 ms). SQL times are the statement times Django "
        "logs: SQLite does much of a query's work while the rows are fetched, which is not "
        "counted there; the queries are recorded in a run of their own, not in the timed "
        "ones (recording costs ~0.3 ms per query).",
        "",
        "Correctness checks in the same run:",
        "",
        *checks,
        "",
        "What dominates:",
        "",
        f"- **I1** The stock and composition at 30/06/{HALF[0]} for the city and each child "
        "are sums of the monthly tallies (`members.MemberTally`, one row per cell and month "
        "end, kept exact by the services): one small query instead of the scan of ~60,000 "
        "periods joined with the person that the hand-written floor still does, hence a "
        "ratio below 1. The changes of the half-year are read from the derived "
        "`members.MemberChange` rows (one per member and day of change, with the periods on "
        "both sides, kept by the services) through a covering index and counted per month and "
        "pair of organizations below; villages three small queries (the cells' members from "
        "the tallies). "
        f"The other apps' indicators add {fmt_s(i1['all'] - i1['value'])} (I1 app).",
        f"- **I2** {i2['queries']} queries ({i2['repeated'][1]} of them "
        f"`{i2['repeated'][0]}`), SQL {fmt_s(i2['sql'])} of {fmt_s(i2['cold'])} "
        f"cold; slowest: {slow}. With the membership and village indicators only: "
        f"{results['I2 own']['queries']} queries, SQL {fmt_s(results['I2 own']['sql'])} of "
        f"{fmt_s(results['I2 own']['cold'])}. Cold, the stock at both dates (this half-year's "
        "end and last year's) comes from the tallies and the admission cases' stages at both "
        "dates from their stage history (`admissions.CaseStageSpan`); what remains is the "
        "changes of 18 months (both half-years and the 12 months of the trend: one read of "
        "~6,000 `MemberChange` rows from the covering index, counted once per month and pair "
        "of organizations below, and every period a sum of those counts), the "
        "village counts at two dates (the villages, their heads' periods, their cells), the "
        "other admission queries, and the view and template. Warm, all of these come from "
        "the cache.",
        f"- **I3** A commune's stock comes from its cells' tallies, its cases' stages from "
        f"their history and its changes through its own periods (path range); median "
        f"{fmt_s(i2['median'])}, slowest {fmt_s(i2['slowest'][1])} ({i2['slowest'][0]}) "
        "cold: ~57 small queries across seven apps (this half-year and the same one last "
        "year each), ~1 ms each with the ORM's overhead, and ~10 ms of view and template.",
        "",
        "Where the targets stand: a view of unchanged data (the common case: the figures change"
        " with the registry, a meeting, a task, not with each click) meets them for the city "
        "and for the median commune (the slowest communes are at the limit, within the run-to-"
        "run noise), and so does the city page after one app's change; a commune after one "
        "app's change is near them. The page itself renders in ~10–15 ms since its long tables "
        "(~90 indicator rows, the organizations below, the compare list) are built in Python "
        "with escaped, memoised labels instead of ~2,000 template nodes (~40 ms). A view after "
        "the whole cache is emptied (after a restart, or a change of the organization tree or "
        "the rules, which every figure depends on) still misses 150 ms for the city and 50 ms "
        "for a commune: the city reads the changes of 18 months, the villages at two dates, "
        "every cell's meetings (overview) and the staffing gap list; a commune runs ~60 small "
        "queries across seven apps, ~1 ms each with the ORM's overhead. The timings of one "
        "machine vary by ±30 % between runs (load from other work).",
        "",
        f"<!-- indicators:{database}:end -->",
    ]
    section = "\n".join(lines)
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    pattern = rf"<!-- indicators:{database}:start -->.*?<!-- indicators:{database}:end -->"
    if re.search(pattern, text, re.S):
        text = re.sub(pattern, lambda _m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text)


# --- main -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=58_280)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--reuse", type=Path, help="a seeded SQLite database to copy")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/performance.md")
    args = parser.parse_args()
    command = ".venv/bin/python bench/indicators.py " + " ".join(sys.argv[1:])
    sys.path.insert(0, str(ROOT))
    var_dir = Path(tempfile.mkdtemp(prefix="tcxd-bench-ind-"))
    env = reg.prepare_environment(args.database, var_dir)
    load_start = os.getloadavg()[0]
    results: dict[str, Any] = {}
    pg_db = "tcxd_bench_indicators"
    try:
        if args.database == "postgres":
            env["TCXD_DATABASE_URL"] = os.environ["TCXD_DATABASE_URL"] = (
                f"postgres://postgres@127.0.0.1:5432/{pg_db}"
            )
            reg.pg_admin(
                f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)", f"CREATE DATABASE {pg_db}"
            )
        if args.reuse and args.database == "sqlite":
            shutil.copy(args.reuse, var_dir / "tcxd.sqlite3")
            log(f"reusing {args.reuse}")
        else:
            log("seed_demo …")
            seconds, done = reg.run_tcxd(env, "migrate", "-v0")
            if done.returncode != 0:
                raise SystemExit(done.stderr[-3000:])
            seconds, done = reg.run_tcxd(
                env, "seed_demo", "--seed", "1", "--members", str(args.members)
            )
            if done.returncode != 0:
                raise SystemExit(f"seed_demo failed:\n{done.stderr[-3000:]}")
            log(f"  {fmt_s(seconds)}")
        import django

        django.setup()
        info = reg.machine()
        log("I1 indicators …")
        results["I1"] = bench_indicators(args.database)
        log(
            f"  {fmt_s(results['I1']['value'])} vs floor {fmt_s(results['I1']['floor'])}; "
            f"all {fmt_s(results['I1']['all'])}; checks {results['I1']['checks']}"
        )
        log("I2/I3 dashboard …")
        results["I2"] = bench_dashboard(args.database)
        with only_own_indicators():
            results["I2 own"] = bench_dashboard(args.database)
        r = results["I2"]
        log(
            f"  root cold {fmt_s(r['cold'])} warm {fmt_s(r['warm'])}; communes median "
            f"{fmt_s(r['median'])} slowest {fmt_s(r['slowest'][1])}; the first commune "
            f"again after all: {r['first_again_queries']} queries"
        )
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if args.database == "postgres" and not args.keep:
            with contextlib.suppress(Exception):
                reg.pg_admin(f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    info["load"] = f"{load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    rows = table(results)
    reg.print_table(rows)
    if not args.no_doc:
        write_doc(args.database, command, info, results, rows)
        log(f"wrote {DOC.relative_to(ROOT)}")
    return 0 if all(results["I1"]["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
