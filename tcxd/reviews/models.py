"""Reviews (sơ kết, tổng kết): the review an organization opens for a period, the
submission of each organization directly below it, the generated reports (frozen figures
and files, one row per version), the Word templates, and the review conference."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.audit.models import AppendOnlyQuerySet
from tcxd.core.fields import CodePointCharField

from .choices import EDITABLE_STATUSES, ReviewKind, StepKind, SubmissionStatus


class Review(models.Model):
    """A review opened by an organization for a period, with a deadline for submissions."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("opened by"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    period_key = models.CharField(_("period"), max_length=20)
    title = models.CharField(_("title"), max_length=255)
    deadline_on = models.DateField(_("deadline for submissions"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "period_key"],
                name="reviews_review_unique_period",
                violation_error_message=_(
                    "This organization has already opened a review of this kind for this period."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    @property
    def period(self) -> Any:
        from tcxd.indicators.periods import Period

        return Period.parse(self.period_key)


class Submission(models.Model):
    """What one organization directly below sends for a review: the figures (read from the
    indicator registry, frozen when sent) with a comment per figure, and the narrative."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="submissions")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="review_submissions",
        verbose_name=_("organization"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        editable=False,
    )
    results = models.TextField(_("results"), blank=True)
    limitations = models.TextField(_("limitations and their causes"), blank=True)
    directions = models.TextField(_("directions and tasks for the next period"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    # {indicator code: value as text ("12", "3.25") or None}, written when sent.
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    # {indicator code: comment}
    figure_comments = models.JSONField(_("comments on the figures"), default=dict, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["review", "organization_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "organization"],
                name="reviews_submission_unique_org",
                violation_error_message=_("This organization already has a submission."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:submission", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def is_late(self, today: dt.date | None = None) -> bool:
        """Not sent by the deadline: still unsent after it, or first sent after it."""
        deadline = self.review.deadline_on
        if self.first_submitted_at is None:
            return (today or timezone.localdate()) > deadline
        return timezone.localtime(self.first_submitted_at).date() > deadline


class SubmissionStep(models.Model):
    """One step of a submission's workflow, with the comment of whoever took it."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission step")
        verbose_name_plural = _("submission steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d/%m/%Y}"


class ReportTemplate(models.Model):
    """A version of the Word template of review reports (docxtpl), uploaded by a user.

    The newest version is used; older versions are kept so that a report can name the
    template it was made from."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    content = models.BinaryField(_("file"))
    filename = models.CharField(_("file name"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.version})"


class Report(models.Model):
    """One generated version of a review's report: its figures frozen as JSON, the .docx
    and the .xlsx annex. Regenerating makes a new version; none is ever changed."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="reports")
    organization_path = CodePointCharField(max_length=255, editable=False)
    version = models.PositiveIntegerField(_("version"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30)
    issued_on = models.DateField(_("date"))
    data = models.JSONField(_("frozen figures"))
    docx = models.BinaryField()
    xlsx = models.BinaryField()
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField(_("generated at"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()
    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["review", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "version"], name="reviews_report_unique_version"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="reviews_report_number_gte_1"),
        ]

    def __str__(self) -> str:
        return f"Số {self.number_symbol} (v{self.version})"

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}-{self.symbol}"

    @property
    def audit_organization(self) -> Any:
        return self.review.organization


class Conference(models.Model):
    """The review conference: when and where, who chaired and attended, what it concluded."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="conferences")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    chair_name = models.CharField(_("chaired by"), max_length=150)
    chair_position = models.CharField(_("chair's position"), max_length=255)
    # [{"position": "...", "name": "..."}], in the order typed.
    attendees = models.JSONField(_("attendees"), default=list)
    conclusions = models.TextField(_("conclusions"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review conference")
        verbose_name_plural = _("review conferences")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.review} · {self.held_on:%d/%m/%Y}"

    @property
    def audit_organization(self) -> Any:
        return self.review.organization


class ConferenceTask(models.Model):
    """A task the conference assigned, to an organization directly below or to the opener."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="tasks")
    description = models.TextField(_("task"))
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("assigned task")
        verbose_name_plural = _("assigned tasks")
        ordering = ["conference", "id"]

    def __str__(self) -> str:
        return self.description[:80]
