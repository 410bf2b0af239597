from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tcxd.core.errors import DomainError

from . import registry
from .periods import Period


class TargetForm(forms.Form):
    indicator = forms.ChoiceField(label=pgettext_lazy("dashboard", "Indicator"))
    period = forms.CharField(
        label=_("Period"),
        max_length=40,
        help_text=_("E.g. “Năm 2026”, “6 tháng đầu năm 2026”, “Nhiệm kỳ 2025–2030”."),
    )
    value = forms.DecimalField(label=_("Target"), min_value=0, max_digits=14, decimal_places=2)
    source_document = forms.CharField(
        label=_("Source document"),
        max_length=500,
        help_text=_("E.g. Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVII, nhiệm kỳ 2025–2030."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (i.code, f"{i.group} · {i.label}") for i in registry.all_indicators()
        ]

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
