"""Cell meetings (sinh hoạt chi bộ): the meeting with its roll call, resolution tasks and
quality score; postponements of expected meetings; the scoring sheets (rule data, versioned
by date of effect); the Word templates of the minutes and the monthly resolution.

See docs/meetings.md for the decisions behind each field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tcxd.core.fields import CodePointCharField

from .choices import (
    AutoCriterion,
    LevelCode,
    MeetingKind,
    Presence,
    RosterGroup,
    SlotKind,
    TemplateKind,
)


class ScoringSheet(models.Model):
    """A version of the quality scoring sheet: items with their maximum points and the
    levels with their lowest score. A meeting is scored with the sheet in force on its date
    for its organization (a sheet of an organization's subtree wins over a general one).

    ``items``: ``[{"code": "1", "text": "…", "max": 15, "auto": "attendance"}, …]``
    (``auto`` optional: one of ``AutoCriterion``); ``levels``: ``[{"code": "good",
    "name": "Tốt", "min": 90}, …]`` (codes from ``LevelCode``, a level with ``min`` 0).
    """

    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applies to the subtree of"),
        help_text=_("Empty: every organization without a sheet of its own."),
    )
    organization_path = CodePointCharField(max_length=255, blank=True, editable=False)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    items = models.JSONField(_("items"), default=list)
    levels = models.JSONField(_("levels"), default=list)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["organization_path", "-effective_from"]

    def __str__(self) -> str:
        return self.name

    @property
    def max_total(self) -> int:
        return sum(int(item["max"]) for item in self.items)

    def level_of(self, total: int) -> dict[str, Any]:
        """The level whose band holds ``total`` (the highest ``min`` not above it)."""
        for level in sorted(self.levels, key=lambda lv: -int(lv["min"])):
            if total >= int(level["min"]):
                return dict(level)
        raise ValueError("a sheet has a level with min 0")

    def clean(self) -> None:
        super().clean()
        errors: list[str] = []
        if not isinstance(self.items, list) or not self.items:
            errors.append(gettext("A scoring sheet needs at least one item."))
        else:
            codes = set()
            for n, item in enumerate(self.items, start=1):
                ok = (
                    isinstance(item, dict)
                    and isinstance(item.get("code"), str)
                    and isinstance(item.get("text"), str)
                    and isinstance(item.get("max"), int)
                    and not isinstance(item.get("max"), bool)
                    and item["max"] > 0
                    and item.get("auto", "") in ["", *AutoCriterion.values]
                )
                if not ok:
                    errors.append(
                        gettext(
                            "Item %(n)s: an item is {code, text, max (a whole number above 0), "
                            "auto (optional: %(auto)s)}."
                        )
                        % {"n": n, "auto": ", ".join(AutoCriterion.values)}
                    )
                elif item["code"] in codes:
                    errors.append(gettext("Item code “%(code)s” is used twice.") % item)
                else:
                    codes.add(item["code"])
        levels = self.levels if isinstance(self.levels, list) else []
        level_ok = bool(levels) and all(
            isinstance(lv, dict)
            and lv.get("code") in LevelCode.values
            and isinstance(lv.get("name"), str)
            and isinstance(lv.get("min"), int)
            and lv["min"] >= 0
            for lv in levels
        )
        if not level_ok or not any(lv["min"] == 0 for lv in levels):
            errors.append(
                gettext(
                    "Levels are {code (%(codes)s), name, min (the lowest score)}, one of them "
                    "with min 0."
                )
                % {"codes": ", ".join(LevelCode.values)}
            )
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors.append(gettext("The end of effect cannot be before its start."))
        if errors:
            raise ValidationError(errors)


class MeetingTemplate(models.Model):
    """A version of the Word template (docxtpl) of the minutes or the monthly resolution,
    uploaded by the board's staff; the newest version of each kind is used."""

    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    version = models.PositiveIntegerField(_("version"))
    content = models.BinaryField(_("file"))
    filename = models.CharField(_("file name"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting document template")
        verbose_name_plural = _("meeting document templates")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"], name="meetings_template_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.version})"


class Meeting(models.Model):
    """One meeting of a cell (or a committee): when, where, who led it, what it discussed,
    its minutes and resolution, the roll call (``Attendance``) and the quality score.

    ``expected_count``, ``present_count``, ``excused_count`` and ``unexcused_count`` are a
    cache of the roll call, written by ``meetings.services`` with it (the indicators read
    them)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("organization"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("start"))
    ends_at = models.TimeField(_("end"))
    place = models.CharField(_("place"), max_length=255)
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    chair = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    secretary = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretary of the meeting"),
    )
    upper_attendee = models.CharField(
        _("upper-level committee member attending"), max_length=255, blank=True
    )
    agenda = models.TextField(_("content (agenda)"), blank=True)
    documents = models.TextField(_("documents shared in advance"), blank=True)
    documents_shared_on = models.DateField(_("documents shared on"), null=True, blank=True)
    minutes = models.TextField(_("minutes (proceedings)"), blank=True)
    speakers_count = models.PositiveIntegerField(_("members who spoke"), default=0)
    results = models.TextField(_("I. Results"), blank=True)
    tasks_text = models.TextField(_("II. Tasks for the coming month"), blank=True)
    assignment = models.TextField(_("III. Assignment"), blank=True)
    self_assessment = models.TextField(_("IV. Self-assessment of the meeting"), blank=True)

    expected_count = models.PositiveIntegerField(default=0, editable=False)
    present_count = models.PositiveIntegerField(default=0, editable=False)
    excused_count = models.PositiveIntegerField(default=0, editable=False)
    unexcused_count = models.PositiveIntegerField(default=0, editable=False)

    scoring_sheet = models.ForeignKey(
        ScoringSheet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    score_points = models.JSONField(default=dict, blank=True, editable=False)
    score_total = models.PositiveIntegerField(null=True, blank=True, editable=False)
    score_level = models.CharField(max_length=20, blank=True, editable=False)
    score_level_name = models.CharField(max_length=100, blank=True, editable=False)
    scored_at = models.DateTimeField(null=True, blank=True, editable=False)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
    )

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-starts_at", "-id"]
        indexes = [
            models.Index(fields=["organization_path", "held_on"], name="meetings_path_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meetings_meeting_ends_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y} · {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    @property
    def duration_minutes(self) -> int:
        start = dt.datetime.combine(self.held_on, self.starts_at)
        end = dt.datetime.combine(self.held_on, self.ends_at)
        return int((end - start).total_seconds() // 60)

    @property
    def is_regular(self) -> bool:
        return self.kind in (MeetingKind.REGULAR, MeetingKind.COMBINED)


class Attendance(models.Model):
    """One line of a meeting's roll: a member on the cell's roll at the meeting's date.

    Members on temporary transfer elsewhere and exempt members are listed apart
    (``group``) and are not in the base of the attendance rate; ``presence`` is blank for a
    member away, and for an exempt member who did not come."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=20, choices=RosterGroup.choices)
    presence = models.CharField(max_length=20, choices=Presence.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    dues_paid = models.BooleanField(_("party dues paid"), default=False)
    # Copied from the meeting for the yearly count of absences without reason.
    held_on = models.DateField()
    organization_path = CodePointCharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="meetings_attendance_unique_member"
            )
        ]
        indexes = [
            models.Index(
                fields=["organization_path", "presence", "held_on"],
                name="meetings_att_path_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} · {self.presence or self.group}"


class ResolutionTask(models.Model):
    """A task set by a meeting's resolution: what, who, by when. Read by the directives
    task tracker through ``meetings.services.resolution_tasks``."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("task"), max_length=500)
    assignee = models.CharField(_("assigned to"), max_length=255, blank=True)
    due_on = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.description


class Postponement(models.Model):
    """An expected meeting that a cell postponed, with its reason (and the new date when it
    is known): the month (regular) or quarter (topical) is then not overdue."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    slot = models.CharField(_("meeting"), max_length=20, choices=SlotKind.choices)
    # The first day of the month (regular) or of the quarter (topical).
    period_start = models.DateField(_("period"))
    reason = models.CharField(_("reason"), max_length=500)
    new_on = models.DateField(_("new date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    scope_path_fields = ("organization_path",)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "slot", "period_start"],
                name="meetings_postponement_unique",
                violation_error_message=_("This meeting was already postponed."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_slot_display()} {self.period_start:%m/%Y} · {self.reason}"

    @property
    def audit_organization(self) -> Any:
        return self.organization


__all__ = [
    "Attendance",
    "Meeting",
    "MeetingTemplate",
    "Postponement",
    "Presence",
    "ResolutionTask",
    "RosterGroup",
    "ScoringSheet",
]
