"""Forms of the review pages: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tcxd.accounts.choices import Action
from tcxd.accounts.models import RoleAssignment
from tcxd.accounts.scope import scope_prefixes
from tcxd.core.errors import DomainError
from tcxd.indicators.periods import Period
from tcxd.members.forms import DateField
from tcxd.organizations.models import Organization

from .choices import NARRATIVE_SECTIONS, ReviewKind


def _textarea(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def openers_for(user: Any) -> Any:
    """Organizations where the user may open a review: where a reviewing role is held
    (everything at the top for an administrator)."""
    if scope_prefixes(user, Action.REVIEW) is None and user.is_superuser:
        return Organization.objects.filter(depth=1)
    from tcxd.accounts.choices import ROLE_ACTIONS

    roles = [r for r, actions in ROLE_ACTIONS.items() if Action.REVIEW in actions]
    ids = RoleAssignment.objects.filter(user=user, role__in=roles).values("organization_id")
    return Organization.objects.filter(pk__in=ids, kind__holds_members=False)


class OpenReviewForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization opening the review"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of review"), choices=ReviewKind.choices)
    period = forms.CharField(
        label=_("Period"),
        max_length=60,
        help_text=_("E.g. “6 tháng đầu năm 2026”, “Năm 2026”, “Giữa nhiệm kỳ 2025–2030”."),
    )
    deadline_on = DateField(label=_("Deadline for submissions"))
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the usual title for the kind and period."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = openers_for(user)  # type: ignore[attr-defined]

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class NarrativeMixin(forms.Form):
    results = forms.CharField(label=_("Results"), required=False, widget=_textarea(6))
    limitations = forms.CharField(
        label=_("Limitations and their causes"), required=False, widget=_textarea(5)
    )
    directions = forms.CharField(
        label=_("Directions and tasks for the next period"), required=False, widget=_textarea(5)
    )
    proposals = forms.CharField(label=_("Proposals"), required=False, widget=_textarea(3))

    def narrative(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _label in NARRATIVE_SECTIONS}


class SubmissionForm(NarrativeMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = codes
        for code in codes:
            self.fields[f"comment:{code}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=500
            )

    def comments(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"comment:{code}", "") for code in self.codes}


class CheckForm(forms.Form):
    comment = forms.CharField(label=_("Comments"), required=False, widget=_textarea(4))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReportForm(NarrativeMixin):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99999)
    symbol = forms.CharField(label=_("Symbol"), max_length=30)
    issued_on = DateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), max_length=60)
    issuer_upper = forms.CharField(label=_("Upper body"), max_length=120)
    issuer = forms.CharField(label=_("Issuing body"), max_length=120)
    summary = forms.CharField(label=_("Summary line"), max_length=255)
    sign_for = forms.CharField(label=_("Signing on behalf of"), max_length=80, required=False)
    signer_title = forms.CharField(label=_("Signer's position"), max_length=80)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120)
    recipients = forms.CharField(
        label=_("Recipients"),
        widget=_textarea(4),
        help_text=_("One per line; the last line is usually “Lưu VP”."),
    )

    def heading(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recipients"] = [
            line.strip(" -,;") for line in data["recipients"].splitlines() if line.strip(" -,;")
        ]
        return data


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label=_("Word template (.docx)"))
    note = forms.CharField(label=_("What changed"), max_length=255, required=False)


class ConferenceForm(forms.Form):
    held_on = DateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), max_length=255)
    chair_name = forms.CharField(label=_("Chaired by"), max_length=150)
    chair_position = forms.CharField(label=_("Chair's position"), max_length=255)
    attendees = forms.CharField(
        label=_("Attendees by position"),
        widget=_textarea(6),
        help_text=_("One per line: position, a colon, then the names."),
    )
    conclusions = forms.CharField(label=_("Conclusions"), widget=_textarea(6))

    def clean_attendees(self) -> list[dict[str, str]]:
        result = []
        for n, line in enumerate(self.cleaned_data["attendees"].splitlines(), start=1):
            if not line.strip():
                continue
            position, sep, names = line.partition(":")
            if not sep or not position.strip() or not names.strip():
                raise forms.ValidationError(
                    _("Line %(n)s: write the position, a colon, then the names (“%(line)s”).")
                    % {"n": n, "line": line.strip()}
                )
            result.append({"position": position.strip(), "name": names.strip()})
        if not result:
            raise forms.ValidationError(_("List at least one attendee."))
        return result


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Task"), required=False, max_length=1000)
    organization = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=Organization.objects.none(), required=False
    )
    due_on = DateField(label=_("Due on"), required=False)

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


TaskFormSet = forms.formset_factory(TaskForm, extra=4, max_num=30)
