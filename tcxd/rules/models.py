"""Versioned rule data: every number in a Party rule, with its legal basis and dates of effect."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleSet(models.Model):
    """One version of a rule: its values apply to events dated within its effect."""

    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    values = models.JSONField(_("values"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"],
                name="rules_ruleset_unique_code_effective_from",
                violation_error_message=_("A version of this rule already starts on that day."),
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="rules_ruleset_effective_to_after_from",
                violation_error_message=_("The end of effect cannot be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.legal_basis})"
