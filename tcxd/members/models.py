"""People, their party membership, and the append-only events of that membership."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcxd.audit.models import AppendOnlyQuerySet
from tcxd.core.fields import CodePointCharField

from .choices import EventKind, EventSource, Gender, MemberStatus, ProfessionalLevel, TheoryLevel

citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("A citizen ID has exactly 12 digits."), code="citizen_id"
)


class Person(models.Model):
    """A person: a member, a candidate, a village head, a cadre. Personal data: scoped, audited."""

    full_name = models.CharField(_("full name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=50, blank=True, editable=False)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True, editable=False)
    given_name = models.CharField(_("given name"), max_length=50, editable=False)
    name_fold = models.CharField(max_length=150, editable=False, db_index=True)
    name_sort_key = CodePointCharField(max_length=255, editable=False)
    birth_on = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    religion = models.CharField(_("religion"), max_length=50, blank=True)
    hometown = models.CharField(_("hometown"), max_length=255, blank=True)
    citizen_id = models.CharField(
        _("citizen ID"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[citizen_id_validator],
    )
    education = models.CharField(_("general education"), max_length=20, blank=True)
    professional_level = models.CharField(
        _("professional level"), max_length=20, choices=ProfessionalLevel.choices, blank=True
    )
    theory_level = models.CharField(
        _("political theory level"), max_length=20, choices=TheoryLevel.choices, blank=True
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["name_sort_key", "id"], name="members_person_sort_idx")]

    def __str__(self) -> str:
        return self.full_name


class Member(models.Model):
    """A person's party membership.

    The columns below ``card_number`` are a cache of the state derived from the events
    (``members.state.derive``), written only by ``members.services``.
    """

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="member")
    card_number = models.CharField(
        _("party card number"), max_length=20, null=True, blank=True, unique=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, editable=False
    )
    status_since = models.DateField(_("since"), editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        editable=False,
        verbose_name=_("organization"),
    )
    organization_path = CodePointCharField(max_length=255, blank=True, editable=False)
    host_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_members",
        editable=False,
        verbose_name=_("temporarily attending"),
    )
    host_organization_path = CodePointCharField(max_length=255, blank=True, editable=False)
    is_exempt = models.BooleanField(_("exempted from activities"), default=False, editable=False)
    admitted_on = models.DateField(_("admission decision date"), editable=False)
    official_on = models.DateField(_("official since"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    scope_path_fields = ("organization_path", "host_organization_path")

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        indexes = [
            models.Index(fields=["organization_path", "status"], name="members_member_path_idx"),
            models.Index(fields=["host_organization_path"], name="members_member_hostpath_idx"),
        ]

    def __str__(self) -> str:
        return self.person.full_name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", args=[self.pk])

    @property
    def audit_organization(self):  # type: ignore[no-untyped-def]
        return self.organization or self.host_organization

    @property
    def is_current(self) -> bool:
        return self.status in (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)


class MembershipEvent(models.Model):
    """One change of a membership, with its date and decision. Never changed once written."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    sequence = models.PositiveIntegerField(default=0, editable=False)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    from_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from organization"),
    )
    external_place = models.CharField(_("outside organization"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=EventSource.choices, default=EventSource.FORM
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["member", "occurred_on", "sequence"]
        indexes = [
            models.Index(
                fields=["member", "occurred_on", "sequence"], name="members_event_member_idx"
            ),
            models.Index(fields=["kind", "occurred_on"], name="members_event_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise RuntimeError("Membership events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("Membership events are append-only.")


class MembershipPeriod(models.Model):
    """Derived: a span of days in which a member had one status in one organization.

    Rebuilt from the events by ``members.services``; answers "who were the members of this
    subtree on that day" with one index range. ``end_on`` is exclusive; null = still open.
    ``organization`` is null while the member is registered outside the system (e.g. a
    member on a temporary transfer from another province).
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="periods")
    status = models.CharField(max_length=20, choices=MemberStatus.choices)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, related_name="+"
    )
    organization_path = CodePointCharField(max_length=255, blank=True)
    host_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, related_name="+"
    )
    host_organization_path = CodePointCharField(max_length=255, blank=True)
    is_exempt = models.BooleanField(default=False)
    start_on = models.DateField()
    end_on = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization_path", "start_on"], name="members_period_path_idx"),
            models.Index(fields=["member", "start_on"], name="members_period_member_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gt=F("start_on")),
                name="members_period_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status} {self.start_on}–{self.end_on or ''}"


TALLY_FIELDS = (
    "official",
    "probationary",
    "women",
    "ethnic_minority",
    "religious",
    "upper_secondary",
    "university",
    "theory_elementary",
    "theory_intermediate",
    "theory_advanced",
    "age_30",
    "age_31_40",
    "age_41_50",
    "age_51_60",
    "age_61",
)


class MemberTally(models.Model):
    """Derived (rollup): the members registered in one organization (a cell, usually) at the
    end of one month end, counted by status and composition. Kept exact by
    ``members.rollup`` inside the transaction of every write of periods or person details;
    the indicators sum these rows over a subtree instead of scanning the periods."""

    # Filled on first read (not only by the services): not part of the indicators' data
    # stamp (``indicators.registry.app_stamp``), else a read would empty the cache.
    derived_on_read = True

    organization_path = CodePointCharField(max_length=255)
    month_end = models.DateField()
    official = models.PositiveIntegerField(default=0)
    probationary = models.PositiveIntegerField(default=0)
    women = models.PositiveIntegerField(default=0)
    ethnic_minority = models.PositiveIntegerField(default=0)
    religious = models.PositiveIntegerField(default=0)
    upper_secondary = models.PositiveIntegerField(default=0)
    university = models.PositiveIntegerField(default=0)
    theory_elementary = models.PositiveIntegerField(default=0)
    theory_intermediate = models.PositiveIntegerField(default=0)
    theory_advanced = models.PositiveIntegerField(default=0)
    age_30 = models.PositiveIntegerField(default=0)
    age_31_40 = models.PositiveIntegerField(default=0)
    age_41_50 = models.PositiveIntegerField(default=0)
    age_51_60 = models.PositiveIntegerField(default=0)
    age_61 = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month_end", "organization_path"], name="members_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_path} {self.month_end}"


class MemberTallyMonth(models.Model):
    """A month end whose tallies are complete for every organization (rows absent = 0)."""

    # Filled on first read (not only by the services): not part of the indicators' data
    # stamp (``indicators.registry.app_stamp``), else a read would empty the cache.
    derived_on_read = True

    month_end = models.DateField(unique=True)

    def __str__(self) -> str:
        return str(self.month_end)


class MemberChange(models.Model):
    """Derived: one member's membership change on one day, with the periods on both sides
    (the one ending that day and the one starting that day). Kept by ``members.changes``
    inside the transaction of every write of a member's periods; the indicators read the
    changes of a period as one range scan instead of joining the events to the periods.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    month = models.DateField()  # the first day of the month of ``on`` (counts by month)
    kinds = models.CharField(max_length=200)  # the flow event kinds of that day, comma-separated
    before_path = CodePointCharField(max_length=255, null=True)
    before_status = models.CharField(max_length=20, null=True)
    after_path = CodePointCharField(max_length=255, null=True)
    after_status = models.CharField(max_length=20, null=True)

    class Meta:
        indexes = [
            # Covering: a range of days is read from the index alone, in order.
            models.Index(
                fields=[
                    "on",
                    "month",
                    "kinds",
                    "before_path",
                    "before_status",
                    "after_path",
                    "after_status",
                ],
                name="members_change_on_idx",
            ),
            models.Index(fields=["before_path", "on"], name="members_change_before_idx"),
            models.Index(fields=["after_path", "on"], name="members_change_after_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["member", "on"], name="members_change_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.on} {self.kinds}"
