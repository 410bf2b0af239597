"""RSS 2.0 and Atom feeds of the news site: overall and per category (the newest 30)."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from . import selectors
from .models import Article, Category

FEED_SIZE = 30
SITE_TITLE = "Tin tức công tác tổ chức xây dựng Đảng"


class LatestFeed(Feed):
    title = SITE_TITLE
    description = "Các bài viết mới nhất của Ban Tổ chức."

    def link(self) -> str:
        return reverse("news:home")

    def items(self) -> list[Article]:
        return list(selectors.public().select_related("category")[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # The summary (or the start of the text) as plain text: readers show it escaped.
        return item.summary or item.body_text[:400]

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> Any:
        return item.published_at

    def item_updateddate(self, item: Article) -> Any:
        return item.updated_at or item.published_at

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name]


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description


class CategoryFeed(LatestFeed):
    def get_object(self, request: HttpRequest, category: str) -> Category:  # type: ignore[override]
        return selectors.category_by_slug(category)

    def title(self, obj: Category) -> str:  # type: ignore[override]
        return f"{obj.name} · {SITE_TITLE}"

    def description(self, obj: Category) -> str:  # type: ignore[override]
        return obj.description or obj.name

    def link(self, obj: Category) -> str:  # type: ignore[override]
        return obj.get_absolute_url()

    def items(self, obj: Category) -> list[Article]:  # type: ignore[override]
        return list(selectors.public().filter(category=obj).select_related("category")[:FEED_SIZE])


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category) -> str:
        return obj.description or obj.name
