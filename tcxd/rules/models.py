"""Versioned rule data: every number in a Party rule, with its legal basis and dates of effect."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import DayKind, Unit

VALUE_SHAPES = {
    frozenset({"value", "unit"}): "duration",
    frozenset({"numerator", "denominator"}): "threshold",
    frozenset({"value"}): "plain",
}


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def value_errors(key: str, raw: Any) -> list[str]:
    """What is wrong with value ``key`` of a rule version's JSON (empty when it is valid)."""
    named = {"key": key}
    if isinstance(raw, dict):
        basis = raw.get("basis", "")
        shape = VALUE_SHAPES.get(frozenset(raw) - {"basis"})
        if shape is None:
            return [
                gettext(
                    "“%(key)s”: a value is either {value, unit}, {numerator, denominator} or "
                    "{value}, each with an optional basis."
                )
                % named
            ]
        if not isinstance(basis, str):
            return [gettext("“%(key)s”: the basis must be text.") % named]
        if shape == "duration":
            errors = []
            if raw["unit"] not in Unit.values:
                errors.append(
                    gettext("“%(key)s”: unknown unit “%(unit)s” (known: %(units)s).")
                    % {**named, "unit": raw["unit"], "units": ", ".join(Unit.values)}
                )
            if not _is_int(raw["value"]) or raw["value"] <= 0:
                errors.append(
                    gettext("“%(key)s”: a duration must be a positive whole number.") % named
                )
            return errors
        if shape == "threshold":
            num, den = raw["numerator"], raw["denominator"]
            if not (_is_int(num) and _is_int(den)) or den <= 0 or num <= 0 or num > den:
                return [
                    gettext(
                        "“%(key)s”: a threshold is a fraction of whole numbers greater than 0 "
                        "and at most 1 (e.g. 2/3)."
                    )
                    % named
                ]
            return []
        raw = raw["value"]
    if _is_int(raw):
        return [] if raw >= 0 else [gettext("“%(key)s”: a number cannot be negative.") % named]
    if isinstance(raw, str):
        return []
    if isinstance(raw, list) and all(_is_int(x) or isinstance(x, str) for x in raw):
        return []
    return [
        gettext("“%(key)s”: a plain value is a whole number, a text or a list of them.") % named
    ]


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

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.values, dict):
            raise ValidationError(
                {"values": gettext("Values must be an object: {“key”: value, …}.")}
            )
        errors = [m for key, raw in self.values.items() for m in value_errors(key, raw)]
        if errors:
            raise ValidationError({"values": errors})
        if self.code and self.effective_from:
            overlapping = self.overlapping_versions().first()
            if overlapping is not None:
                raise ValidationError(
                    gettext(
                        "These dates overlap the version in force from %(start)s to %(end)s "
                        "(%(basis)s): set the end of effect of that version first."
                    )
                    % {
                        "start": overlapping.effective_from.strftime("%d/%m/%Y"),
                        "end": overlapping.effective_to.strftime("%d/%m/%Y")
                        if overlapping.effective_to
                        else "…",
                        "basis": overlapping.legal_basis,
                    }
                )

    def overlapping_versions(self) -> models.QuerySet[RuleSet]:
        """Other versions of the same rule whose dates of effect meet this one's."""
        others = RuleSet.objects.filter(code=self.code).exclude(pk=self.pk)
        others = others.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
        )
        if self.effective_to is not None:
            others = others.filter(effective_from__lte=self.effective_to)
        return others.order_by("effective_from")


class CalendarException(models.Model):
    """A day the Government moved: a compensatory day off on a weekday, or a Saturday worked
    to make up for it (announced each year by the Ministry of Labour, Invalids and Social
    Affairs, since March 2025 by the Ministry of Home Affairs). Public holidays themselves come
    from the ``holidays`` package; see ``tcxd.rules.workdays``."""

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
