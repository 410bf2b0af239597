"""Forms of the admission pages: opening a case, and one form for every step (its fields
depend on the step)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.members.choices import MemberStatus
from tcxd.members.forms import DATE_HINT, DateField, PersonForm
from tcxd.members.models import Member
from tcxd.organizations.models import Organization

from .choices import (
    VOTE_STEPS,
    IntroducerKind,
    RecognitionOutcome,
    Relation,
    StepKind,
    VerificationResult,
)

VERIFICATION_ROWS = 5


class CaseOpenForm(PersonForm):
    """A new candidate (a person not yet known) and the cell that considers him or her."""

    opened_on = DateField(label=_("Case opened on"), help_text=DATE_HINT)
    youth_union_member = forms.BooleanField(label=_("Youth Union member"), required=False)

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]
        self.fields["organization"] = forms.ModelChoiceField(
            label=_("Cell that considers the candidate"), queryset=cells
        )
        self.order_fields(["organization", "opened_on"])

    def clean_opened_on(self) -> Any:
        value = self.cleaned_data["opened_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ReadmissionOpenForm(forms.Form):
    """A former member (expelled, struck off or left) and the cell that considers him or her."""

    organization = forms.ModelChoiceField(
        label=_("Cell that considers the candidate"), queryset=Organization.objects.none()
    )
    opened_on = DateField(label=_("Case opened on"), help_text=DATE_HINT)

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = cells  # type: ignore[attr-defined]

    def clean_opened_on(self) -> Any:
        value = self.cleaned_data["opened_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class StepForm(forms.Form):
    occurred_on = DateField(label=_("Date"), help_text=DATE_HINT)
    document_number = forms.CharField(label=_("Document number"), max_length=50, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, kind: str, case: Any, escalated: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        f = self.fields
        if kind in (StepKind.DECISION, StepKind.RECOGNITION_DECISION):
            f["document_number"].required = True
            f["document_number"].label = _("Decision number")
        if kind == StepKind.DECISION:
            f["received_on"] = DateField(
                label=_("Decision received by the cell on"),
                required=False,
                help_text=_(
                    "The ceremony deadline counts from this day; empty = the decision date."
                ),
            )
            if case.kind == "readmission":
                f["consent_number"] = forms.CharField(
                    label=_("Consent of the city standing committee (document number)"),
                    max_length=50,
                )
        if kind in VOTE_STEPS:
            f["votes_for"] = forms.IntegerField(label=_("Votes in favour"), min_value=0)
        if kind in (StepKind.CELL_RESOLUTION, StepKind.RECOGNITION_CELL_RESOLUTION):
            f["exempt_present"] = forms.IntegerField(
                label=_("Exempt members who attended and voted"),
                min_value=0,
                initial=0,
                help_text=_(
                    "The members counted are the cell's official members on that day, less "
                    "those on temporary transfer elsewhere and the exempt members who are absent."
                ),
            )
        if kind in (StepKind.COMMITTEE_RESOLUTION, StepKind.RECOGNITION_COMMITTEE_RESOLUTION):
            f["vote_base"] = forms.IntegerField(label=_("Members of the committee"), min_value=1)
        if kind == StepKind.CELL_RESOLUTION:
            f["over_age_consent"] = forms.CharField(
                label=_("Consent for a candidate over 60 (document number)"),
                max_length=50,
                required=False,
            )
        if kind == StepKind.CELL_RESOLUTION and case.kind == "readmission":
            f["exclusions_checked"] = forms.BooleanField(
                label=_("None of the cases excluded from readmission applies"),
                help_text=_(
                    "Not readmitted (294-QĐ/TW điểm 3.5.2): those who left by quitting party "
                    "activities or applied to leave (except very difficult family "
                    "circumstances), who caused serious internal disunity, who were convicted "
                    "of corruption, or of a serious crime or worse."
                ),
            )
        if kind == StepKind.RECOGNITION_CELL_RESOLUTION:
            f["proposal"] = forms.ChoiceField(
                label=_("The cell proposes"), choices=RecognitionOutcome.choices
            )
        if kind == StepKind.RECOGNITION_DECISION and escalated:
            f["outcome"] = forms.ChoiceField(
                label=_("Decision of the upper level"), choices=RecognitionOutcome.choices
            )
        if kind in (StepKind.DECISION_EXTENSION, StepKind.RECOGNITION_EXTENSION):
            f["working_days"] = forms.IntegerField(label=_("Working days added"), min_value=1)
        if kind == StepKind.CEREMONY:
            f["late_consent"] = forms.CharField(
                label=_("Consent of the upper-level committee for a late ceremony"),
                max_length=50,
                required=False,
            )
        if kind == StepKind.CLOSED:
            f["reason"] = forms.CharField(
                label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
            )
        if kind == StepKind.INTRODUCTION:
            members = (
                Member.objects.filter(organization=case.organization, status=MemberStatus.OFFICIAL)
                .select_related("person")
                .order_by("person__name_sort_key")
            )
            f["intro1"] = forms.ModelChoiceField(
                label=_("First introducer (official member)"), queryset=members
            )
            f["intro1_since"] = DateField(
                label=_("Worked, studied or lived with the candidate since"), help_text=DATE_HINT
            )
            f["intro2_kind"] = forms.ChoiceField(
                label=_("Second introducer"), choices=IntroducerKind.choices
            )
            f["intro2"] = forms.ModelChoiceField(
                label=_("Official member"), queryset=members, required=False
            )
            f["intro2_since"] = DateField(
                label=_("Worked, studied or lived with the candidate since"),
                help_text=DATE_HINT,
                required=False,
            )
            f["intro2_name"] = forms.CharField(
                label=_("Name of the Youth Union or trade union committee"),
                max_length=255,
                required=False,
            )
        if kind == StepKind.VERIFICATION:
            for i in range(VERIFICATION_ROWS):
                # The first row is the applicant; the others start empty ("—").
                f[f"v{i}_relation"] = forms.ChoiceField(
                    label=_("Relation"),
                    choices=Relation.choices if i == 0 else [("", "—"), *Relation.choices],
                    required=False,
                    initial=Relation.SELF if i == 0 else "",
                    widget=forms.Select(attrs={"aria-label": _("Relation")}),
                )
                f[f"v{i}_name"] = forms.CharField(
                    label=_("Name"),
                    max_length=150,
                    required=False,
                    initial=case.person.full_name if i == 0 else "",
                    widget=forms.TextInput(attrs={"aria-label": _("Name")}),
                )
                f[f"v{i}_result"] = forms.ChoiceField(
                    label=_("Result"),
                    choices=VerificationResult.choices,
                    required=False,
                    widget=forms.Select(attrs={"aria-label": _("Result")}),
                )
        f["note"] = forms.CharField(
            label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
        )
        f["file"] = forms.FileField(label=_("Attached file"), required=False)

    def verification_rows(self) -> list[tuple[Any, Any, Any]]:
        return (
            [
                (self[f"v{i}_relation"], self[f"v{i}_name"], self[f"v{i}_result"])
                for i in range(VERIFICATION_ROWS)
            ]
            if self.kind == StepKind.VERIFICATION
            else []
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        details: dict[str, Any] = {}
        for key in (
            "exclusions_checked",
            "consent_number",
            "over_age_consent",
            "proposal",
            "outcome",
            "working_days",
            "late_consent",
            "reason",
        ):
            if data.get(key) not in (None, ""):
                details[key] = data[key]
        kwargs: dict[str, Any] = {
            "occurred_on": data["occurred_on"],
            "document_number": data.get("document_number", ""),
            "received_on": data.get("received_on"),
            "votes_for": data.get("votes_for"),
            "vote_base_value": data.get("vote_base"),
            "exempt_present": data.get("exempt_present") or 0,
            "details": details,
            "note": data.get("note", ""),
            "files": [data["file"]] if data.get("file") else [],
        }
        if self.kind == StepKind.INTRODUCTION:
            second: dict[str, Any] = {"kind": data["intro2_kind"]}
            if data["intro2_kind"] == IntroducerKind.MEMBER:
                second.update(member=data.get("intro2"), known_since=data.get("intro2_since"))
            else:
                second["name"] = data.get("intro2_name", "")
            kwargs["introducers"] = [
                {
                    "kind": IntroducerKind.MEMBER,
                    "member": data["intro1"],
                    "known_since": data["intro1_since"],
                },
                second,
            ]
        if self.kind == StepKind.VERIFICATION:
            kwargs["verifications"] = [
                {
                    "relation": data.get(f"v{i}_relation"),
                    "name": data.get(f"v{i}_name", ""),
                    "result": data.get(f"v{i}_result"),
                }
                for i in range(VERIFICATION_ROWS)
            ]
        return kwargs
