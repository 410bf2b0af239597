"""Reads of the news site: the public pages (published articles only) and the editors'
lists (scoped by ``Action.PUBLISH``)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope

from . import search as search_module
from .choices import Status
from .models import Article, ArticleStep, Category

PAGE_SIZE = 12
HOME_PER_CATEGORY = 5
LIST_FIELDS = (
    "id",
    "title",
    "slug",
    "summary",
    "published_at",
    "updated_at",
    "view_count",
    "category__slug",
    "category__name",
    "lead_image__id",
    "lead_image__content_type",
    "lead_image__width",
    "lead_image__height",
    "lead_image__alt",
)


def categories() -> list[Category]:
    return list(Category.objects.all())


def public() -> QuerySet[Article]:
    return Article.objects.public()


def _listing(qs: QuerySet[Article]) -> QuerySet[Article]:
    return qs.select_related("category", "lead_image").only(*LIST_FIELDS)


def home_sections() -> list[tuple[Category, list[Article]]]:
    """Each category with its newest articles (categories without any are left out)."""
    now = timezone.now()
    sections = []
    for category in categories():
        items = list(
            _listing(Article.objects.public(now).filter(category=category))[:HOME_PER_CATEGORY]
        )
        if items:
            sections.append((category, items))
    return sections


def latest(n: int = 6) -> list[Article]:
    return list(_listing(public())[:n])


def most_read(n: int = 5) -> list[Article]:
    return list(_listing(public()).order_by("-view_count", "-published_at")[:n])


def category_by_slug(slug: str) -> Category:
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise Http404
    return category


def category_page(category: Category, number: Any) -> Page:
    paginator = Paginator(_listing(public().filter(category=category)), PAGE_SIZE)
    return paginator.get_page(number)


def public_article(category_slug: str, slug: str) -> Article:
    article = (
        public()
        .select_related("category", "lead_image")
        .filter(category__slug=category_slug, slug=slug)
        .first()
    )
    if article is None:
        raise Http404
    return article


def article_key(category_slug: str, slug: str) -> tuple[int, int, str]:
    """``(id, stored view count, generation)`` of a public article, else 404: the one
    query of a page served from the cache, written as SQL (the ORM's compiling of it cost
    more than running it)."""
    from django.db import connection

    article, category = Article._meta.db_table, Category._meta.db_table
    sql = (
        f"SELECT a.id, a.view_count, (SELECT MAX(changed_at) FROM {article}) "
        f"FROM {article} a JOIN {category} c ON c.id = a.category_id "
        "WHERE c.slug = %s AND a.slug = %s AND a.status = %s AND a.published_at <= %s"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [category_slug, slug, Status.PUBLISHED, now])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return int(row[0]), int(row[1]), str(row[2]).replace(" ", "T")


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous (older) and next (newer) article of the same category."""
    same = _listing(public().filter(category_id=article.category_id))
    at = article.published_at
    older = (
        same.filter(Q(published_at__lt=at) | Q(published_at=at, id__lt=article.pk))
        .order_by("-published_at", "-id")
        .first()
    )
    newer = (
        same.filter(Q(published_at__gt=at) | Q(published_at=at, id__gt=article.pk))
        .order_by("published_at", "id")
        .first()
    )
    return older, newer


def related(article: Article, n: int = 4) -> list[Article]:
    """Articles of the same category nearest in time (the conference's review's other
    articles first when it came from a conference)."""
    same = list(
        _listing(public().filter(category_id=article.category_id).exclude(pk=article.pk))
        .filter(published_at__lte=article.published_at)
        .order_by("-published_at")[:n]
    )
    if len(same) < n:
        seen = {a.pk for a in same} | {article.pk}
        same += [a for a in latest(n + len(seen)) if a.pk not in seen][: n - len(same)]
    return same


def generation() -> str:
    """Changes whenever any article changes (the key of the public pages' cache)."""
    value = Article.objects.aggregate(m=Max("changed_at"))["m"]
    return value.isoformat() if value else "0"


def search(query: str, limit: int = 50) -> tuple[list[str], list[search_module.Ranked]]:
    words = search_module.query_words(query)
    if not words:
        return [], []
    qs = public()
    for word in words:
        qs = qs.filter(search_text__contains=search_module.needle(word))
    candidates = (
        qs.select_related("category", "lead_image")
        .only(*LIST_FIELDS, "search_text", "body_text")
        .order_by("-published_at")[: search_module.MAX_CANDIDATES]
    )
    return words, search_module.rank(candidates, words)[:limit]


# --- editors ---------------------------------------------------------------------------


def articles_for(user: Any, status: str = "", q: str = "") -> QuerySet[Article]:
    qs = scope(Article.objects.all(), user, Action.PUBLISH).select_related("category", "created_by")
    if status == "scheduled":
        qs = qs.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
    elif status:
        qs = qs.filter(status=status)
    for word in search_module.query_words(q):
        qs = qs.filter(search_text__contains=search_module.needle(word))
    return qs.defer("body", "body_text", "search_text").order_by("-changed_at", "-id")


def counts_by_status(user: Any) -> dict[str, int]:
    from django.db.models import Count

    rows = (
        scope(Article.objects.all(), user, Action.PUBLISH)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


def steps_of(article: Article) -> list[ArticleStep]:
    return list(article.steps.select_related("actor"))
