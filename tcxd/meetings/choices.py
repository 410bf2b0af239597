from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular monthly meeting")
    TOPICAL = "topical", _("Topical meeting")
    COMBINED = "combined", _("Regular meeting combined with a topical one")
    EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")


# Kinds that count as the month's regular meeting / the quarter's topical meeting.
REGULAR_KINDS = (MeetingKind.REGULAR, MeetingKind.COMBINED)
TOPICAL_KINDS = (MeetingKind.TOPICAL, MeetingKind.COMBINED)


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent with reason")
    UNEXCUSED = "unexcused", _("Absent without reason")


# The tap cycle of the attendance buttons.
PRESENCE_CYCLE = (Presence.PRESENT, Presence.EXCUSED, Presence.UNEXCUSED)


class RosterGroup(models.TextChoices):
    """Where a member stands on the roll of a meeting (at the meeting's date)."""

    REGISTERED = "registered", _("Member of the cell")
    HOSTED = "hosted", _("On temporary transfer to this cell")
    AWAY = "away", _("On temporary transfer elsewhere")
    EXEMPT = "exempt", _("Exempt from activities")


# Groups whose members are expected at the meeting (the base of the attendance rate).
EXPECTED_GROUPS = (RosterGroup.REGISTERED, RosterGroup.HOSTED)


class SlotKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    TOPICAL = "topical", _("Topical meeting")


class SlotState(models.TextChoices):
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    OVERDUE = "overdue", _("Overdue")
    DUE = "due", _("Due")
    UPCOMING = "upcoming", _("Upcoming")
    NOT_EXPECTED = "not_expected", _("Not expected")


class TemplateKind(models.TextChoices):
    MINUTES = "minutes", _("Minutes")
    RESOLUTION = "resolution", _("Monthly resolution")


# Automatic criteria a scoring-sheet item may name in ``auto`` (computed from the record).
class AutoCriterion(models.TextChoices):
    ATTENDANCE = "attendance", _("attendance above the threshold")
    NO_UNEXCUSED = "no_unexcused", _("nobody absent without reason")
    DURATION = "duration", _("long enough")
    DOCUMENTS = "documents", _("documents shared in time")
    MINUTES = "minutes", _("minutes complete")


# Level codes a scoring sheet's levels use (their names and bands are rule data).
class LevelCode(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    POOR = "poor", _("Poor")
