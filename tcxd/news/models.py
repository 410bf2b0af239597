"""The board's news site: categories, articles (sanitised HTML body, workflow status,
view count), their revisions and workflow steps, images (re-encoded by Pillow) and
attachments.

An article belongs to an organization (the board's committee, normally the root of the
tree): whoever holds ``Action.PUBLISH`` there writes on its site, ``Action.APPROVE``
approves. The public pages show every published article whose time has come."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.audit.models import AppendOnlyQuerySet
from tcxd.core.fields import CodePointCharField

from .choices import EDITABLE_STATUSES, Status, StepKind


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:category", args=[self.slug])


class PublishedQuerySet(models.QuerySet["Article"]):
    def public(self, now: Any = None) -> PublishedQuerySet:
        """Published articles whose time has come (a scheduled one appears at its time)."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


class Article(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="news_articles",
        verbose_name=_("site of"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("address"), max_length=120)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)  # sanitised HTML (nh3), never raw input
    body_text = models.TextField(editable=False, blank=True)  # the body as plain text
    # " " + fold(title) + " | " + fold(summary and body): diacritic-free search (tcxd.core.text)
    search_text = models.TextField(editable=False, blank=True)
    lead_image = models.ForeignKey(
        "ArticleImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_caption = models.CharField(_("caption of the lead image"), max_length=255, blank=True)
    byline = models.CharField(_("byline"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    # The time the editor asks for; published_at is when the article is (or will be) shown.
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), null=True, editable=False)
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    source_conference = models.ForeignKey(
        "reviews.Conference",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Any write: the public pages' cache key (tcxd.news.selectors.generation).
    changed_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    objects = PublishedQuerySet.as_manager()
    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "slug"],
                name="news_article_unique_slug",
                violation_error_message=_("Another article of this category has this address."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_article_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="news_article_public"),
            models.Index(
                fields=["category", "status", "published_at"], name="news_article_cat_public"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:article", args=[self.category.slug, self.slug])

    def get_edit_url(self) -> str:
        return reverse("newsroom:detail", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class ArticleImage(models.Model):
    """An uploaded image, decoded and re-encoded by Pillow (no metadata, no foreign bytes):
    ``file`` at most 1600 px wide, ``thumb`` at most 480 px."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="images", null=True, blank=True
    )
    file = models.FileField(upload_to="news/images/%Y/%m/", max_length=200)
    thumb = models.FileField(upload_to="news/images/%Y/%m/", max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    content_type = models.CharField(max_length=40)
    alt = models.CharField(_("description of the image"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.alt or self.file.name.rsplit("/", 1)[-1]

    @property
    def url(self) -> str:
        return reverse("news:image", args=[self.pk, "full", self.extension])

    @property
    def thumb_url(self) -> str:
        return reverse("news:image", args=[self.pk, "thumb", self.extension])

    @property
    def extension(self) -> str:
        return {"image/png": "png", "image/jpeg": "jpg"}.get(self.content_type, "jpg")

    @property
    def audit_organization(self) -> Any:
        return self.article.organization if self.article else None


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="news/files/%Y/%m/", max_length=200)
    title = models.CharField(_("title"), max_length=255)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:attachment", args=[self.pk, self.filename])

    @property
    def audit_organization(self) -> Any:
        return self.article.organization


class ArticleRevision(models.Model):
    """The article's text as saved, one row per save; never changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    category_id_at = models.BigIntegerField(null=True)
    lead_image_id_at = models.BigIntegerField(null=True)
    lead_caption = models.CharField(max_length=255, blank=True)
    byline = models.CharField(max_length=120, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="news_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class ArticleStep(models.Model):
    """One step of the workflow, with the comment of whoever took it; never changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d/%m/%Y}"
