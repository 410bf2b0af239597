from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")


class LinkKind(models.TextChoices):
    """How one document relates to another (from the newer to the older one)."""

    IMPLEMENTS = "implements", _("implements")
    REPLACES = "replaces", _("replaces")
    GUIDES = "guides", _("guides")


class Recurrence(models.TextChoices):
    NONE = "", _("Once")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    HALF_YEARLY = "half_yearly", _("Every half-year")


# Months between two reports of a recurring task.
RECURRENCE_MONTHS = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.HALF_YEARLY: 6,
}


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATE = "coordinate", _("Co-ordinating")


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Reported done")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", pgettext_lazy("task", "Accepted")


# Statuses in which the assignee still works on the task (may report progress).
WORKING_STATUSES = (AssignmentStatus.OPEN, AssignmentStatus.IN_PROGRESS, AssignmentStatus.RETURNED)
FINISHED_STATUSES = (AssignmentStatus.DONE, AssignmentStatus.ACCEPTED)


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")
    DONE = "done", _("Reported done")
    ACCEPTED = "accepted", pgettext_lazy("task", "Accepted")
    RETURNED = "returned", _("Returned")


class WorkItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
