from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatPosition(models.TextChoices):
    """Committee seats, in the order they are listed."""

    SECRETARY = "secretary", _("Secretary")
    STANDING_DEPUTY_SECRETARY = "standing_deputy_secretary", _("Standing deputy secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    STANDING_COMMITTEE_MEMBER = "standing_committee_member", _("Standing committee member")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")


SEAT_ORDER = {value: index for index, value in enumerate(SeatPosition.values)}


class VillageKind(models.TextChoices):
    VILLAGE = "village", _("Village")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")
