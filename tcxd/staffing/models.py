"""Staffing and training: agencies of the political system, their job positions, approved
headcount decisions, recorded staff changes (the only source of reductions), the
streamlining roadmap with the board's per-agency yearly targets, people in posts, and
training (courses, plans, records). Definitions in docs/staffing.md."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.audit.models import AppendOnlyQuerySet
from tcxd.core.fields import CodePointCharField
from tcxd.members.choices import ProfessionalLevel, TheoryLevel

from .choices import (
    AgencyKind,
    AppointmentKind,
    ChangeKind,
    CourseKind,
    PositionGroup,
    RecordStatus,
    Sector,
    StateManagementLevel,
)


class AgencyPlaced(models.Model):
    """A row placed in the tree by its agency's party organization."""

    agency_path = CodePointCharField(max_length=255, editable=False, db_index=True)

    scope_path_fields = ("agency_path",)

    class Meta:
        abstract = True

    @property
    def audit_organization(self) -> Any:
        return self.agency.organization  # type: ignore[attr-defined]


class Agency(models.Model):
    """An agency or unit of the political system whose staffing the board manages."""

    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=30, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(_("staff kind"), max_length=20, choices=AgencyKind.choices)
    budget_paid = models.BooleanField(_("paid from the State budget"), default=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="staffing_agencies",
        verbose_name=_("party organization"),
        help_text=_("The agency's own party organization, or the committee it is under."),
    )
    organization_path = CodePointCharField(max_length=255, editable=False, db_index=True)
    has_party_organization = models.BooleanField(_("has its own party organization"))
    version = models.PositiveIntegerField(default=0, editable=False)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["organization_path", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("staffing:agency", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    @property
    def in_roadmap(self) -> bool:
        """Cadres and civil servants always; public employees when paid by the budget."""
        return self.kind == AgencyKind.CADRES or self.budget_paid


class Position(AgencyPlaced):
    """A job position (vị trí việc làm) of an agency and what it requires."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("title"), max_length=255)
    group = models.CharField(_("group"), max_length=20, choices=PositionGroup.choices)
    rank = models.CharField(_("rank required"), max_length=100, blank=True)
    degree_required = models.CharField(
        _("degree required"), max_length=20, choices=ProfessionalLevel.choices, blank=True
    )
    theory_required = models.CharField(
        _("political theory required"), max_length=20, choices=TheoryLevel.choices, blank=True
    )
    state_management_required = models.CharField(
        _("state management required"),
        max_length=20,
        choices=StateManagementLevel.choices,
        blank=True,
    )
    slots = models.PositiveIntegerField(_("number of slots"), default=1)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("job position")
        verbose_name_plural = _("job positions")
        ordering = ["agency", "group", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "title"],
                name="staffing_position_unique_title",
                violation_error_message=_("This agency already has a position with this title."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class HeadcountDecision(AgencyPlaced):
    """The approved headcount (biên chế được giao) of an agency for a year, as decided."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="headcounts")
    year = models.PositiveSmallIntegerField(_("year"))
    approved = models.IntegerField(_("approved headcount"))
    contracts = models.IntegerField(_("approved contracts"), default=0)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("headcount decision")
        verbose_name_plural = _("headcount decisions")
        ordering = ["agency", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="staffing_headcount_unique_year",
                violation_error_message=_("This agency already has a headcount for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.approved}"


class StaffChange(AgencyPlaced):
    """One recorded change of an agency's staff: a person arriving or leaving, or newly
    approved posts. Never changed once written; counts come from these rows."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    occurred_on = models.DateField(_("date"))
    person = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_changes",
        verbose_name=_("person"),
    )
    posts = models.PositiveIntegerField(_("number of posts"), default=1)
    in_headcount = models.BooleanField(_("in the approved headcount"), default=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff change")
        verbose_name_plural = _("staff changes")
        ordering = ["agency", "occurred_on", "id"]
        indexes = [models.Index(fields=["agency_path", "occurred_on"], name="staffing_change_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"


class Roadmap(models.Model):
    """The streamlining roadmap of an organization (the city) for 2022–2026: the reduction
    targets of each group, at least the rule's share of the base year's approved headcount."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="staffing_roadmap",
        verbose_name=_("organization"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    base_year = models.PositiveSmallIntegerField(_("base year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    cadres_target = models.PositiveIntegerField(_("reduction target, cadres and civil servants"))
    employees_target = models.PositiveIntegerField(_("reduction target, public employees"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("streamlining roadmap")
        verbose_name_plural = _("streamlining roadmaps")

    def __str__(self) -> str:
        return f"{self.organization} {self.base_year + 1}–{self.end_year}"

    def get_absolute_url(self) -> str:
        return reverse("staffing:roadmap", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    @property
    def years(self) -> list[int]:
        return list(range(self.base_year + 1, self.end_year + 1))


class RoadmapTarget(AgencyPlaced):
    """The reduction the board set for one agency in one year of the roadmap."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="targets")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    reduction = models.PositiveIntegerField(_("reduction"))

    class Meta:
        verbose_name = _("roadmap target")
        verbose_name_plural = _("roadmap targets")
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "agency", "year"], name="staffing_target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.reduction}"


class Appointment(AgencyPlaced):
    """A person holding a position from ``starts_on`` to ``ends_on`` (open: still held)."""

    person = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("person"),
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("position")
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField(_("kind"), max_length=20, choices=AppointmentKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["position", "-starts_on"]
        indexes = [models.Index(fields=["agency_path", "starts_on"], name="staffing_appt_idx")]

    def __str__(self) -> str:
        return f"{self.person} – {self.position}"


class Course(models.Model):
    """A training or refresher course, organized under an organization (usually the city)."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices)
    level = models.CharField(_("level"), max_length=20, blank=True)
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organized by"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staffing:course", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization

    def level_label(self) -> str:
        from .choices import COURSE_LEVELS

        return str(dict(COURSE_LEVELS.get(self.kind, [])).get(self.level, ""))  # type: ignore[call-overload]


class TrainingPlan(AgencyPlaced):
    """Who of an agency should go to which training in a year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="staffing_plan_unique_year",
                violation_error_message=_("This agency already has a training plan for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("staffing:plan", args=[self.pk])


class PlanEntry(AgencyPlaced):
    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="entries")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="plan_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices)
    level = models.CharField(_("level"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("plan entry")
        verbose_name_plural = _("plan entries")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "person", "kind"],
                name="staffing_entry_unique",
                violation_error_message=_("This person is already in the plan for this kind."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()}"


class TrainingRecord(AgencyPlaced):
    """A person's attendance of a course, and its completion with the certificate."""

    person = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("person"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="records", verbose_name=_("course")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    status = models.CharField(_("status"), max_length=20, choices=RecordStatus.choices)
    completed_on = models.DateField(_("certificate date"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=50, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["course", "person__name_sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"],
                name="staffing_record_unique",
                violation_error_message=_("This person is already recorded on this course."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.course}"
