"""Confidence votes (lấy phiếu tín nhiệm) under Quy định 96-QĐ/TW: the vote, the people
voted on, the voters convened and their attendance, the counting board, the one-time codes
of electronic voting, the ballots, the paper ballots as entered by the counting board, and
the frozen tally.

Secrecy (docs/votes.md): a ``Ballot`` has a random key, no time, no voter, no account, no
code and no address; its marks live in the row itself (no second table whose keys would
grow with time). A ``VoteCode`` is kept only as a salted digest with a used flag, no time.
Closing the vote rewrites its ballots in a random order with new keys, so the table's
physical order no longer follows the order of casting.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.core.fields import CodePointCharField

from .choices import BoardRole, Channel, Flag, VoteStatus


def _salt() -> str:
    return secrets.token_hex(16)


class Vote(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organizing body"),
    )
    organization_path = CodePointCharField(max_length=255, editable=False)
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=VoteStatus.choices, default=VoteStatus.PREPARED
    )
    # A paper-only vote may give the number convened instead of a list of voters.
    convened_count = models.PositiveIntegerField(_("voters convened"), default=0)
    present_count = models.PositiveIntegerField(_("voters present"), default=0)
    paper_issued = models.PositiveIntegerField(_("paper ballots issued"), default=0)
    codes_printed = models.PositiveIntegerField(_("voting codes issued"), default=0)
    code_salt = models.CharField(max_length=32, default=_salt, editable=False)
    rule = models.ForeignKey(
        "rules.RuleSet", on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    viewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("may also see the results"),
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("confidence vote")
        verbose_name_plural = _("confidence votes")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("votes:vote", args=[self.pk])

    @property
    def audit_organization(self) -> Any:
        return self.organization


class Candidate(models.Model):
    """A person voted on, with the name and post printed on the ballot."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveSmallIntegerField(_("order"))
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    post = models.CharField(_("post"), max_length=255)
    # The account of the person voted on: they see their own result.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account (sees own result)"),
    )

    class Meta:
        verbose_name = _("person voted on")
        verbose_name_plural = _("people voted on")
        ordering = ["vote", "position"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "position"], name="votes_candidate_order")
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.post}"


class Voter(models.Model):
    """A person convened, and whether recorded present (the attendance record)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="voters")
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    post = models.CharField(_("post"), max_length=255, blank=True)
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("voter convened")
        verbose_name_plural = _("voters convened")
        ordering = ["vote", "id"]

    def __str__(self) -> str:
        return self.full_name


class BoardMember(models.Model):
    """A member of the counting board (ban kiểm phiếu); enters paper ballots."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="board")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(
        _("role"), max_length=10, choices=BoardRole.choices, default=BoardRole.MEMBER
    )

    class Meta:
        verbose_name = _("counting board member")
        verbose_name_plural = _("counting board")
        constraints = [models.UniqueConstraint(fields=["vote", "user"], name="votes_board_unique")]

    def __str__(self) -> str:
        return self.full_name


class VoteCode(models.Model):
    """A one-time code of electronic voting: only its salted digest and whether it was used
    (no time, no voter: codes are handed out at random to those present)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("voting code")
        verbose_name_plural = _("voting codes")

    def __str__(self) -> str:
        return f"{self.vote_id} {'used' if self.used else 'unused'}"


class Ballot(models.Model):
    """One returned ballot, paper or electronic: random key, no time, no voter. ``marks``
    maps a candidate id (as text) to a level code or an invalid mark; ``issued`` is False
    for a paper ballot not issued by the counting board (invalid for everyone)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    issued = models.BooleanField(default=True)
    marks = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.vote_id} {self.channel}"


class PaperEntry(models.Model):
    """One counting-board member's reading of one returned paper ballot (numbered in the
    order counted). Two members enter each sheet; when they agree the ballot is stored,
    when they differ the head of the board enters the final reading (``final``)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="paper_entries")
    sheet_no = models.PositiveIntegerField(_("sheet number"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued = models.BooleanField(_("issued by the counting board"), default=True)
    marks = models.JSONField(default=dict)
    final = models.BooleanField(default=False)
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        ordering = ["vote", "sheet_no", "entered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "sheet_no", "entered_by", "final"], name="votes_entry_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vote_id} #{self.sheet_no}"


class Result(models.Model):
    """The frozen tally of one person voted on (written when the vote is tallied)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="results")
    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="result")
    issued = models.PositiveIntegerField(_("ballots issued"))
    returned = models.PositiveIntegerField(_("ballots returned"))
    valid = models.PositiveIntegerField(_("valid"))
    invalid = models.PositiveIntegerField(_("invalid"))
    # {"high": 30, "trust": 6, "low": 1}: counts by level code, in the rule's order.
    counts = models.JSONField(default=dict)
    flag = models.CharField(_("consequence"), max_length=12, choices=Flag.choices, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["vote", "candidate__position"]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.counts}"
