from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """What a calendar exception does to an ordinary day."""

    DAY_OFF = "day_off", _("Day off (compensatory)")
    WORKING_DAY = "working_day", _("Working day (make-up)")


class Unit(models.TextChoices):
    """The unit of a duration in rule data (re-exported by ``tcxd.rules.values``)."""

    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")
