"""Vocabularies of the staffing app. The ordered levels (political theory, state
management, degree) are compared by their position in the lists below."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tcxd.members.choices import ProfessionalLevel, TheoryLevel


class Sector(models.TextChoices):
    PARTY = "party", _("Party agency")
    FRONT = "front", _("Fatherland Front and mass organization")
    STATE = "state", _("State agency")
    PUBLIC_SERVICE = "public_service", _("Public service unit")


class AgencyKind(models.TextChoices):
    """Which group of the roadmap an agency's approved headcount counts in."""

    CADRES = "cadres", _("Cadres and civil servants")
    PUBLIC_EMPLOYEES = "public_employees", _("Public employees")


class PositionGroup(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership and management")
    PROFESSIONAL = "professional", _("Professional")
    SHARED = "shared", _("Shared professional")
    SUPPORT = "support", _("Support and service")


class StateManagementLevel(models.TextChoices):
    """State management training (bồi dưỡng quản lý nhà nước), by rank programme."""

    SPECIALIST = "specialist", _("Specialist programme")
    PRINCIPAL = "principal", _("Principal specialist programme")
    SENIOR = "senior", _("Senior specialist programme")


class ChangeKind(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    NEW_POSTS = "new_posts", _("Newly approved posts")
    RETIREMENT = "retirement", _("Retirement")
    RESIGNATION = "resignation", _("Resignation")
    TRANSFER_OUT = "transfer_out", _("Transfer out")
    STREAMLINING = "streamlining", _("Streamlining under the decree")


ARRIVALS = (ChangeKind.RECRUITMENT, ChangeKind.TRANSFER_IN)
DEPARTURES = (
    ChangeKind.RETIREMENT,
    ChangeKind.RESIGNATION,
    ChangeKind.TRANSFER_OUT,
    ChangeKind.STREAMLINING,
)
# +1 for a change that adds to the headcount, -1 for one that removes from it.
SIGN: dict[str, int] = {
    **dict.fromkeys(ARRIVALS, 1),
    ChangeKind.NEW_POSTS: 1,
    **dict.fromkeys(DEPARTURES, -1),
}


class AppointmentKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment")
    REAPPOINTMENT = "reappointment", _("Reappointment")
    ROTATION = "rotation", _("Rotation")


class CourseKind(models.TextChoices):
    POLITICAL_THEORY = "political_theory", _("Political theory")
    STATE_MANAGEMENT = "state_management", _("State management")
    PROFESSIONAL = "professional", _("Professional")
    LANGUAGE_IT = "language_it", _("Foreign language and IT")
    OTHER = "other", _("Other")


class RecordStatus(models.TextChoices):
    ATTENDING = "attending", _("Attending")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Gap(models.TextChoices):
    """Why a person does not meet the standard of the post held."""

    THEORY = "theory", _("Political theory below the post's requirement")
    STATE_MANAGEMENT = "state_management", _("State management below the post's requirement")
    DEGREE = "degree", _("Degree below the post's requirement")
    AGE = "age", _("Over the age for the appointment")


# Ordered levels, lowest first ("none" ranks below every level).
THEORY_ORDER = list(TheoryLevel.values)
STATE_MANAGEMENT_ORDER = ["", *StateManagementLevel.values]
DEGREE_ORDER = list(ProfessionalLevel.values)

# The levels a course of each kind may give.
COURSE_LEVELS = {
    CourseKind.POLITICAL_THEORY: [c for c in TheoryLevel.choices if c[0] != TheoryLevel.NONE],
    CourseKind.STATE_MANAGEMENT: list(StateManagementLevel.choices),
    CourseKind.PROFESSIONAL: [
        c for c in ProfessionalLevel.choices if c[0] != ProfessionalLevel.NONE
    ],
}


def rank(order: list[str], level: str | None) -> int:
    """Position of ``level`` in ``order``; blank or unknown ranks lowest."""
    return order.index(level) if level and level in order else 0
