"""The view counter: a reader's view of an article counts once per window, bots and the
editors' own views do not count, and the page never waits for the count to be written.

- *Once per window*: the browser keeps a cookie (``tcxd_read``) with the articles it has
  been counted for and when; a view of one of them within :data:`WINDOW` is not counted
  again. The cookie holds article ids and times only (no identity) and no session is
  created for readers.
- *Bots*: no ``User-Agent``, or one naming a crawler, a fetch library or a headless
  browser; prefetches (``Purpose``/``Sec-Purpose: prefetch``) and HEAD requests.
- *Editors*: signed-in users who may write news (``Action.PUBLISH`` anywhere).
- *Never blocks*: :func:`hit` adds one to a per-process tally under a lock (no database
  write in the request). A background thread writes the tallies every
  :data:`FLUSH_SECONDS` as ``UPDATE … SET view_count = view_count + n`` (atomic in the
  database, so concurrent processes never lose or double an increment); a failed write
  puts the tallies back to be written next time; the process writes what is left when it
  exits. Only a process killed outright (SIGKILL) loses its last second of counts.

The page shows the stored count plus the counts this process has not written yet.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.db import connections, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

WINDOW = 30 * 60  # seconds
FLUSH_SECONDS = 1.0
COOKIE = "tcxd_read"
MAX_REMEMBERED = 60

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"curl|wget|python|httpclient|http-client|go-http|java/|libwww|scrapy|headless|"
    r"phantomjs|lighthouse|pingdom|uptime",
    re.IGNORECASE,
)


def is_bot(request: Any) -> bool:
    agent = request.headers.get("User-Agent", "")
    if not agent or BOT_PATTERN.search(agent):
        return True
    purpose = (request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or "").lower()
    return "prefetch" in purpose


def is_editor(request: Any) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    from tcxd.accounts.choices import Action
    from tcxd.accounts.scope import can_anywhere

    return can_anywhere(user, Action.PUBLISH)


def read_cookie(value: str, now: float) -> dict[int, int]:
    """``{article id: time first counted}`` of the cookie, dropping expired and bad parts."""
    seen: dict[int, int] = {}
    for part in value.split(".")[:MAX_REMEMBERED]:
        pk, _sep, at = part.partition("-")
        try:
            article_id, counted_at = int(pk, 36), int(at, 36)
        except ValueError:
            continue
        if 0 <= now - counted_at < WINDOW:
            seen[article_id] = counted_at
    return seen


def write_cookie(seen: dict[int, int]) -> str:
    newest = sorted(seen.items(), key=lambda item: -item[1])[:MAX_REMEMBERED]
    return ".".join(f"{_b36(pk)}-{_b36(at)}" for pk, at in newest)


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def count_view(request: Any, article_id: int) -> str | None:
    """Count this view if it should be. Returns the new cookie value to send (the view was
    counted) or None (not counted)."""
    if request.method != "GET" or is_bot(request) or is_editor(request):
        return None
    now = int(time.time())
    seen = read_cookie(request.COOKIES.get(COOKIE, ""), now)
    if article_id in seen:
        return None
    tally.hit(article_id)
    seen[article_id] = now
    return write_cookie(seen)


def remember(response: Any, cookie: str | None) -> None:
    if cookie is not None:
        response.set_cookie(
            COOKIE, cookie, max_age=WINDOW, samesite="Lax", httponly=True, path="/tin-tuc/"
        )


class Tally:
    """Per-process counts not yet written, and the thread that writes them."""

    def __init__(self, flush_seconds: float = FLUSH_SECONDS) -> None:
        self.flush_seconds = flush_seconds
        self._lock = threading.Lock()
        self._pending: dict[int, int] = {}
        self._writing: dict[int, int] = {}
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._wake = threading.Event()

    def hit(self, article_id: int, n: int = 1) -> None:
        with self._lock:
            self._pending[article_id] = self._pending.get(article_id, 0) + n
        self._ensure_thread()

    def unwritten(self, article_id: int) -> int:
        with self._lock:
            return self._pending.get(article_id, 0) + self._writing.get(article_id, 0)

    def flush(self) -> int:
        """Write the pending counts now; the number of views written."""
        from .models import Article

        with self._write_lock:
            with self._lock:
                batch, self._pending = self._pending, {}
                self._writing = dict(batch)
            if not batch:
                return 0
            try:
                with transaction.atomic():
                    for article_id, n in sorted(batch.items()):
                        Article.objects.filter(pk=article_id).update(view_count=F("view_count") + n)
            except Exception as exc:
                logger.warning("view counts not written (%s); kept for the next try", exc)
                with self._lock:
                    for article_id, n in batch.items():
                        self._pending[article_id] = self._pending.get(article_id, 0) + n
                    self._writing = {}
                return 0
            with self._lock:
                self._writing = {}
            return sum(batch.values())

    def clear(self) -> None:
        """Forget the unwritten counts (tests)."""
        with self._lock:
            self._pending, self._writing = {}, {}

    def _ensure_thread(self) -> None:
        from django.conf import settings

        if settings.TESTING:  # tests write with flush(), in the test's own transaction
            return
        pid = os.getpid()
        if self._thread is not None and self._pid == pid and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is not None and self._pid == pid and self._thread.is_alive():
                return
            self._pid = pid
            self._thread = threading.Thread(target=self._run, name="news-view-counter", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                self._wake.wait(self.flush_seconds)
                self._wake.clear()
                self.flush()
        finally:  # pragma: no cover - the thread ends with the process
            connections.close_all()


tally = Tally()


@atexit.register
def _write_what_is_left() -> None:  # pragma: no cover - at process exit
    try:
        tally.flush()
    except Exception:
        logger.exception("view counts lost at exit")


def shown_count(stored: int, article_id: int) -> int:
    return stored + tally.unwritten(article_id)


def counts_for(articles: Iterable[Any]) -> None:
    """Set ``shown_views`` on each article (stored + not yet written)."""
    for article in articles:
        article.shown_views = shown_count(article.view_count, article.pk)
