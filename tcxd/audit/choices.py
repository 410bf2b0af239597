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
    "admissions.case_open": _("Opened an admission case"),
    "admissions.view": _("Viewed an admission case"),
    "reviews.open": _("Opened a review"),
    "reviews.save": _("Saved a submission"),
    "reviews.submitted": _("Sent a submission"),
    "reviews.resubmitted": _("Sent a submission again"),
    "reviews.return": _("Returned a submission with comments"),
    "reviews.accept": _("Accepted a submission"),
    "reviews.template_upload": _("Uploaded a report template"),
    "reviews.report": _("Generated a review report"),
    "reviews.report_download": _("Downloaded a review report"),
    "reviews.conference": _("Recorded a review conference"),
    "meetings.create": _("Recorded a cell meeting"),
    "meetings.change": _("Changed a cell meeting"),
    "meetings.view": _("Viewed a cell meeting"),
    "meetings.score": _("Scored a cell meeting"),
    "meetings.postpone": _("Recorded a postponed cell meeting"),
    "meetings.minutes_download": _("Downloaded the minutes of a cell meeting"),
    "meetings.resolution_download": _("Downloaded the resolution of a cell meeting"),
    "meetings.absentees_view": _("Viewed the members absent without reason"),
    "meetings.template_upload": _("Uploaded a meeting document template"),
    "meetings.sheet_save": _("Saved a meeting scoring sheet"),
    "meetings.sheet_delete": _("Deleted a meeting scoring sheet"),
    "indicators.export": _("Exported a dashboard"),
    "indicators.target_save": _("Saved a target"),
    "indicators.target_delete": _("Deleted a target"),
    "rules.ruleset_create": _("Added a rule version"),
    "rules.ruleset_change": _("Changed a rule version"),
    "rules.ruleset_delete": _("Deleted a rule version"),
    "rules.calendarexception_create": _("Added a day off or make-up working day"),
    "rules.calendarexception_change": _("Changed a day off or make-up working day"),
    "rules.calendarexception_delete": _("Deleted a day off or make-up working day"),
    "directives.document_registered": _("Registered a document"),
    "directives.document_updated": _("Changed a document in the register"),
    "directives.document_linked": _("Linked two documents"),
    "directives.task_assigned": _("Assigned a task"),
    "directives.progress_reported": _("Reported progress on a task"),
    "directives.task_done": _("Reported a task done"),
    "directives.task_accepted": _("Accepted a task reported done"),
    "directives.task_returned": _("Returned a task reported done"),
    "directives.work_item_added": _("Added a work programme item"),
    "directives.work_item_changed": _("Changed a work programme item"),
    "staffing.agency_create": _("Added an agency (staffing)"),
    "staffing.position_save": _("Saved a job position"),
    "staffing.headcount_record": _("Recorded an approved headcount"),
    "staffing.change_record": _("Recorded a staff change"),
    "staffing.roadmap_set": _("Set the streamlining roadmap"),
    "staffing.targets_set": _("Set the roadmap targets of the agencies"),
    "staffing.roadmap_export": _("Exported the streamlining roadmap"),
    "staffing.appointment_record": _("Recorded an appointment"),
    "staffing.course_create": _("Added a training course"),
    "staffing.record_save": _("Recorded a training result"),
    "staffing.plan_entry_add": _("Added a person to a training plan"),
    "staffing.person_view": _("Viewed a person's staffing and training record"),
    "votes.create": _("Prepared a confidence vote"),
    "votes.candidates": _("Listed the people voted on"),
    "votes.voters": _("Listed the voters convened"),
    "votes.board": _("Named the counting board"),
    "votes.open": _("Opened a confidence vote (attendance recorded)"),
    "votes.codes_issued": _("Issued voting codes"),
    "votes.code_used": _("A voting code was used"),
    "votes.paper_entered": _("Entered a paper ballot"),
    "votes.paper_reconciled": _("Reconciled a paper ballot"),
    "votes.close": _("Closed a confidence vote"),
    "votes.tally": _("Tallied a confidence vote"),
    "votes.report": _("Generated the confidence vote report"),
    "votes.results_view": _("Viewed confidence vote results"),
    "votes.viewers": _("Named who may read the confidence vote results"),
    "news.create": _("Wrote a news article (draft)"),
    "news.save": _("Saved a news article"),
    "news.restore": _("Restored a revision of a news article"),
    "news.submit": _("Sent a news article for approval"),
    "news.return": _("Returned a news article with comments"),
    "news.approve": _("Approved a news article"),
    "news.publish": _("Published a news article"),
    "news.schedule": _("Scheduled a news article"),
    "news.unpublish": _("Unpublished a news article"),
    "news.image": _("Uploaded an image for a news article"),
    "news.attachment": _("Attached a file to a news article"),
    "news.category": _("Added a news category"),
    "news.from_conference": _("Made a news draft from a review conference"),
}

# Actions that read or export and change nothing (the rest are writes: ``write_actions``).
READ_ACTIONS = frozenset(
    {
        "members.view",
        "members.export",
        "admissions.view",
        "reviews.report_download",
        "meetings.view",
        "meetings.minutes_download",
        "meetings.resolution_download",
        "meetings.absentees_view",
        "indicators.export",
        "staffing.roadmap_export",
        "staffing.person_view",
        "votes.results_view",
    }
)


def write_actions(apps: tuple[str, ...]) -> list[str]:
    """The actions of ``apps`` (app labels) that record a change, sorted. (Membership events
    and admission steps, named after their kinds, are not listed: their rows have new ids.)"""
    prefixes = tuple(f"{app}." for app in apps)
    return sorted(a for a in ACTION_LABELS if a.startswith(prefixes) and a not in READ_ACTIONS)


def action_label(code: str) -> str:
    """The label of an action; membership events use their own kind's label."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    app, _dot, verb = code.partition(".")
    if app == "members":
        from tcxd.members.choices import EventKind

        if verb in EventKind.values:
            return str(EventKind(verb).label)
    if app == "admissions":
        from tcxd.admissions.choices import StepKind

        if verb in StepKind.values:
            return _("Admission case: %(step)s") % {"step": StepKind(verb).label}
    return code
