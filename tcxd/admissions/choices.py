"""Choices of the admission path: the kinds of case, the steps in their statutory order."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    READMISSION = "readmission", _("Readmission")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Being considered")
    PROBATION = "probation", _("Probationary member")
    OFFICIAL = "official", _("Recognised as official member")
    STRUCK_OFF = "struck_off", _("Struck off at the end of probation")
    CLOSED = "closed", _("Closed without admission")


class StepKind(models.TextChoices):
    """The steps of Quy định 294-QĐ/TW điểm 3–4 and Hướng dẫn 06-HD/TW mục 3, in order."""

    CERTIFICATE = "certificate", _("Awareness course certificate")
    APPLICATION = "application", _("Application to join the Party")
    PERSONAL_HISTORY = "personal_history", _("Personal history declared")
    VERIFICATION = "verification", _("Personal history verified")
    INTRODUCTION = "introduction", _("Introduction")
    COMMENTS = "comments", _("Comments of mass organisations and the residence cell")
    CELL_RESOLUTION = "cell_resolution", _("Cell resolution proposing admission")
    COMMITTEE_RESOLUTION = "committee_resolution", _("Grassroots committee resolution")
    DECISION_EXTENSION = "decision_extension", _("Deadline for the decision extended")
    DECISION = "decision", _("Admission decision")
    CEREMONY = "ceremony", _("Admission ceremony")
    RECOGNITION_CELL_RESOLUTION = (
        "recognition_cell_resolution",
        _("Cell resolution on recognition as official member"),
    )
    RECOGNITION_COMMITTEE_RESOLUTION = (
        "recognition_committee_resolution",
        _("Grassroots committee resolution on recognition"),
    )
    RECOGNITION_EXTENSION = "recognition_extension", _("Deadline for recognition extended")
    RECOGNITION_DECISION = "recognition_decision", _("Decision on recognition")
    CLOSED = "closed", _("Case closed")


# Steps done before the cell considers the candidate, in any order within their rules.
DOSSIER_STEPS = (
    StepKind.CERTIFICATE,
    StepKind.APPLICATION,
    StepKind.PERSONAL_HISTORY,
    StepKind.VERIFICATION,
    StepKind.INTRODUCTION,
    StepKind.COMMENTS,
)
VOTE_STEPS = (
    StepKind.CELL_RESOLUTION,
    StepKind.COMMITTEE_RESOLUTION,
    StepKind.RECOGNITION_CELL_RESOLUTION,
    StepKind.RECOGNITION_COMMITTEE_RESOLUTION,
)


class Stage(models.TextChoices):
    """Where a case stands, for the pipeline board (one column each)."""

    DOSSIER = "dossier", _("Preparing the dossier")
    CELL = "cell", _("Waiting for the cell resolution")
    COMMITTEE = "committee", _("Waiting for the grassroots committee")
    DECISION = "decision", _("Waiting for the decision")
    CEREMONY = "ceremony", _("Waiting for the ceremony")
    PROBATION = "probation", _("On probation")
    RECOGNITION = "recognition", _("Recognition being considered")
    ESCALATED = "escalated", _("Referred to the upper level")
    DONE = "done", _("Finished")


class IntroducerKind(models.TextChoices):
    MEMBER = "member", _("Official party member")
    YOUTH_UNION = "youth_union", _("Youth Union committee")
    TRADE_UNION = "trade_union", _("Trade union committee")


class Relation(models.TextChoices):
    SELF = "self", _("The applicant")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    FATHER_IN_LAW = "father_in_law", _("Father-in-law")
    MOTHER_IN_LAW = "mother_in_law", _("Mother-in-law")
    GUARDIAN = "guardian", _("Guardian")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")


class VerificationResult(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    EXEMPT = "exempt", _("Not visited: a party member, fully declared")


class RecognitionOutcome(models.TextChoices):
    RECOGNISED = "recognised", _("Recognised as official member")
    STRUCK_OFF = "struck_off", _("Struck off the list of probationary members")
