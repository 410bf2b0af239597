from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope
from tcxd.organizations.models import Organization

from .choices import AGE_BANDS, EventKind, Gender, MemberStatus, ProfessionalLevel, TheoryLevel
from .selectors import MemberFilter

DATE_HINT = _("dd/mm/yyyy")


class DateInput(forms.DateInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "date",
        }
        super().__init__({**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": _("Enter a date as dd/mm/yyyy, e.g. 15/01/2024.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"])
        super().__init__(**kwargs)


class MemberFilterForm(forms.Form):
    """The filters of the member list: one definition for the page, the export and the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Current members")),
            ("all", _("All, including former")),
            *list(MemberStatus.choices),
        ],
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", _("All")), *list(Gender.choices)]
    )
    age = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[("", _("All"))] + [(code, label) for code, _lo, _hi, label in AGE_BANDS],
    )
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    on = DateField(label=_("Members on date"), required=False, help_text=DATE_HINT)
    cursor = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.organization: Organization | None = None

    def clean_org(self) -> int | None:
        value = self.cleaned_data.get("org")
        if value:
            org = scope(Organization.objects.select_related("kind"), self.user, Action.VIEW)
            self.organization = org.filter(pk=value).first()
            if self.organization is None:
                raise forms.ValidationError(_("Unknown organization."))
        return value

    def clean_on(self) -> dt.date | None:
        value = self.cleaned_data.get("on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def member_filter(self) -> MemberFilter:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status", "")
        if data.get("on") and status not in ("", "probationary", "official"):
            status = ""
        return MemberFilter(
            search=data.get("q", "") or "",
            status=status,
            gender=data.get("gender", "") or "",
            age_band=data.get("age", "") or "",
            organization=self.organization,
            on=data.get("on"),
        )


class CellChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


# Which fields each kind of event asks for.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    EventKind.RECOGNISED_OFFICIAL: ("decision_number", "decision_on"),
    EventKind.TRANSFER: ("organization", "external_place", "decision_number", "decision_on"),
    EventKind.TEMPORARY_TRANSFER: ("organization", "external_place", "decision_number"),
    EventKind.TEMPORARY_RETURN: (),
    EventKind.EXEMPTED: ("decision_number",),
    EventKind.EXEMPTION_ENDED: (),
    EventKind.DIED: (),
    EventKind.EXPELLED: ("decision_number", "decision_on"),
    EventKind.STRUCK_OFF: ("decision_number", "decision_on"),
    EventKind.LEFT: ("decision_number", "decision_on"),
    EventKind.READMITTED: ("organization", "decision_number", "decision_on"),
}
RECORDABLE_KINDS = tuple(EVENT_FIELDS)


class EventForm(forms.Form):
    occurred_on = DateField(label=_("Date"), help_text=DATE_HINT)
    organization = CellChoiceField(
        label=_("To the cell"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    external_place = forms.CharField(
        label=_("Or to a party organization outside the system"),
        required=False,
        max_length=255,
        help_text=_("For example: Đảng bộ tỉnh Quảng Trị"),
    )
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=50)
    decision_on = DateField(label=_("Decision date"), required=False, help_text=DATE_HINT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, kind: str, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        wanted = EVENT_FIELDS[kind]
        for name in ("organization", "external_place", "decision_number", "decision_on"):
            if name not in wanted:
                del self.fields[name]
        if "organization" in self.fields:
            field = self.fields["organization"]
            field.queryset = scope(  # type: ignore[attr-defined]
                Organization.objects.filter(kind__holds_members=True), user, Action.CHANGE
            )
            if kind == EventKind.READMITTED:
                field.required = True
                field.label = _("Into the cell")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "external_place" in self.fields
            and not data.get("organization")
            and not data.get("external_place")
        ):
            self.add_error(
                "organization",
                _("Choose the receiving cell, or name the party organization outside the system."),
            )
        if data.get("organization") and data.get("external_place"):
            self.add_error(
                "external_place", _("Choose either a cell or an outside organization, not both.")
            )
        when = data.get("occurred_on")
        if when and when > timezone.localdate():
            self.add_error("occurred_on", _("The date cannot be in the future."))
        return data


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_on = DateField(label=_("Date of birth"), help_text=DATE_HINT)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    citizen_id = forms.CharField(
        label=_("Citizen ID"),
        max_length=12,
        min_length=12,
        help_text=_("12 digits"),
        error_messages={
            "min_length": _("A citizen ID has exactly 12 digits."),
            "max_length": _("A citizen ID has exactly 12 digits."),
        },
    )
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=50)
    religion = forms.CharField(label=_("Religion"), max_length=50, required=False)
    hometown = forms.CharField(label=_("Hometown"), max_length=255, required=False)
    education = forms.CharField(
        label=_("General education"), max_length=20, required=False, help_text=_("e.g. 12/12")
    )
    professional_level = forms.ChoiceField(
        label=_("Professional level"),
        choices=[("", "—"), *list(ProfessionalLevel.choices)],
        required=False,
    )
    theory_level = forms.ChoiceField(
        label=_("Political theory level"),
        choices=[("", "—"), *list(TheoryLevel.choices)],
        required=False,
    )
    occupation = forms.CharField(label=_("Occupation"), max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_citizen_id(self) -> str:
        value = self.cleaned_data["citizen_id"].strip()
        if not (value.isdigit() and len(value) == 12):
            raise forms.ValidationError(_("A citizen ID has exactly 12 digits."))
        return value

    def clean_birth_on(self) -> dt.date:
        value = self.cleaned_data["birth_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("Use the template: one row per member, the header on row 1."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (change nothing)"), required=False, initial=True
    )
