"""The directive register (Party documents by number and symbol, and how they relate), the
tasks documents and conferences assign to organizations with their progress, and the work
programme of the board and of each committee.

Document types and issuer codes are data staff can extend (the admin); the reference
recogniser (``references.py``) reads them through ``selectors.vocabulary()``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.audit.models import AppendOnlyQuerySet
from tcxd.core.fields import CodePointCharField

from .choices import (
    AssignmentRole,
    AssignmentStatus,
    DocumentStatus,
    LinkKind,
    Recurrence,
    ReportKind,
    WorkItemStatus,
)
from .references import canonical_symbol


class DocumentType(models.Model):
    """A kind of Party document and its abbreviation in the symbol ("Kế hoạch", "KH")."""

    code = models.CharField(_("abbreviation"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Other words that name this type in running text, one per line ("chương trình hành động").
    other_words = models.TextField(_("other words for it"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def words(self) -> list[str]:
        return [self.name, *(w.strip() for w in self.other_words.splitlines() if w.strip())]


class Issuer(models.Model):
    """An issuer code of Party symbols ("TU", "BTCTU", "TW") and whom it stands for."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("stands for"), max_length=255)
    # Documents are numbered from 01 in each congress term of the issuing committee
    # (HD 36-HD/VPTW): the first year of one of its terms, the terms lasting five years.
    term_base_year = models.PositiveSmallIntegerField(_("first year of a term"), default=2020)

    class Meta:
        verbose_name = _("issuer code")
        verbose_name_plural = _("issuer codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def term_of(self, day: dt.date) -> str:
        """The five-year term containing ``day`` ("2020–2025"): a congress year belongs to
        the term it opens (the user can correct it on the document)."""
        first = day.year - (day.year - self.term_base_year) % 5
        return f"{first}–{first + 5}"


class Document(models.Model):
    """A Party document in the register: "Kế hoạch số 29-KH/TU, ngày 14/01/2022 của Ban
    Thường vụ Tỉnh ủy về …"."""

    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    number = models.CharField(_("number"), max_length=12)  # as written: "05" keeps its zero
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer code")
    )
    term = models.CharField(_("term"), max_length=20)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    issued_on = models.DateField(_("date"))
    title = models.TextField(_("summary (trích yếu)"))
    file = models.FileField(_("file"), upload_to="directives/%Y/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    expired_on = models.DateField(_("no longer in force from"), null=True, blank=True)
    # The organization whose register holds it (the board's: the city root); scope and the
    # "documents issued" indicators follow its path.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("register of"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    version = models.PositiveIntegerField(default=1)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "number", "issuer", "term"],
                name="directives_document_unique_symbol",
            )
        ]
        indexes = [
            models.Index(fields=["organization_path", "issued_on"], name="directives_doc_org_idx"),
            models.Index(fields=["number", "issuer"], name="directives_doc_symbol_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type.name} {self.symbol}"

    def get_absolute_url(self) -> str:
        return reverse("directives:document", args=[self.pk])

    @property
    def symbol(self) -> str:
        return canonical_symbol(self.number, self.doc_type.code, self.issuer.code)

    @property
    def audit_organization(self) -> Any:
        return self.organization


class DocumentLink(models.Model):
    """``source`` implements / replaces / guides ``target``."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(_("relation"), max_length=20, choices=LinkKind.choices)

    class Meta:
        verbose_name = _("document link")
        verbose_name_plural = _("document links")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="directives_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="directives_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class Task(models.Model):
    """Something an organization asks organizations below it to do, from a document, a
    review conference, or its own decision; or a part of a task split by an assignee
    among the organizations below it (``parent``)."""

    title = models.TextField(_("task"))
    expected_product = models.CharField(_("expected product"), max_length=255, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("document"),
    )
    conference_task = models.ForeignKey(
        "reviews.ConferenceTask",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    parent = models.ForeignKey(
        "Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subtasks",
        verbose_name=_("part of"),
    )
    assigned_by = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_by_path = CodePointCharField(max_length=255, editable=False)
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("deadline"))
    recurrence = models.CharField(
        _("reports"), max_length=20, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    # A recurring task runs until ``recurring_until`` (the last report due), one report due
    # on ``deadline``'s day of the month every one, three or six months from ``deadline``.
    recurring_until = models.DateField(_("reports until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # Seen by the assigner's subtree and by every assignee's (use .distinct()).
    scope_path_fields = ("assigned_by_path", "assignments__organization_path")

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title[:80]

    def get_absolute_url(self) -> str:
        return reverse("directives:task", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.assigned_by


class Assignment(models.Model):
    """A task given to one organization (the lead, or one co-ordinating): its own status,
    progress and reports. Derived: ``progress`` (its own report, or the roll-up of its
    sub-tasks), ``done_on``."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    role = models.CharField(
        _("role"), max_length=20, choices=AssignmentRole.choices, default=AssignmentRole.LEAD
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OPEN,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    reported_on = models.DateField(_("last report"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    # Seen by the assignee's subtree and by the assigner's (``task__assigned_by_path``).
    scope_path_fields = ("organization_path", "task__assigned_by_path")

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["task__deadline", "organization_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "organization"], name="directives_assignment_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="directives_progress_max"
            ),
        ]
        indexes = [
            models.Index(fields=["organization_path", "status"], name="directives_asg_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.task} → {self.organization_id}"

    def get_absolute_url(self) -> str:
        return reverse("directives:assignment", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization


class Report(models.Model):
    """Append-only: a progress report of the assignee, its "done", or the assigner's
    acceptance or return, with the narrative and an attached file."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    reported_on = models.DateField(_("date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    text = models.TextField(_("report"), blank=True)
    file = models.FileField(_("attached file"), upload_to="directives/reports/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        ordering = ["assignment", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.kind} {self.reported_on}"


class WorkItem(models.Model):
    """An item of the work programme (chương trình công tác) of the board or a committee:
    what, in which month (or quarter), who owns it, its status, what it serves."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme of"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    title = models.TextField(_("content"))
    owner = models.CharField(_("in charge"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkItemStatus.choices, default=WorkItemStatus.PLANNED
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document served"),
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task served"),
    )
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("work programme item")
        verbose_name_plural = _("work programme items")
        ordering = ["year", "month", "quarter", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(month__isnull=False) & models.Q(quarter__isnull=True))
                    | (models.Q(month__isnull=True) & models.Q(quarter__isnull=False))
                ),
                name="directives_workitem_month_or_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                name="directives_workitem_month_range",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="directives_workitem_quarter_range",
            ),
        ]
        indexes = [
            models.Index(fields=["organization_path", "year"], name="directives_work_org_idx"),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def audit_organization(self) -> Any:
        return self.organization
