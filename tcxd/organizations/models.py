"""The organization tree, its terms and committee seats, and villages / residential groups."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from tcxd.core.fields import CodePointCharField

from .choices import SEAT_ORDER, SeatPosition, VillageKind


class OrganizationKind(models.Model):
    """A kind of party organization (đảng bộ tỉnh, đảng bộ cơ sở, chi bộ …), kept as data."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    holds_members = models.BooleanField(
        _("members are registered here"),
        default=False,
        help_text=_("Cells: members belong to them directly."),
    )
    has_villages = models.BooleanField(
        _("has villages and residential groups"),
        default=False,
        help_text=_("Commune and ward party committees."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organization kind")
        verbose_name_plural = _("organization kinds")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Organization(MP_Node):
    """A party organization: a node of the tree (materialized path, 4 characters a level).

    Paths never change once given, so a subtree at any past date is still one path range;
    the restructuring of 2025 is recorded as members' transfers between organizations,
    not by moving organizations.
    """

    path = CodePointCharField(max_length=255, unique=True)
    kind = models.ForeignKey(OrganizationKind, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("organization code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_fold = models.CharField(max_length=255, blank=True, editable=False)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    administrative_unit_code = models.CharField(
        _("administrative unit code"), max_length=10, blank=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    node_order_by: list[str] = []
    scope_path_fields = ("path",)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=F("founded_on")),
                name="organizations_organization_dissolved_after_founded",
                violation_error_message=_(
                    "An organization cannot be dissolved before it was founded."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", args=[self.pk])

    @property
    def audit_organization(self) -> Organization:
        return self

    def exists_on(self, on: dt.date) -> bool:
        """Founded (or of unknown founding) and not yet dissolved on that day."""
        if self.founded_on and on < self.founded_on:
            return False
        return not (self.dissolved_on and on >= self.dissolved_on)

    def is_dissolved(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return bool(self.dissolved_on and on >= self.dissolved_on)


class Term(models.Model):
    """A term (nhiệm kỳ) of an organization's committee, e.g. 2025–2030."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("name"), max_length=50)
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["organization", "-start_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "start_on"],
                name="organizations_term_unique_start",
                violation_error_message=_(
                    "This organization already has a term starting that day."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gt=F("start_on")),
                name="organizations_term_end_after_start",
                violation_error_message=_("A term must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.name}"


class CommitteeSeat(models.Model):
    """A seat on a term's committee and the person holding it (for a span of days)."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="seats")
    position = models.CharField(_("position"), max_length=40, choices=SeatPosition.choices)
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="committee_seats"
    )
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        ordering = ["term", "start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="organizations_committeeseat_end_after_start",
                violation_error_message=_("A seat cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()}: {self.person}"

    @property
    def order(self) -> int:
        return SEAT_ORDER.get(self.position, 99)


class Village(models.Model):
    """A village (thôn) or residential group (tổ dân phố) of a commune or ward.

    Its heads are people who may or may not be party members; whether they are is read
    from the member registry, never typed.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="villages",
        verbose_name=_("commune or ward party committee"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VillageKind.choices)
    name = models.CharField(_("name"), max_length=150)
    cell = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cell_villages",
        verbose_name=_("party cell"),
    )
    head = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head"),
    )
    front_head = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of the Front work committee"),
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    scope_path_fields = ("organization__path",)

    class Meta:
        verbose_name = _("village or residential group")
        verbose_name_plural = _("villages and residential groups")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="organizations_village_unique_name",
                violation_error_message=_("This commune already has a village with that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organization(self) -> Organization:
        return self.organization
