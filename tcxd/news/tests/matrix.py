"""Objects and rows of the news app for the permission matrix
(tcxd/tests/test_permission_matrix.py).

Objects: a category, a published article of the city root's site with an image and an
attachment, a draft with an image, a review conference of the city root. The public pages
under /tin-tuc/ answer everyone, signed in or not (200); a draft's image is only for the
site's editors (404 for the others, anonymous included). The editors' pages under /news/
need ``Action.PUBLISH`` at the root: the board's leader and specialist (and the
administrator); anonymous is sent to sign in (302), everyone else 404.

Image and attachment files are written under MEDIA_ROOT/news/matrix/ (fixed names,
overwritten on each run)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from tcxd.accounts.models import User
from tcxd.organizations.models import Organization

from ..models import Article, ArticleImage, Attachment, Category

EDITORS = {"admin", "board_leader", "board_specialist"}


@dataclasses.dataclass
class NewsObjects:
    category: Category
    article: Article
    image: ArticleImage
    attachment: Attachment
    draft: Article
    draft_image: ArticleImage
    conference: Any


def _file(name: str, content: bytes) -> str:
    path = Path(settings.MEDIA_ROOT) / "news" / "matrix" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return f"news/matrix/{name}"


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (160, 20, 20)).save(out, "JPEG")
    return out.getvalue()


def news_objects(world: Any) -> NewsObjects:
    cached = getattr(world, "_news", None)
    if cached is not None:
        return cached
    from tcxd.reviews.tests.matrix import review_objects

    root = Organization.objects.get(path=world.ward.path[: Organization.steplen])
    admin = User.objects.filter(is_superuser=True).get()
    category = Category.objects.create(name="Tin tức hoạt động", slug="tin-tuc-hoat-dong")
    now = timezone.now()

    def article(title: str, slug: str, status: str) -> Article:
        return Article.objects.create(
            organization=root,
            organization_path=root.path,
            category=category,
            title=title,
            slug=slug,
            body="<p>Nội dung.</p>",
            body_text="Nội dung.",
            search_text=f" {slug.replace('-', ' ')} | noi dung ",
            status=status,
            published_at=now if status == "published" else None,
            created_by=admin,
        )

    published = article("Hội nghị sơ kết", "hoi-nghi-so-ket", "published")
    draft = article("Bản nháp", "ban-nhap", "draft")
    jpeg = _jpeg()

    def image(of: Article, name: str) -> ArticleImage:
        path = _file(f"{name}.jpg", jpeg)
        return ArticleImage.objects.create(
            article=of,
            file=path,
            thumb=path,
            width=8,
            height=6,
            content_type="image/jpeg",
            uploaded_by=admin,
        )

    attachment = Attachment.objects.create(
        article=published,
        file=_file("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n"),
        title="Kế hoạch",
        filename="ke-hoach.pdf",
        size=15,
        content_type="application/pdf",
        uploaded_by=admin,
    )
    world._news = NewsObjects(
        category,
        published,
        image(published, "published"),
        attachment,
        draft,
        image(draft, "draft"),
        review_objects(world).conference,
    )
    return world._news


def news_rows(Row: Any, statuses: Any, everyone: Any) -> list[Any]:
    o = news_objects
    cat = lambda w: {"category": o(w).category.slug}  # noqa: E731
    art = lambda w: {"pk": o(w).article.pk}  # noqa: E731
    draft = lambda w: {"pk": o(w).draft.pk}  # noqa: E731
    editors_or_404 = {**statuses(True, 200, EDITORS), "anonymous": 404}
    return [
        # --- public site: no sign-in --------------------------------------------------
        Row("news-home", "news:home", "GET", everyone(200)),
        Row("news-search", "news:search", "GET", everyone(200), query="q=hoi+nghi"),
        Row("news-rss", "news:rss", "GET", everyone(200)),
        Row("news-atom", "news:atom", "GET", everyone(200)),
        Row("news-sitemap", "news:sitemap", "GET", everyone(200)),
        Row("news-category", "news:category", "GET", everyone(200), kwargs=cat),
        Row("news-category-rss", "news:category_rss", "GET", everyone(200), kwargs=cat),
        Row("news-category-atom", "news:category_atom", "GET", everyone(200), kwargs=cat),
        Row(
            "news-article",
            "news:article",
            "GET",
            everyone(200),
            kwargs=lambda w: {"category": o(w).category.slug, "slug": o(w).article.slug},
        ),
        Row(
            "news-article-draft",
            "news:article",
            "GET",
            everyone(404),
            kwargs=lambda w: {"category": o(w).category.slug, "slug": o(w).draft.slug},
        ),
        Row(
            "news-image",
            "news:image",
            "GET",
            everyone(200),
            kwargs=lambda w: {"pk": o(w).image.pk, "variant": "full", "ext": "jpg"},
        ),
        Row(
            "news-image-of-a-draft",
            "news:image",
            "GET",
            editors_or_404,
            kwargs=lambda w: {"pk": o(w).draft_image.pk, "variant": "thumb", "ext": "jpg"},
        ),
        Row(
            "news-attachment",
            "news:attachment",
            "GET",
            everyone(200),
            kwargs=lambda w: {"pk": o(w).attachment.pk, "name": "ke-hoach.pdf"},
        ),
        # --- editors: Action.PUBLISH at the root ----------------------------------------
        Row("newsroom-index", "newsroom:index", "GET", statuses(True, 200, EDITORS)),
        Row("newsroom-create", "newsroom:create", "GET", statuses(True, 200, EDITORS)),
        Row(
            "newsroom-create-post",
            "newsroom:create",
            "POST",
            statuses(True, 302, EDITORS),
            data=lambda w: {"category": str(o(w).category.pk), "title": "Tin mới", "body": "x"},
        ),
        Row("newsroom-categories", "newsroom:categories", "GET", statuses(True, 200, EDITORS)),
        Row("newsroom-conferences", "newsroom:conferences", "GET", statuses(True, 200, EDITORS)),
        Row(
            "newsroom-from-conference",
            "newsroom:from_conference",
            "POST",
            statuses(True, 302, EDITORS),
            kwargs=lambda w: {"pk": o(w).conference.pk},
            data=lambda w: {"category": str(o(w).category.pk)},
        ),
        Row("newsroom-detail", "newsroom:detail", "GET", statuses(True, 200, EDITORS), kwargs=art),
        Row("newsroom-edit", "newsroom:edit", "GET", statuses(True, 200, EDITORS), kwargs=draft),
        Row(
            "newsroom-step-submit",
            "newsroom:step",
            "POST",
            statuses(True, 302, EDITORS),
            kwargs=lambda w: {"pk": o(w).draft.pk, "kind": "submit"},
            data=lambda w: {"version": "0"},
        ),
        Row(
            "newsroom-image-upload",
            "newsroom:image_upload",
            "POST",
            statuses(True, 302, EDITORS),
            kwargs=draft,
        ),
        Row(
            "newsroom-attachment-upload",
            "newsroom:attachment_upload",
            "POST",
            statuses(True, 302, EDITORS),
            kwargs=draft,
        ),
        Row(
            "newsroom-revisions",
            "newsroom:revisions",
            "GET",
            statuses(True, 200, EDITORS),
            kwargs=draft,
        ),
        Row(
            "newsroom-restore",
            "newsroom:restore",
            "POST",
            # The draft has no revision 1 (made without the services): 404 for everyone.
            {**everyone(404), "anonymous": 302},
            kwargs=lambda w: {"pk": o(w).draft.pk, "number": 1},
        ),
    ]
