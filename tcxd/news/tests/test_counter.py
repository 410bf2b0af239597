"""The view counter under concurrency: many parallel readers of one article, tallied in
several "processes" (one Tally each, as in several server workers) and written by
concurrent flushes, give exactly the expected count on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connections
from django.test import Client

from ..counter import Tally, read_cookie, tally, write_cookie
from ..models import Article
from .conftest import publish

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


def test_cookie_round_trip_and_bad_parts() -> None:
    now = 1_700_000_000
    seen = {12: now - 10, 99999: now - 100}
    assert read_cookie(write_cookie(seen), now) == seen
    assert read_cookie("zz-!!.5-" + "x" * 5 + ".7-1", now) == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_views_are_counted_exactly(personas, category) -> None:
    article = publish(personas, category, "Đông người đọc")
    readers, workers = 40, 4
    tallies = [Tally() for _ in range(workers)]
    barrier = threading.Barrier(readers)
    errors: list[BaseException] = []

    def read(n: int) -> None:
        try:
            barrier.wait()
            tallies[n % workers].hit(article.pk)
            if n % 10 == 0:  # some workers write while others are still counting
                tallies[n % workers].flush()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    def flush(t: Tally) -> None:
        # A write that finds the database busy keeps its counts and is tried again (the
        # in-memory SQLite of the tests refuses at once instead of waiting).
        try:
            for _attempt in range(500):
                t.flush()
                if not t.unwritten(article.pk):
                    break
                time.sleep(0.01)
        finally:
            connections.close_all()

    flushers = [threading.Thread(target=flush, args=(t,)) for t in tallies]
    for t in flushers:
        t.start()
    for t in flushers:
        t.join()
    assert not errors
    assert sum(t.unwritten(article.pk) for t in tallies) == 0
    assert Article.objects.get(pk=article.pk).view_count == readers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_requests_through_the_page_are_counted_once_each(personas, category) -> None:
    article = publish(personas, category, "Trang đọc song song")
    url = article.get_absolute_url()
    readers = 24
    barrier = threading.Barrier(readers)
    statuses: list[int] = []

    def read() -> None:
        try:
            client = Client()
            barrier.wait()
            statuses.append(client.get(url, HTTP_USER_AGENT=BROWSER).status_code)
            client.get(url, HTTP_USER_AGENT=BROWSER)  # a reload: not counted again
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * readers
    assert tally.unwritten(article.pk) == readers
    tally.flush()
    assert Article.objects.get(pk=article.pk).view_count == readers


@pytest.mark.django_db
def test_a_failed_write_keeps_the_counts(personas, category, monkeypatch) -> None:
    article = publish(personas, category, "Lỗi ghi")
    t = Tally()
    t.hit(article.pk, 5)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database is locked")

    monkeypatch.setattr("django.db.models.query.QuerySet.update", broken)
    assert t.flush() == 0
    assert t.unwritten(article.pk) == 5
    monkeypatch.undo()
    assert t.flush() == 5
    assert Article.objects.get(pk=article.pk).view_count == 5
