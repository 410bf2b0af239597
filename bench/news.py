"""Benchmark of the public news site, each figure beside a floor from the same run.

    .venv/bin/python bench/news.py [--seconds 10] [--keep] [--no-doc]

N1  the article page's server time through Django's test ``Client`` (an anonymous reader
    with a browser's User-Agent and no cookie, so every request is a counted view): warm
    (the rendered page in the cache: one query for the article, one for the cache key) and
    rendered (cache cleared before each request). Target: warm < 10 ms.
N2  the same article page served by gunicorn (2 sync workers, ``tcxd.wsgi``, DEBUG off)
    and loaded from loopback with ``wrk`` (2 threads, 16 connections, every request a new
    reader: the view counter counts each one), beside the same server's rate for a trivial
    view that returns "ok" without touching the database (``/bench/trivial/``, through the
    same middleware), measured in turns in the same run: trivial, article, trivial,
    article; the median of each. Target: article ≥ 40 % of trivial.
N3  p95 latency of the article page at a fixed 100 requests per second, from a small
    Python load generator in this file (open loop: request i is due at start + i/100 s and
    its latency counts from then, so queueing is not hidden; 16 threads with their own
    connections). wrk2 is not packaged, and wrk with a rate-limiting Lua ``delay()`` can
    only space a connection's requests after each answer, so its rate falls below the
    target as soon as answers take time. Target: p95 < 50 ms.

The data: a fresh SQLite database in a temporary directory (``TCXD_VAR_DIR``) with the
organization root, the two board accounts and the news demo (``tcxd.news.demo``: 33
articles, images, attachments). The trivial view and the bench URLconf live in generated
modules in that directory, never in the application. ``wrk`` is installed, when missing,
only by ``make bench-tools`` (Debian's package). Results are printed and written to this
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
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)
RATE = 100
TARGETS = {
    "N1 warm": "< 10 ms",
    "N2 ratio": "≥ 40 % of trivial",
    "N3 p95": "< 50 ms at 100 req/s",
}

_spec = importlib.util.spec_from_file_location("bench_registry", ROOT / "bench" / "registry.py")
assert _spec and _spec.loader
reg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reg)
log, fmt_s = reg.log, reg.fmt_s

BENCH_URLS = """
from django.http import HttpResponse
from django.urls import path

from tcxd.urls import urlpatterns as application


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *application]
"""
BENCH_SETTINGS = """
from tcxd.settings import *  # noqa: F403

ROOT_URLCONF = "benchnews_urls"
"""


# --- data --------------------------------------------------------------------------------


def build_data() -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tcxd.accounts.choices import Role
    from tcxd.accounts.models import RoleAssignment, User
    from tcxd.news import demo
    from tcxd.news.models import Article
    from tcxd.organizations.models import Organization, OrganizationKind

    kind = OrganizationKind.objects.get(code="provincial_committee")
    root = Organization.add_root(
        code="HUE", name="Đảng bộ thành phố Huế", kind=kind, name_fold="dang bo thanh pho hue"
    )
    for username, role in (("chuyenvien", Role.BOARD_SPECIALIST), ("truongban", Role.BOARD_LEADER)):
        user = User.objects.create_user(username=username, password=os.urandom(8).hex())
        RoleAssignment.objects.create(user=user, organization=root, role=role)
    demo.build(seed=1, progress=log)
    article = (
        Article.objects.public()
        .filter(lead_image__isnull=False, attachments__isnull=True)
        .select_related("category")
        .first()
    )
    assert article is not None
    return {"url": article.get_absolute_url(), "pk": article.pk, "title": article.title}


# --- N1 ----------------------------------------------------------------------------------


def server_times(url: str, n: int = 300) -> dict[str, float]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_USER_AGENT=BROWSER_UA)

    def once(clear: bool) -> float:
        if clear:
            cache.clear()
        client.cookies.clear()  # a new reader each time: every view is counted
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        return elapsed

    for _ in range(20):
        once(False)
    warm = [once(False) for _ in range(n)]
    rendered = [once(True) for _ in range(n // 3)]
    with CaptureQueriesContext(connection) as warm_queries:
        once(False)
    with CaptureQueriesContext(connection) as cold_queries:
        once(True)
    from tcxd.news.counter import tally

    tally.flush()
    return {
        "warm": statistics.median(warm),
        "warm_p95": sorted(warm)[int(len(warm) * 0.95)],
        "rendered": statistics.median(rendered),
        "warm_queries": len(warm_queries),
        "rendered_queries": len(cold_queries),
    }


# --- N2, N3: gunicorn and wrk ------------------------------------------------------------


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    log("wrk is missing: make bench-tools …")
    done = subprocess.run(["make", "--no-print-directory", "bench-tools"], cwd=ROOT)
    path = shutil.which("wrk")
    if done.returncode != 0 or not path:
        raise SystemExit("wrk could not be installed (make bench-tools); see docs/news.md")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(env: dict[str, str], var_dir: Path, port: int) -> subprocess.Popen:
    (var_dir / "benchnews_urls.py").write_text(BENCH_URLS)
    (var_dir / "benchnews_settings.py").write_text(BENCH_SETTINGS)
    genv = dict(env, DJANGO_SETTINGS_MODULE="benchnews_settings")
    genv["PYTHONPATH"] = f"{var_dir}{os.pathsep}{ROOT}"
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "tcxd.wsgi:application",
        "--workers", "2",
        "--bind", f"127.0.0.1:{port}",
        "--error-logfile", str(var_dir / "gunicorn.log"),
        "--access-logfile", str(var_dir / "access.log"),
    ]  # fmt: skip
    process = subprocess.Popen(command, env=genv, cwd=ROOT, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return process
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn did not start: {(var_dir / 'gunicorn.log').read_text()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def wrk_rate(wrk: str, url: str, seconds: int) -> dict[str, float]:
    done = subprocess.run(
        [wrk, "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", f"User-Agent: {BROWSER_UA}", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rate": rate, "requests": total, "non2xx": int(non2xx.group(1)) if non2xx else 0}


def fixed_rate(url: str, seconds: int, threads: int = 16) -> dict[str, float]:
    """Open-loop load at :data:`RATE` requests per second: request i is due at
    ``start + i / RATE`` and its latency is counted from that time (so a slow answer that
    delays the next requests is charged to them too: no coordinated omission), sent by a
    pool of threads with their own connections."""
    import http.client
    import itertools
    import threading
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    total = RATE * seconds
    latencies: list[float | None] = [None] * total
    errors: list[int] = []
    counter = itertools.count()
    lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        while True:
            with lock:
                i = next(counter)
            if i >= total:
                break
            due = start + i / RATE
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            try:
                conn.request("GET", parts.path, headers={"User-Agent": BROWSER_UA})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(response.status)
            except (OSError, http.client.HTTPException):
                errors.append(0)
                conn.close()
                continue
            latencies[i] = time.perf_counter() - due
        conn.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - start
    done = sorted(x for x in latencies if x is not None)

    def pct(p: float) -> float:
        return done[min(len(done) - 1, int(len(done) * p))]

    return {
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "rate": len(done) / elapsed,
        "errors": len(errors),
    }


def served(var_dir: Path, path: str) -> int:
    """Article requests answered 200, from gunicorn's access log."""
    log_file = var_dir / "access.log"
    if not log_file.exists():
        return 0
    needle = f'"GET {path} HTTP/1.1" 200 '
    return sum(1 for line in log_file.read_text().splitlines() if needle in line)


def views_written(pk: int) -> int:
    from tcxd.news.models import Article

    return Article.objects.get(pk=pk).view_count


# --- report ------------------------------------------------------------------------------


def write_doc(command: str, info: dict[str, str], r: dict[str, Any]) -> None:
    now = dt.datetime.now(dt.UTC)
    n1, n2, n3 = r["N1"], r["N2"], r["N3"]
    ratio = n2["article"] / n2["trivial"]
    rows = [
        ("N1 warm", "article page, server time, cached render", fmt_s(n1["warm"]),
         "< 10 ms", "yes" if n1["warm"] < 0.010 else "NO"),
        ("N1 rendered", "the same, cache cleared each time", fmt_s(n1["rendered"]), "—", ""),
        ("N2 trivial", "gunicorn 2 workers, trivial view, wrk -t2 -c16",
         f"{n2['trivial']:.0f} req/s",
         "floor", ""),
        ("N2 article", "the article page, counter on, same server and run",
         f"{n2['article']:.0f} req/s", "≥ 40 % of trivial",
         f"{ratio:.0%} {'yes' if ratio >= 0.40 else 'NO'}"),
        ("N3 p95", f"article page at a fixed {RATE} req/s (achieved {n3['rate']:.0f})",
         fmt_s(n3["p95"]), "< 50 ms", "yes" if n3["p95"] < 0.050 else "NO"),
    ]  # fmt: skip
    lines = [
        "<!-- news:start -->",
        "## News site benchmark",
        "",
        f"Run {now:%Y-%m-%d %H:%M} UTC with `{command.strip()}` (targets from issue 6).",
        "",
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; Python "
        f"{info['python']}, Django {info['django']}, SQLite {info['sqlite']}; wrk "
        f"{info['wrk']}; gunicorn {info['gunicorn']} (2 sync workers). Load average (1 min): "
        f"{info['load']} — the machine is shared, and wrk runs on the same two CPUs as the "
        "server.",
        "",
        "| id | what | value | target | result |",
        "|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
        f"- **N1** median of 300 warm requests (p95 {fmt_s(n1['warm_p95'])}), "
        f"{n1['warm_queries']} queries warm (the article, the newest change of any article "
        f"for the cache key), {n1['rendered_queries']} when rendered. Every request is an "
        "anonymous reader without the cookie, so each one is counted (a dictionary increment; "
        "the background thread writes the counts every second).",
        f"- **N2** runs of {r['seconds']} s in turns (trivial "
        f"{', '.join(f'{x:.0f}' for x in n2['trivial_runs'])}; "
        f"article {', '.join(f'{x:.0f}' for x in n2['article_runs'])} req/s), medians "
        f"compared. Each article request is a new reader and is counted: the server answered "
        f"{n2['answered']:,} article requests (its access log; wrk counted {n2['requests']:,} "
        "completed within its time, not those in flight when it stopped) and the counter "
        f"wrote {n2['counted']:,} views "
        f"({'exactly one per answer' if n2['counted'] == n2['answered'] else 'NOT one per answer'}"
        f"). Non-2xx answers: {n2['non2xx']}.",
        f"- **N3** the open-loop Python generator of bench/news.py (request i due at "
        f"start + i/{RATE} s, latency from that time, 16 threads) for {r['seconds']} s: p50 "
        f"{fmt_s(n3['p50'])}, p95 {fmt_s(n3['p95'])}, p99 {fmt_s(n3['p99'])}, errors "
        f"{n3['errors']}. wrk2 is not packaged; wrk's Lua `delay()` only spaces a "
        "connection's requests after each answer, so it cannot hold a fixed rate.",
        "",
        "<!-- news:end -->",
    ]
    section = "\n".join(lines)
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    pattern = r"<!-- news:start -->.*?<!-- news:end -->"
    if re.search(pattern, text, re.S):
        text = re.sub(pattern, lambda _m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/performance.md")
    args = parser.parse_args()
    command = ".venv/bin/python bench/news.py " + " ".join(sys.argv[1:])
    sys.path.insert(0, str(ROOT))
    wrk = ensure_wrk()
    var_dir = Path(tempfile.mkdtemp(prefix="tcxd-bench-news-"))
    env = reg.prepare_environment("sqlite", var_dir)
    # The database given by URL, as a deployment does: persistent connections
    # (CONN_MAX_AGE 60, tcxd/settings.py) instead of one connection per request.
    env["TCXD_DATABASE_URL"] = os.environ["TCXD_DATABASE_URL"] = (
        f"sqlite:///{var_dir / 'tcxd.sqlite3'}"
    )
    load_start = os.getloadavg()[0]
    results: dict[str, Any] = {"seconds": args.seconds}
    server = None
    try:
        log("data: migrate and the news demo …")
        data = build_data()
        log(f"  article {data['url']}")
        info = reg.machine()
        info["wrk"] = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split()[1]
        import gunicorn

        info["gunicorn"] = gunicorn.__version__
        log("N1 server time …")
        results["N1"] = server_times(data["url"])
        log(f"  warm {fmt_s(results['N1']['warm'])}, rendered {fmt_s(results['N1']['rendered'])}")
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_gunicorn(env, var_dir, port)
        base = f"http://127.0.0.1:{port}"
        article_url, trivial_url = base + data["url"], base + "/bench/trivial/"
        wrk_rate(wrk, article_url, 2)  # warm both workers' caches
        wrk_rate(wrk, trivial_url, 2)
        time.sleep(1.5)
        before = views_written(data["pk"])
        served_before = served(var_dir, data["url"])
        log("N2 throughput in turns …")
        trivial_runs, article_runs, requests, non2xx = [], [], 0, 0
        for _turn in range(2):
            t = wrk_rate(wrk, trivial_url, args.seconds)
            a = wrk_rate(wrk, article_url, args.seconds)
            trivial_runs.append(t["rate"])
            article_runs.append(a["rate"])
            requests += int(a["requests"])  # completed within wrk's time
            non2xx += int(a["non2xx"] + t["non2xx"])
            log(f"  trivial {t['rate']:.0f} req/s, article {a['rate']:.0f} req/s")
        time.sleep(2.5)  # the workers' counter threads write every second
        counted = views_written(data["pk"]) - before
        answered = served(var_dir, data["url"]) - served_before
        log("N3 p95 at a fixed rate …")
        results["N3"] = fixed_rate(article_url, args.seconds)
        log(f"  p95 {fmt_s(results['N3']['p95'])} at {results['N3']['rate']:.0f} req/s")
        results["N2"] = {
            "trivial": statistics.median(trivial_runs),
            "article": statistics.median(article_runs),
            "trivial_runs": trivial_runs,
            "article_runs": article_runs,
            "counted": counted,
            "requests": requests,
            "answered": answered,
            "non2xx": non2xx,
        }
    finally:
        if server is not None:
            stop(server)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            log(f"kept {var_dir}")
    info["load"] = f"{load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    n1, n2, n3 = results["N1"], results["N2"], results["N3"]
    ratio = n2["article"] / n2["trivial"]
    log(
        f"N1 warm {fmt_s(n1['warm'])} (target < 10 ms); N2 article {n2['article']:.0f} / trivial "
        f"{n2['trivial']:.0f} req/s = {ratio:.0%} (target ≥ 40 %); N3 p95 {fmt_s(n3['p95'])} "
        "(target < 50 ms)"
    )
    if not args.no_doc:
        write_doc(command, info, results)
        log(f"wrote {DOC.relative_to(ROOT)}")
    ok = n1["warm"] < 0.010 and ratio >= 0.40 and n3["p95"] < 0.050
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
