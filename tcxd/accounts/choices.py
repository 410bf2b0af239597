from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BOARD_LEADER = "board_leader", _("Board leader")
    BOARD_SPECIALIST = "board_specialist", _("Board specialist")
    ORGANIZATION_OFFICER = "organization_officer", _("Organization officer")
    CELL_SECRETARY = "cell_secretary", _("Cell secretary")
    STANDING_DEPUTY_SECRETARY = "standing_deputy_secretary", _("Standing deputy secretary")


class Action(models.TextChoices):
    VIEW = "view", _("view records")
    CHANGE = "change", _("record changes")
    IMPORT = "import", _("import files")
    EXPORT = "export", _("export lists")
    AUDIT = "audit", _("read the audit log")
    MANAGE_ORGANIZATIONS = "manage_organizations", _("manage organizations")
    REVIEW = "review", _("open reviews and check submissions")
    PUBLISH = "publish", _("write news articles and publish approved ones")
    APPROVE = "approve", _("approve news articles for publication")


# What each role may do within the subtree of the organization where it is held.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.BOARD_LEADER: frozenset(
        {Action.VIEW, Action.EXPORT, Action.AUDIT, Action.REVIEW, Action.PUBLISH, Action.APPROVE}
    ),
    Role.BOARD_SPECIALIST: frozenset(
        {
            Action.VIEW,
            Action.CHANGE,
            Action.IMPORT,
            Action.EXPORT,
            Action.AUDIT,
            Action.MANAGE_ORGANIZATIONS,
            Action.REVIEW,
            Action.PUBLISH,
        }
    ),
    Role.ORGANIZATION_OFFICER: frozenset(
        {
            Action.VIEW,
            Action.CHANGE,
            Action.IMPORT,
            Action.EXPORT,
            Action.AUDIT,
            Action.MANAGE_ORGANIZATIONS,
            Action.REVIEW,
        }
    ),
    Role.CELL_SECRETARY: frozenset({Action.VIEW, Action.CHANGE, Action.EXPORT}),
    Role.STANDING_DEPUTY_SECRETARY: frozenset({Action.VIEW, Action.EXPORT, Action.AUDIT}),
}
