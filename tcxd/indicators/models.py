"""Targets: the value an indicator should reach for an organization over a period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .periods import Period, PeriodKind


class Target(models.Model):
    """A target (chỉ tiêu) from a document: an annual plan, a congress resolution …

    For an indicator that adds up over time (admissions, transfers …) the target is the total
    of its period; for a level (members at the end, a share) the level to reach by its end.
    """

    indicator = models.CharField(_("indicator"), max_length=64)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    period_kind = models.CharField(_("period kind"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    source_document = models.CharField(
        _("source document"),
        max_length=500,
        help_text=_("E.g. Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVII, nhiệm kỳ 2025–2030."),
    )
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_path_fields = ("organization__path",)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period_start", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organization", "period_kind", "period_start", "period_end"],
                name="indicators_target_unique",
                violation_error_message=_(
                    "This organization already has a target for this indicator and period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="indicators_target_period_order",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "indicator"], name="indicators_target_org_idx")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.organization_id} · {self.period.key}: {self.value}"

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start, self.period_end)

    @property
    def audit_organization(self):  # type: ignore[no-untyped-def]
        return self.organization
