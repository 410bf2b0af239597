"""Readable names of the audit actions (the codes are ``<app>.<verb>``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "members.view": _("Viewed a member's record"),
    "members.export": _("Exported a member list"),
    "members.import": _("Imported a member"),
    "members.import_file": _("Imported a file"),
    "members.seed_demo": _("Created a demo member"),
    "members.person_update": _("Changed personal details"),
    "members.person_create": _("Added a person"),
    "organizations.create": _("Created an organization"),
    "organizations.dissolve": _("Dissolved an organization"),
    "organizations.term_create": _("Opened a term"),
    "organizations.seat_assign": _("Assigned a committee seat"),
    "organizations.village_create": _("Added a village or residential group"),
}


def action_label(code: str) -> str:
    """The label of an action; membership events use their own kind's label."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    app, _dot, verb = code.partition(".")
    if app == "members":
        from tcxd.members.choices import EventKind

        if verb in EventKind.values:
            return str(EventKind(verb).label)
    return code
