from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("Probationary member")
    OFFICIAL = "official", _("Official member")
    TRANSFERRED_AWAY = "transferred_away", _("Transferred away")
    DIED = "died", _("Died")
    EXPELLED = "expelled", _("Expelled")
    STRUCK_OFF = "struck_off", _("Struck off")
    LEFT = "left", _("Left the Party")


CURRENT_STATUSES = (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)
# Statuses after which a person may be readmitted.
READMISSIBLE_STATUSES = (MemberStatus.EXPELLED, MemberStatus.STRUCK_OFF, MemberStatus.LEFT)


class EventKind(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    RECOGNISED_OFFICIAL = "recognised_official", _("Recognised as official member")
    TRANSFER = "transfer", _("Permanent transfer")
    TEMPORARY_TRANSFER = "temporary_transfer", _("Temporary transfer")
    TEMPORARY_RETURN = "temporary_return", _("End of temporary transfer")
    EXEMPTED = "exempted", _("Exempted from activities")
    EXEMPTION_ENDED = "exemption_ended", _("Exemption ended")
    DIED = "died", _("Died")
    EXPELLED = "expelled", _("Expelled")
    STRUCK_OFF = "struck_off", _("Struck off")
    LEFT = "left", _("Left the Party")
    READMITTED = "readmitted", _("Readmitted")


class EventSource(models.TextChoices):
    FORM = "form", _("Entered")
    IMPORT = "import", _("Imported")
    API = "api", _("API")
    DEMO = "demo", _("Demo data")


# The status an event ends in, for the events that end a membership.
ENDING_EVENTS = {
    EventKind.DIED: MemberStatus.DIED,
    EventKind.EXPELLED: MemberStatus.EXPELLED,
    EventKind.STRUCK_OFF: MemberStatus.STRUCK_OFF,
    EventKind.LEFT: MemberStatus.LEFT,
}


class TheoryLevel(models.TextChoices):
    """Political theory (lý luận chính trị)."""

    NONE = "none", _("None")
    ELEMENTARY = "elementary", _("Elementary")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    BACHELOR = "bachelor", _("Bachelor")


class ProfessionalLevel(models.TextChoices):
    """Professional qualification (trình độ chuyên môn)."""

    NONE = "none", _("None")
    ELEMENTARY = "elementary", _("Elementary vocational")
    INTERMEDIATE = "intermediate", _("Intermediate vocational")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")


# Age bands of the statistics of party members (≤30, 31–40, 41–50, 51–60, ≥61), as in the
# yearly member statistics tables (Hướng dẫn 11-HD/BTCTW, biểu thống kê cơ bản).
AGE_BANDS: list[tuple[str, int | None, int | None, str]] = [
    ("30", None, 30, "≤ 30"),
    ("31-40", 31, 40, "31–40"),
    ("41-50", 41, 50, "41–50"),
    ("51-60", 51, 60, "51–60"),
    ("61", 61, None, "≥ 61"),
]
