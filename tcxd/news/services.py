"""Writes of the news site. Every function: keyword-only, ``actor=``, one transaction,
validation, and its audit entry in the same transaction.

Who may do what (tcxd/accounts/choices.py): ``Action.PUBLISH`` at the article's
organization (the board's leaders and specialists) writes, sends for approval, publishes an
approved article and unpublishes; ``Action.APPROVE`` there (the board's leaders) approves or
returns. The workflow: draft → submitted → approved → published (now or at a set time) →
unpublished (→ edited: a draft again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, can_anywhere, scope_prefixes
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.core.text import fold, normalize_text
from tcxd.organizations.models import Organization

from . import uploads
from .choices import EDITABLE_STATUSES, RESERVED_SLUGS, Status, StepKind
from .html import html_to_text, sanitize
from .models import Article, ArticleImage, ArticleRevision, ArticleStep, Attachment, Category
from .search import search_text_of

SLUG_LENGTH = 100


@dataclasses.dataclass
class Saved:
    """The saved article and what the editor should be told (content removed by the
    sanitiser, an address changed to avoid a clash)."""

    article: Article
    notes: list[str]


def _require(actor: Any, action: str, path: str | None, message: str) -> None:
    if not can(actor, action, path):
        raise DomainError("out_of_scope", message)


def _bump(article: Article, expected_version: int | None) -> None:
    bump_version(
        article,
        expected_version,
        _(
            "Someone else changed this article after you opened it. Nothing was changed: "
            "reload the page to see their changes, then try again."
        ),
    )


def slug_of(text: str) -> str:
    """An address without diacritics: "Sơ kết 6 tháng đầu năm" → "so-ket-6-thang-dau-nam"."""
    return slugify(fold(text))[:SLUG_LENGTH].strip("-")


def site_of(actor: Any) -> Organization:
    """The organization whose site ``actor`` writes on: the highest one where they hold
    ``Action.PUBLISH`` (the board's committee)."""
    prefixes = scope_prefixes(actor, Action.PUBLISH)
    if prefixes is None:
        org = Organization.objects.filter(depth=1).order_by("path").first()
    elif prefixes:
        org = Organization.objects.filter(path__in=prefixes).order_by("depth", "path").first()
    else:
        org = None
    if org is None:
        raise DomainError("out_of_scope", _("You may not write on the news site."))
    return org


def _step(article: Article, kind: str, actor: Any, comment: str = "", at: Any = None) -> None:
    ArticleStep.objects.create(
        article=article, kind=kind, actor=actor, comment=comment, at=at or timezone.now()
    )


def _revision(article: Article, actor: Any, note: str = "", at: Any = None) -> ArticleRevision:
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        category_id_at=article.category_id,
        lead_image_id_at=article.lead_image_id,
        lead_caption=article.lead_caption,
        byline=article.byline,
        note=note,
        created_by=actor,
        created_at=at or timezone.now(),
    )


def _unique_slug(category: Category, wanted: str, title: str, pk: int | None) -> tuple[str, str]:
    """``(slug, note)``: a typed address must be free (else a refusal naming the article
    that has it); one made from the title gets -2, -3 … when taken."""
    others = Article.objects.filter(category=category)
    if pk is not None:
        others = others.exclude(pk=pk)
    if wanted:
        slug = slug_of(wanted)
        if not slug:
            message = _("Type the address with letters or digits.")
            raise DomainError("slug_invalid", message, fields={"slug": [message]})
        clash = others.filter(slug=slug).first()
        if clash is not None:
            message = _(
                "The address “%(slug)s” is already used by “%(title)s” in this category: "
                "choose another one or leave it empty."
            ) % {"slug": slug, "title": clash.title}
            raise DomainError("slug_taken", message, fields={"slug": [message]})
        return slug, ""
    base = slug_of(title) or "bai-viet"
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_LENGTH - len(suffix)] + suffix
    note = ""
    if slug != base:
        note = _(
            "Another article of this category already has the address “%(base)s”; this one "
            "is at “%(slug)s”."
        ) % {"base": base, "slug": slug}
    return slug, note


def _apply_content(
    article: Article,
    *,
    category: Category,
    title: str,
    summary: str,
    body: str,
    byline: str,
    slug: str,
    lead_caption: str,
    publish_at: dt.datetime | None,
    lead_image: ArticleImage | bool | None = False,
) -> list[str]:
    notes: list[str] = []
    title = normalize_text(title)
    if not title:
        message = _("Give the article a title.")
        raise DomainError("title_required", message, fields={"title": [message]})
    clean, removed = sanitize(body or "")
    if removed:
        notes.append(
            _(
                "Some of the body was removed because it is not allowed on the site (scripts, "
                "event handlers, styles, images from other servers…): %(what)s."
            )
            % {"what": ", ".join(removed[:8])}
        )
    wanted = slug.strip()
    if article.pk and not wanted and article.category_id == category.pk and article.slug:
        wanted_slug, note = article.slug, ""  # an edit keeps its address
    else:
        wanted_slug, note = _unique_slug(category, wanted, title, article.pk)
    if note:
        notes.append(note)
    article.category = category
    article.title = title
    article.slug = wanted_slug
    article.summary = "\n".join(
        line for line in (normalize_text(x) for x in summary.splitlines()) if line
    )
    article.body = clean
    article.body_text = html_to_text(clean)
    article.search_text = search_text_of(article.title, article.summary, article.body_text)
    article.byline = normalize_text(byline)
    article.lead_caption = normalize_text(lead_caption)
    article.publish_at = publish_at
    if isinstance(lead_image, ArticleImage):
        if lead_image.article_id not in (None, article.pk):
            raise DomainError("image_other_article", _("That image belongs to another article."))
        article.lead_image = lead_image
    elif lead_image is None:
        article.lead_image = None
    article.changed_at = timezone.now()
    return notes


@transaction.atomic
def article_create(
    *,
    actor: Any,
    category: Category,
    title: str,
    summary: str = "",
    body: str = "",
    byline: str = "",
    slug: str = "",
    lead_caption: str = "",
    publish_at: dt.datetime | None = None,
    organization: Organization | None = None,
    source_conference: Any = None,
    at: dt.datetime | None = None,
) -> Saved:
    organization = organization or site_of(actor)
    _require(
        actor,
        Action.PUBLISH,
        organization.path,
        _("You may not write on the news site of %(org)s.") % {"org": organization.name},
    )
    now = at or timezone.now()
    article = Article(
        organization=organization,
        organization_path=organization.path,
        created_by=actor,
        created_at=now,
        source_conference=source_conference,
    )
    notes = _apply_content(
        article,
        category=category,
        title=title,
        summary=summary,
        body=body,
        byline=byline,
        slug=slug,
        lead_caption=lead_caption,
        publish_at=publish_at,
    )
    article.changed_at = now
    clean_or_raise(article, exclude=["organization", "created_by", "lead_image"])
    article.save()
    _revision(article, actor, at=now)
    _step(article, StepKind.CREATED, actor, at=now)
    record(
        actor=actor,
        action="news.create",
        target=article,
        changes={"title": article.title, "category": category.slug, "slug": article.slug},
    )
    return Saved(article, notes)


@transaction.atomic
def article_update(
    *,
    actor: Any,
    article: Article,
    expected_version: int | None,
    category: Category,
    title: str,
    summary: str,
    body: str,
    byline: str,
    slug: str = "",
    lead_caption: str = "",
    publish_at: dt.datetime | None = None,
    lead_image: ArticleImage | bool | None = False,
) -> Saved:
    _require(
        actor,
        Action.PUBLISH,
        article.organization_path,
        _("You may not edit this article."),
    )
    if article.status not in EDITABLE_STATUSES:
        raise DomainError(
            "not_editable",
            _(
                "An article that is %(status)s cannot be edited: it must be returned by a "
                "leader or unpublished first."
            )
            % {"status": str(Status(article.status).label).lower()},
        )
    before = {"title": article.title, "slug": article.slug, "category": article.category_id}
    _bump(article, expected_version)
    notes = _apply_content(
        article,
        category=category,
        title=title,
        summary=summary,
        body=body,
        byline=byline,
        slug=slug,
        lead_caption=lead_caption,
        publish_at=publish_at,
        lead_image=lead_image,
    )
    if article.status == Status.UNPUBLISHED:
        article.status = Status.DRAFT
    clean_or_raise(article, exclude=["organization", "created_by", "lead_image"])
    article.save()
    revision = _revision(article, actor)
    _step(article, StepKind.SAVED, actor)
    record(
        actor=actor,
        action="news.save",
        target=article,
        changes={
            "revision": revision.number,
            "before": before,
            "after": {
                "title": article.title,
                "slug": article.slug,
                "category": article.category_id,
            },
        },
    )
    return Saved(article, notes)


@transaction.atomic
def revision_restore(
    *, actor: Any, article: Article, revision: ArticleRevision, expected_version: int | None
) -> Saved:
    """Make the article's text that of an earlier revision (a new revision says so)."""
    if revision.article_id != article.pk:
        raise DomainError("revision_other_article", _("That revision is of another article."))
    category = Category.objects.filter(pk=revision.category_id_at or 0).first() or article.category
    lead = ArticleImage.objects.filter(pk=revision.lead_image_id_at or 0, article=article).first()
    saved = article_update(
        actor=actor,
        article=article,
        expected_version=expected_version,
        category=category,
        title=revision.title,
        summary=revision.summary,
        body=revision.body,
        byline=revision.byline,
        lead_caption=revision.lead_caption,
        publish_at=article.publish_at,
        lead_image=lead,
    )
    last = article.revisions.order_by("-number").first()
    assert last is not None
    _step(article, StepKind.RESTORED, actor, comment=str(revision.number))
    record(
        actor=actor,
        action="news.restore",
        target=article,
        changes={"restored": revision.number, "as": last.number},
    )
    return saved


def _transition(
    *,
    actor: Any,
    article: Article,
    expected_version: int | None,
    action: str,
    allowed_from: tuple[str, ...],
    to: str,
    step: str,
    audit: str,
    comment: str = "",
    refusal: str,
) -> Article:
    _require(actor, action, article.organization_path, refusal)
    if article.status not in allowed_from:
        raise DomainError(
            "wrong_status",
            _("This cannot be done to an article that is %(status)s.")
            % {"status": str(Status(article.status).label).lower()},
        )
    _bump(article, expected_version)
    before = article.status
    article.status = to
    article.changed_at = timezone.now()
    article.save(update_fields=["status", "changed_at", "published_at", "updated_at"])
    comment = normalize_text(comment)
    _step(article, step, actor, comment)
    record(
        actor=actor,
        action=audit,
        target=article,
        changes={"status": {"before": before, "after": to}, "comment": comment},
    )
    return article


@transaction.atomic
def article_submit(
    *, actor: Any, article: Article, expected_version: int | None, comment: str = ""
) -> Article:
    if not article.body_text:
        raise DomainError("body_required", _("Write the body before sending it for approval."))
    return _transition(
        actor=actor,
        article=article,
        expected_version=expected_version,
        action=Action.PUBLISH,
        allowed_from=(Status.DRAFT,),
        to=Status.SUBMITTED,
        step=StepKind.SUBMITTED,
        audit="news.submit",
        comment=comment,
        refusal=_("You may not send this article for approval."),
    )


@transaction.atomic
def article_return(
    *, actor: Any, article: Article, expected_version: int | None, comment: str
) -> Article:
    if not normalize_text(comment):
        message = _("Say what should be changed.")
        raise DomainError("comment_required", message, fields={"comment": [message]})
    return _transition(
        actor=actor,
        article=article,
        expected_version=expected_version,
        action=Action.APPROVE,
        allowed_from=(Status.SUBMITTED, Status.APPROVED),
        to=Status.DRAFT,
        step=StepKind.RETURNED,
        audit="news.return",
        comment=comment,
        refusal=_("Only a leader of the board approves or returns articles."),
    )


@transaction.atomic
def article_approve(
    *, actor: Any, article: Article, expected_version: int | None, comment: str = ""
) -> Article:
    return _transition(
        actor=actor,
        article=article,
        expected_version=expected_version,
        action=Action.APPROVE,
        allowed_from=(Status.SUBMITTED,),
        to=Status.APPROVED,
        step=StepKind.APPROVED,
        audit="news.approve",
        comment=comment,
        refusal=_("Only a leader of the board approves or returns articles."),
    )


@transaction.atomic
def article_publish(
    *,
    actor: Any,
    article: Article,
    expected_version: int | None,
    at: dt.datetime | None = None,
) -> Article:
    """Publish an approved article: now, or at its ``publish_at`` when that is later (it
    then appears by itself at that time: the public pages select on ``published_at``)."""
    now = at or timezone.now()
    when = article.publish_at if article.publish_at and article.publish_at > now else now
    article.published_at = when
    article.updated_at = when
    scheduled = when > now
    return _transition(
        actor=actor,
        article=article,
        expected_version=expected_version,
        action=Action.PUBLISH,
        allowed_from=(Status.APPROVED,),
        to=Status.PUBLISHED,
        step=StepKind.SCHEDULED if scheduled else StepKind.PUBLISHED,
        audit="news.schedule" if scheduled else "news.publish",
        comment=timezone.localtime(when).strftime("%d/%m/%Y %H:%M") if scheduled else "",
        refusal=_("You may not publish this article."),
    )


@transaction.atomic
def article_unpublish(
    *, actor: Any, article: Article, expected_version: int | None, comment: str = ""
) -> Article:
    return _transition(
        actor=actor,
        article=article,
        expected_version=expected_version,
        action=Action.PUBLISH,
        allowed_from=(Status.PUBLISHED,),
        to=Status.UNPUBLISHED,
        step=StepKind.UNPUBLISHED,
        audit="news.unpublish",
        comment=comment,
        refusal=_("You may not unpublish this article."),
    )


# --- images and attachments -------------------------------------------------------------


@transaction.atomic
def image_upload(
    *, actor: Any, article: Article, upload: Any, alt: str = "", as_lead: bool = False
) -> ArticleImage:
    _require(actor, Action.PUBLISH, article.organization_path, _("You may not edit this article."))
    if as_lead and article.status not in EDITABLE_STATUSES:
        raise DomainError("not_editable", _("The lead image of this article cannot be changed."))
    processed = uploads.process_image(upload)
    stem = slug_of(str(getattr(upload, "name", "")).rsplit(".", 1)[0])[:60] or "anh"
    image = ArticleImage(
        article=article,
        width=processed.width,
        height=processed.height,
        content_type=processed.content_type,
        alt=normalize_text(alt),
        uploaded_by=actor,
    )
    image.file.save(f"{stem}.{processed.extension}", ContentFile(processed.full), save=False)
    image.thumb.save(f"{stem}-nho.{processed.extension}", ContentFile(processed.thumb), save=False)
    image.save()
    if as_lead:
        article.lead_image = image
        if alt and not article.lead_caption:
            article.lead_caption = normalize_text(alt)
        article.changed_at = timezone.now()
        article.save(update_fields=["lead_image", "lead_caption", "changed_at"])
    record(
        actor=actor,
        action="news.image",
        target=article,
        changes={"image": image.pk, "size": [image.width, image.height], "lead": as_lead},
    )
    return image


@transaction.atomic
def attachment_upload(*, actor: Any, article: Article, upload: Any, title: str = "") -> Attachment:
    _require(actor, Action.PUBLISH, article.organization_path, _("You may not edit this article."))
    data, content_type, filename = uploads.check_attachment(upload)
    attachment = Attachment(
        article=article,
        title=normalize_text(title) or filename,
        filename=filename,
        size=len(data),
        content_type=content_type,
        uploaded_by=actor,
    )
    attachment.file.save(filename, ContentFile(data), save=False)
    attachment.save()
    Article.objects.filter(pk=article.pk).update(changed_at=timezone.now())
    record(
        actor=actor,
        action="news.attachment",
        target=article,
        changes={"attachment": attachment.pk, "file": filename, "size": len(data)},
    )
    return attachment


# --- categories -------------------------------------------------------------------------


@transaction.atomic
def category_create(
    *, actor: Any, name: str, slug: str = "", description: str = "", position: int | None = None
) -> Category:
    if not can_anywhere(actor, Action.PUBLISH):
        raise DomainError("out_of_scope", _("You may not manage the news categories."))
    name = normalize_text(name)
    slug = slug_of(slug or name)
    if not name or not slug:
        message = _("Give the category a name.")
        raise DomainError("name_required", message, fields={"name": [message]})
    if slug in RESERVED_SLUGS:
        message = _("The address “%(slug)s” is used by the site itself.") % {"slug": slug}
        raise DomainError("slug_reserved", message, fields={"slug": [message]})
    if Category.objects.filter(slug=slug).exists():
        message = _("Another category has the address “%(slug)s”.") % {"slug": slug}
        raise DomainError("slug_taken", message, fields={"slug": [message]})
    if position is None:
        position = (Category.objects.aggregate(n=Max("position"))["n"] or 0) + 1
    category = Category(
        name=name, slug=slug, description=normalize_text(description), position=position
    )
    clean_or_raise(category)
    category.save()
    record(actor=actor, action="news.category", target=category, changes={"slug": slug})
    return category
