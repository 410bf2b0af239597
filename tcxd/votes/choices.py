from django.db import models
from django.utils.translation import gettext_lazy as _


class VoteStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    TALLIED = "tallied", _("Tallied")
    REPORTED = "reported", _("Reported")


class Channel(models.TextChoices):
    PAPER = "paper", _("Paper ballot")
    ELECTRONIC = "electronic", _("Electronic ballot")


# What a ballot says about one person. The three levels are rule data (their codes and
# labels: rule ``confidence_vote``, value ``levels``); the other marks make the ballot
# invalid for that person (Quy định 96-QĐ/TW, Điều 6).
NO_LEVEL = "none"  # no box ticked
SEVERAL_LEVELS = "several"  # two or three boxes ticked
CROSSED_OUT = "crossed_out"  # the printed name crossed out
INVALID_MARKS = (NO_LEVEL, SEVERAL_LEVELS, CROSSED_OUT)


class BoardRole(models.TextChoices):
    HEAD = "head", _("Head of the counting board")
    MEMBER = "member", _("Member of the counting board")


class Flag(models.TextChoices):
    """The consequences of the share of "tín nhiệm thấp" (Quy định 96-QĐ/TW, Điều 9)."""

    NONE = "", _("No consequence")
    RELIEF = (
        "relief",
        _(
            "More than 1/2 and less than 2/3 low confidence: not planned for higher posts; "
            "relief from the post, other work or resignation to be considered"
        ),
    )
    DISMISSAL = (
        "dismissal",
        _("2/3 or more low confidence: dismissal without waiting for the end of the term"),
    )
