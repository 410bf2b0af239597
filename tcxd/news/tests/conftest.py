"""News fixtures: uploads go to a temporary MEDIA_ROOT, the view counter's unwritten
counts are forgotten between tests, and helpers to publish articles through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from .. import services
from ..counter import tally
from ..models import Article, Category


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_tally() -> Iterator[None]:
    tally.clear()
    yield
    tally.clear()


@pytest.fixture(autouse=True)
def _no_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db) -> Category:  # type: ignore[no-untyped-def]
    return Category.objects.create(name="Tin tức hoạt động", slug="tin-tuc-hoat-dong", position=1)


@pytest.fixture
def other_category(db) -> Category:  # type: ignore[no-untyped-def]
    return Category.objects.create(name="Văn bản mới", slug="van-ban-moi", position=2)


def publish(
    personas: Any,
    category: Category,
    title: str,
    body: str = "<p>Nội dung bài viết.</p>",
    at: dt.datetime | None = None,
    **extra: Any,
) -> Article:
    """An article written by the board specialist, approved by the leader, published."""
    writer, leader = personas.board_specialist, personas.board_leader
    article = services.article_create(
        actor=writer, category=category, title=title, body=body, **extra
    ).article
    services.article_submit(actor=writer, article=article, expected_version=article.version)
    services.article_approve(actor=leader, article=article, expected_version=article.version)
    services.article_publish(actor=writer, article=article, expected_version=article.version, at=at)
    return article


def past(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)
