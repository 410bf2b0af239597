"""Forms of the meeting pages: they parse; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tcxd.members.forms import DateField
from tcxd.members.models import Member

from .choices import MeetingKind, Presence, SlotKind, TemplateKind
from .services import Mark, TaskInput


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class TimeField(forms.TimeField):
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    default_error_messages = {"invalid": _("Enter a time as hh:mm, e.g. 19:30.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S", "%Hh%M", "%H.%M"])
        super().__init__(**kwargs)


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:  # type: ignore[override]
        return obj.person.full_name


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    held_on = DateField(label=_("Date"))
    starts_at = TimeField(label=_("Start"))
    ends_at = TimeField(label=_("End"))
    place = forms.CharField(label=_("Place"), max_length=255)
    topic = forms.CharField(
        label=_("Topic"),
        max_length=255,
        required=False,
        help_text=_("For a topical meeting, or a regular one combined with a topical one."),
    )
    chair = MemberChoice(label=_("Chair"), queryset=Member.objects.none(), required=False)
    secretary = MemberChoice(
        label=_("Secretary of the meeting"), queryset=Member.objects.none(), required=False
    )
    upper_attendee = forms.CharField(
        label=_("Upper-level committee member attending"), max_length=255, required=False
    )
    agenda = forms.CharField(label=_("Content (agenda)"), widget=_textarea(3), required=False)
    documents = forms.CharField(
        label=_("Documents shared in advance"), widget=_textarea(2), required=False
    )
    documents_shared_on = DateField(label=_("Documents shared on"), required=False)
    minutes = forms.CharField(label=_("Proceedings"), widget=_textarea(5), required=False)
    speakers_count = forms.IntegerField(
        label=_("Members who spoke"), min_value=0, max_value=500, required=False
    )
    results = forms.CharField(label=_("I. Results"), widget=_textarea(), required=False)
    tasks_text = forms.CharField(
        label=_("II. Tasks for the coming month"), widget=_textarea(), required=False
    )
    assignment = forms.CharField(label=_("III. Assignment"), widget=_textarea(3), required=False)
    self_assessment = forms.CharField(
        label=_("IV. Self-assessment of the meeting"), widget=_textarea(3), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, roll: list[Member] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in roll or []]
        queryset = Member.objects.filter(pk__in=ids).select_related("person")
        for name in ("chair", "secretary"):
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]

    def clean_speakers_count(self) -> int:
        return self.cleaned_data.get("speakers_count") or 0


def marks_from(data: Any, member_ids: list[int]) -> dict[int, Mark]:
    """The roll call from the posted fields ``presence-<id>``, ``reason-<id>``,
    ``dues-<id>`` (every ``presence-`` field, so that a person not on the roll is seen and
    refused by the service)."""
    ids = set(member_ids)
    for key in data:
        if key.startswith("presence-") and key[9:].isdigit():
            ids.add(int(key[9:]))
    marks = {}
    for pk in ids:
        presence = data.get(f"presence-{pk}", "")
        marks[pk] = Mark(
            presence=presence if presence in Presence.values else "",
            reason=data.get(f"reason-{pk}", "")[:255],
            dues_paid=data.get(f"dues-{pk}") == "on",
        )
    return {pk: m for pk, m in marks.items() if m.presence or pk in member_ids}


def tasks_from(data: Any) -> tuple[list[TaskInput], list[str]]:
    """Resolution task lines ``task-N``, ``assignee-N``, ``due-N`` (N from 0)."""
    tasks, errors = [], []
    for n in range(30):
        text = data.get(f"task-{n}", "").strip()
        if not text:
            continue
        due_text = data.get(f"due-{n}", "").strip()
        due = None
        if due_text:
            for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    due = dt.datetime.strptime(due_text, fmt).date()
                    break
                except ValueError:
                    continue
            if due is None:
                errors.append(
                    str(_("Task %(n)s: enter the deadline as dd/mm/yyyy.") % {"n": n + 1})
                )
        tasks.append(TaskInput(text, data.get(f"assignee-{n}", ""), due))
    return tasks, errors


class PostponeForm(forms.Form):
    slot = forms.ChoiceField(label=_("Meeting"), choices=SlotKind.choices)
    period_start = forms.DateField(widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    reason = forms.CharField(label=_("Reason"), max_length=500)
    new_on = DateField(label=_("New date"), required=False)


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=TemplateKind.choices)
    file = forms.FileField(label=_("Word template (.docx)"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
