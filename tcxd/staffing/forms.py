"""Forms of the staffing pages: they parse; the services decide (a negative headcount, a
completion before the course's start… are refused by the services, with the reason)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tcxd.members.choices import Gender, ProfessionalLevel, TheoryLevel
from tcxd.members.forms import DateField
from tcxd.members.models import Person

from .choices import (
    COURSE_LEVELS,
    AppointmentKind,
    ChangeKind,
    CourseKind,
    PositionGroup,
    RecordStatus,
    StateManagementLevel,
)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        born = f" ({obj.birth_on:%d/%m/%Y})" if obj.birth_on else ""
        return f"{obj.full_name}{born}"


def people(ids: Any) -> Any:
    return Person.objects.filter(pk__in=list(ids)).order_by("name_sort_key", "id")


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of change"), choices=ChangeKind.choices)
    occurred_on = DateField(label=_("Date"))
    person = PersonChoiceField(
        label=_("Person (for a departure)"), queryset=Person.objects.none(), required=False
    )
    full_name = forms.CharField(
        label=_("Full name (for an arrival)"), max_length=150, required=False
    )
    birth_on = DateField(label=_("Date of birth"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    in_headcount = forms.TypedChoiceField(
        label=_("Counted in"),
        choices=[("1", _("the approved headcount")), ("0", _("contracts"))],
        coerce=lambda v: v == "1",
        initial="1",
    )
    posts = forms.IntegerField(label=_("Number of posts (newly approved posts)"), initial=1)
    decision_number = forms.CharField(label=_("Decision number"), max_length=50, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, staff: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people(staff)  # type: ignore[attr-defined]


class HeadcountForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    approved = forms.IntegerField(label=_("Approved headcount"))
    contracts = forms.IntegerField(label=_("Approved contracts"), initial=0)
    decision_number = forms.CharField(label=_("Decision number"), max_length=50, required=False)
    decided_on = DateField(label=_("Decision date"), required=False)


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    group = forms.ChoiceField(label=_("Group"), choices=PositionGroup.choices)
    rank = forms.CharField(label=_("Rank required"), max_length=100, required=False)
    degree_required = forms.ChoiceField(
        label=_("Degree required"), choices=[("", "—"), *ProfessionalLevel.choices], required=False
    )
    theory_required = forms.ChoiceField(
        label=_("Political theory required"),
        choices=[("", "—"), *TheoryLevel.choices],
        required=False,
    )
    state_management_required = forms.ChoiceField(
        label=_("State management required"),
        choices=[("", "—"), *StateManagementLevel.choices],
        required=False,
    )
    slots = forms.IntegerField(label=_("Number of slots"), min_value=0, initial=1)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AppointmentForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=AppointmentKind.choices)
    starts_on = DateField(label=_("From"))
    ends_on = DateField(label=_("Until"), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=50, required=False)

    def __init__(self, *args: Any, staff: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people(staff)  # type: ignore[attr-defined]


LEVEL_CHOICES = [("", "—")] + [
    (value, f"{CourseKind(kind).label}: {label}")
    for kind, levels in COURSE_LEVELS.items()
    for value, label in levels
]


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_CHOICES, required=False)
    provider = forms.CharField(label=_("Provider"), max_length=255, required=False)
    starts_on = DateField(label=_("Start"))
    ends_on = DateField(label=_("End"))


class RecordForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=RecordStatus.choices)
    completed_on = DateField(label=_("Certificate date"), required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=50, required=False
    )

    def __init__(self, *args: Any, staff: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people(staff)  # type: ignore[attr-defined]


class GapFilterForm(forms.Form):
    on = DateField(label=_("On"), required=False)
