"""Admission cases: a candidate moving through the statutory path, one recorded step at a time.

A case belongs to a person (the same ``Person`` as members, village heads and cadres) and to
the cell (or grassroots committee) that considers him or her. Its steps are append-only:
each records who, when, the document number, the vote counts where there is a vote, the
version of the rule applied and the attached files. ``stage``, ``status`` and ``due_on`` are
a cache derived from the steps by ``admissions.pipeline.derive`` and written only by
``admissions.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcxd.audit.models import AppendOnlyQuerySet
from tcxd.core.fields import CodePointCharField

from .choices import (
    CaseKind,
    CaseStatus,
    IntroducerKind,
    Relation,
    Stage,
    StepKind,
    VerificationResult,
)


class AdmissionCase(models.Model):
    person = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        related_name="admission_cases",
        verbose_name=_("candidate"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="admission_cases",
        verbose_name=_("considered by"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    youth_union_member = models.BooleanField(_("Youth Union member"), default=False)
    opened_on = models.DateField(_("opened on"))
    # Cache of the derived state.
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, editable=False
    )
    due_on = models.DateField(_("next deadline"), null=True, blank=True, editable=False)
    due_step = models.CharField(
        _("due"), max_length=40, choices=StepKind.choices, blank=True, editable=False
    )
    admitted_on = models.DateField(_("admission decision date"), null=True, editable=False)
    ceremony_on = models.DateField(_("ceremony date"), null=True, editable=False)
    official_on = models.DateField(_("official since"), null=True, editable=False)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admission_cases",
        editable=False,
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("admission case")
        verbose_name_plural = _("admission cases")
        indexes = [
            models.Index(fields=["organization_path", "stage"], name="admissions_case_path_idx"),
            models.Index(fields=["status", "due_on"], name="admissions_case_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="open") | Q(status="probation"),
                name="admissions_one_open_case_per_person",
                violation_error_message=_("This person already has a case in progress."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("admissions:case", args=[self.pk])


class CaseStep(models.Model):
    """One recorded step of a case. Never changed nor deleted: a wrong step is corrected by
    closing the case, not by rewriting its history."""

    case = models.ForeignKey(AdmissionCase, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("step"), max_length=40, choices=StepKind.choices)
    occurred_on = models.DateField(_("date"))
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    vote_base = models.PositiveIntegerField(_("members counted"), null=True, blank=True)
    passed = models.BooleanField(_("adopted"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    rule = models.ForeignKey(
        "rules.RuleSet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rule applied"),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["kind", "occurred_on"], name="admissions_step_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"


class Introducer(models.Model):
    step = models.ForeignKey(CaseStep, on_delete=models.PROTECT, related_name="introducers")
    kind = models.CharField(_("introduced by"), max_length=20, choices=IntroducerKind.choices)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("party member"),
    )
    name = models.CharField(_("name"), max_length=255)
    known_since = models.DateField(_("worked, studied or lived together since"), null=True)

    class Meta:
        verbose_name = _("introducer")
        verbose_name_plural = _("introducers")

    def __str__(self) -> str:
        return self.name


class Verification(models.Model):
    step = models.ForeignKey(CaseStep, on_delete=models.PROTECT, related_name="verifications")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    name = models.CharField(_("name"), max_length=150)
    result = models.CharField(_("result"), max_length=20, choices=VerificationResult.choices)

    class Meta:
        verbose_name = _("verified person")
        verbose_name_plural = _("verified people")

    def __str__(self) -> str:
        return self.name


class StepFile(models.Model):
    step = models.ForeignKey(CaseStep, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(_("file"), upload_to="admissions/%Y/%m/")
    name = models.CharField(_("name"), max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self) -> str:
        return self.name


class CaseStageSpan(models.Model):
    """Derived: the stage (and next deadline) of a case in progress over a span of days,
    ``end_on`` exclusive (null = still so). The stage of a case at the end of any day is
    the span covering it: ``pipeline.derive`` over the steps recorded up to that day, kept
    by ``admissions.history`` in the transaction of every write. A case is no longer in
    progress from its first closing or recognition decision on: no span covers that day."""

    # Filled on first read (not only by the services): not part of the indicators' data
    # stamp (``indicators.registry.app_stamp``), else a read would empty the cache.
    derived_on_read = True

    case = models.ForeignKey(AdmissionCase, on_delete=models.CASCADE, related_name="+")
    organization_path = CodePointCharField(max_length=255)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    due_on = models.DateField(null=True)
    start_on = models.DateField()
    end_on = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization_path", "start_on"], name="admissions_span_path_idx"),
            models.Index(fields=["case", "start_on"], name="admissions_span_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} {self.start_on}–{self.end_on or ''}"


class CaseStageBuild(models.Model):
    """One row once every case's spans were built, with the newest rule edit then (the
    stages derive from the rules in force: a later edit makes the spans be built again)."""

    # Filled on first read (not only by the services): not part of the indicators' data
    # stamp (``indicators.registry.app_stamp``), else a read would empty the cache.
    derived_on_read = True

    rules_stamp = models.BigIntegerField(null=True)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.built_at} ({self.rules_stamp})"
