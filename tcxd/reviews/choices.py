from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year review")
    YEAR = "year", _("Year-end review")
    MIDTERM = "midterm", _("Mid-term review")


# The period kind (tcxd.indicators.periods.PeriodKind value) each review kind is held for.
PERIOD_KIND_OF_REVIEW = {
    ReviewKind.HALF_YEAR: "half",
    ReviewKind.YEAR: "year",
    ReviewKind.MIDTERM: "midterm",
}


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")


# Statuses in which the organization below may still edit and send its submission.
EDITABLE_STATUSES = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
# Statuses waiting for the opener to check.
WAITING_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.RESUBMITTED)


class StepKind(models.TextChoices):
    SAVED = "saved", _("Saved the draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")


# The narrative sections of a submission, in the order of a review report.
NARRATIVE_SECTIONS = (
    ("results", _("Results")),
    ("limitations", _("Limitations and their causes")),
    ("directions", _("Directions and tasks for the next period")),
    ("proposals", _("Proposals")),
)
