"""The public news site under ``/tin-tuc/``: no sign-in. Home, category pages, the article
page (with its view counter), search, images and attachments, the sitemap.

The pages a reader sees are the same for every reader, so for readers who are not signed
in the rendered HTML is kept in the cache, keyed by the newest change of any article
(:func:`selectors.generation`, one indexed ``MAX``) and the language, for at most
:data:`CACHE_SECONDS` (so that a scheduled article appears on its neighbours' pages within
that time). The view count is put into the cached HTML on each request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can

from . import counter, selectors
from .html import link_references_html
from .models import ArticleImage, Attachment

CACHE_SECONDS = 60
VIEWS_MARK = "\x00views\x00"


def number(n: int) -> str:
    """1234567 → 1.234.567 (the Vietnamese way)."""
    return f"{n:,}".replace(",", ".")


def _cached(
    request: HttpRequest, key: str, build: Callable[[], str], generation: str | None = None
) -> str:
    """The page's HTML, from the cache for readers who are not signed in."""
    if request.user.is_authenticated:
        return build()
    full_key = f"news:{key}:{generation or selectors.generation()}:{get_language()}"
    text = cache.get(full_key)
    if text is None:
        text = build()
        cache.set(full_key, text, CACHE_SECONDS)
    return text


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"request": request, "categories": selectors.categories(), **extra}


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        context = _context(
            request,
            sections=selectors.home_sections(),
            latest=selectors.latest(5),
            most_read=selectors.most_read(5),
        )
        return render_to_string("news/home.html", context, request=request)

    return HttpResponse(_cached(request, "home", build))


@require_safe
def category(request: HttpRequest, category: str) -> HttpResponse:
    cat = selectors.category_by_slug(category)
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit():
        page_number = "1"

    def build() -> str:
        page = selectors.category_page(cat, page_number)
        context = _context(request, category=cat, page=page)
        return render_to_string("news/category.html", context, request=request)

    return HttpResponse(_cached(request, f"cat:{cat.pk}:{page_number}", build))


@require_safe
def article(request: HttpRequest, category: str, slug: str) -> HttpResponse:
    pk, stored, generation = selectors.article_key(category, slug)
    cookie = counter.count_view(request, pk)

    def build() -> str:
        item = selectors.public_article(category, slug)
        older, newer = selectors.neighbours(item)
        context = _context(
            request,
            article=item,
            category=item.category,
            body=link_references_html(item.body, request.user),
            attachments=list(item.attachments.all()),
            related=selectors.related(item),
            older=older,
            newer=newer,
            views=VIEWS_MARK,
        )
        return render_to_string("news/article.html", context, request=request)

    text = _cached(request, f"article:{pk}", build, generation)
    text = text.replace(VIEWS_MARK, number(counter.shown_count(stored, pk)))
    response = HttpResponse(text)
    counter.remember(response, cookie)
    return response


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    words, results = selectors.search(query)
    rows = [
        {
            "article": r.article,
            "title": _highlight(r.article.title, words),
            "snippet": _snippet(r.article, words),
        }
        for r in results
    ]
    context = _context(request, query=query, words=words, results=rows)
    return render(request, "news/search.html", context)


def _highlight(text: str, words: list[str]) -> Any:
    from .search import highlight

    return highlight(text, words)


def _snippet(article: Any, words: list[str]) -> Any:
    from .search import snippet

    text = " ".join(part for part in (article.summary, article.body_text) if part)
    return snippet(text.replace("\n", " "), words)


def _may_read_draft(request: HttpRequest, organization_path: str) -> bool:
    return request.user.is_authenticated and can(request.user, Action.PUBLISH, organization_path)


@require_safe
def image(request: HttpRequest, pk: int, variant: str, ext: str) -> FileResponse:
    item = ArticleImage.objects.select_related("article").filter(pk=pk).first()
    if item is None or item.extension != ext:
        raise Http404
    article = item.article
    public = article is not None and article.is_public
    if not public and not _may_read_draft(request, article.organization_path if article else ""):
        raise Http404
    field = item.thumb if variant == "thumb" else item.file
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=item.content_type)
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def attachment(request: HttpRequest, pk: int, name: str) -> FileResponse:
    item = Attachment.objects.select_related("article").filter(pk=pk, filename=name).first()
    if item is None:
        raise Http404
    public = item.article.is_public
    if not public and not _may_read_draft(request, item.article.organization_path):
        raise Http404
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=True, filename=item.filename
    )
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        articles = (
            selectors.public()
            .select_related("category")
            .only("slug", "updated_at", "published_at", "category__slug")
        )
        context = {
            "base": request.build_absolute_uri("/").rstrip("/"),
            "categories": selectors.categories(),
            "articles": articles,
        }
        return render_to_string("news/sitemap.xml", context)

    return HttpResponse(_cached(request, "sitemap", build), content_type="application/xml")
