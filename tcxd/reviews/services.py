"""Writes of the review workflow. Every function: keyword-only, ``actor=``, one
transaction, validation, and its audit entry in the same transaction.

Who may do what (tcxd/accounts/choices.py):
- open a review, return or accept a submission, generate the report, record the
  conference: ``Action.REVIEW`` at the organization that opened the review;
- fill and send a submission: ``Action.CHANGE`` at the organization that sends it;
- upload a report template: ``Action.REVIEW`` over the whole tree (the board's staff).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, scope_prefixes
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.core.text import normalize_text
from tcxd.indicators.periods import Period
from tcxd.organizations.models import Organization

from . import report as report_builder
from . import selectors
from .choices import (
    EDITABLE_STATUSES,
    NARRATIVE_SECTIONS,
    PERIOD_KIND_OF_REVIEW,
    WAITING_STATUSES,
    ReviewKind,
    StepKind,
    SubmissionStatus,
)
from .figures import figures_of
from .models import (
    Conference,
    ConferenceTask,
    Report,
    ReportTemplate,
    Review,
    Submission,
    SubmissionStep,
)

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
NARRATIVE_FIELDS = tuple(name for name, _label in NARRATIVE_SECTIONS)
# Sections a submission cannot be sent without.
REQUIRED_SECTIONS = ("results", "limitations", "directions")


def paragraphs(value: str) -> str:
    """Multi-line text: each paragraph normalised (NFC, single spaces), blank lines dropped."""
    lines = (normalize_text(line) for line in value.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def default_title(kind: str, period: Period) -> str:
    titles = {
        ReviewKind.HALF_YEAR: _("Review of organization-building work, %(period)s"),
        ReviewKind.YEAR: _("Year-end review of organization-building work, %(period)s"),
        ReviewKind.MIDTERM: _("Mid-term review of organization-building work, %(period)s"),
    }
    label = period.label
    label = label[:1].lower() + label[1:]
    return titles[ReviewKind(kind)] % {"period": label}


def _require(actor: Any, action: str, path: str, message: str) -> None:
    if not can(actor, action, path):
        raise DomainError("out_of_scope", message)


def _bump(submission: Submission, expected_version: int | None) -> None:
    """Optimistic lock: refuse if someone saved the submission since it was opened."""
    bump_version(
        submission,
        expected_version,
        _(
            "Someone else saved this submission after you opened it. Nothing was "
            "changed: reload the page to see their changes, then try again."
        ),
    )


# --- reviews ---------------------------------------------------------------------------


@transaction.atomic
def review_open(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    period: Period,
    deadline_on: dt.date,
    title: str = "",
    at: dt.datetime | None = None,
) -> Review:
    """Open a review; every organization directly below that exists at the end of the
    period gets a draft submission."""
    _require(
        actor,
        Action.REVIEW,
        organization.path,
        _("You may not open reviews for %(org)s.") % {"org": organization.name},
    )
    if kind not in ReviewKind.values:
        raise DomainError("review_kind", _("Choose the kind of review."))
    if PERIOD_KIND_OF_REVIEW[ReviewKind(kind)] != period.kind:
        raise DomainError(
            "review_period_kind",
            _("A %(kind)s is held for a %(expected)s, not for “%(period)s”.")
            % {
                "kind": str(ReviewKind(kind).label).lower(),
                "expected": _expected_period(kind),
                "period": period.label,
            },
            fields={"period": [_("This period does not fit the kind of review.")]},
        )
    if deadline_on < period.start:
        message = _("The deadline %(deadline)s is before the period starts (%(start)s).") % {
            "deadline": deadline_on.strftime("%d/%m/%Y"),
            "start": period.start.strftime("%d/%m/%Y"),
        }
        raise DomainError("review_deadline", message, fields={"deadline_on": [message]})
    below = Organization.objects.get_children(organization)
    children = [c for c in below if c.exists_on(period.end)]
    if not children:
        raise DomainError(
            "review_no_children",
            _("%(org)s has no organization directly below it to send a submission.")
            % {"org": organization.name},
        )
    review = Review(
        organization=organization,
        organization_path=organization.path,
        kind=kind,
        period_key=period.key,
        title=normalize_text(title) or default_title(kind, period),
        deadline_on=deadline_on,
        opened_by=actor,
        opened_at=at or timezone.now(),
    )
    clean_or_raise(review, exclude=["opened_by"])
    review.save()
    Submission.objects.bulk_create(
        Submission(review=review, organization=child, organization_path=child.path)
        for child in children
    )
    record(
        actor=actor,
        action="reviews.open",
        target=review,
        changes={
            "kind": kind,
            "period": period.key,
            "deadline_on": deadline_on,
            "submissions": len(children),
        },
    )
    return review


def _expected_period(kind: str) -> str:
    return {
        ReviewKind.HALF_YEAR: _("half-year (e.g. “6 tháng đầu năm 2026”)"),
        ReviewKind.YEAR: _("year (e.g. “Năm 2026”)"),
        ReviewKind.MIDTERM: _("mid-term (e.g. “Giữa nhiệm kỳ 2025–2030”)"),
    }[ReviewKind(kind)]


# --- submissions -----------------------------------------------------------------------


@transaction.atomic
def submission_update(
    *,
    actor: Any,
    submission: Submission,
    expected_version: int | None,
    narrative: Mapping[str, str],
    figure_comments: Mapping[str, str],
    send: bool = False,
    at: dt.datetime | None = None,
) -> Submission:
    """Save the narrative and the comments on the figures; with ``send``, also send it:
    the figures are read from the registry at that moment and frozen in the submission."""
    _require(
        actor,
        Action.CHANGE,
        submission.organization_path,
        _("This submission belongs to an organization you do not manage."),
    )
    if submission.status not in EDITABLE_STATUSES:
        raise DomainError(
            "submission_locked",
            _("This submission is %(status)s and can no longer be changed.")
            % {"status": str(submission.get_status_display()).lower()},
        )
    before = {name: getattr(submission, name) for name in NARRATIVE_FIELDS}
    for name in NARRATIVE_FIELDS:
        setattr(submission, name, paragraphs(narrative.get(name, "") or ""))
    submission.figure_comments = {
        code: normalize_text(text)
        for code, text in figure_comments.items()
        if text and text.strip()
    }
    step = None
    if send:
        missing = [
            str(label)
            for name, label in NARRATIVE_SECTIONS
            if name in REQUIRED_SECTIONS and not getattr(submission, name)
        ]
        if missing:
            raise DomainError(
                "submission_incomplete",
                _("Write these sections before sending: %(sections)s.")
                % {"sections": ", ".join(missing)},
                fields={
                    name: [_("Required before sending.")]
                    for name in REQUIRED_SECTIONS
                    if not getattr(submission, name)
                },
            )
        now = at or timezone.now()
        returned = submission.status == SubmissionStatus.RETURNED
        submission.status = SubmissionStatus.RESUBMITTED if returned else SubmissionStatus.SUBMITTED
        submission.figures = figures_of(submission.organization, submission.review.period)
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        step = StepKind.RESUBMITTED if returned else StepKind.SUBMITTED
    clean_or_raise(submission)
    _bump(submission, expected_version)
    submission.save()
    if step:
        SubmissionStep.objects.create(
            submission=submission, kind=step, actor=actor, at=at or timezone.now()
        )
    changed = {
        name: {"before": before[name], "after": getattr(submission, name)}
        for name in NARRATIVE_FIELDS
        if before[name] != getattr(submission, name)
    }
    record(
        actor=actor,
        action=f"reviews.{step or 'save'}",
        target=submission,
        changes={"narrative": changed, "status": submission.status},
    )
    return submission


def _check(actor: Any, submission: Submission) -> None:
    _require(
        actor,
        Action.REVIEW,
        submission.review.organization_path,
        _("Only the organization that opened the review checks its submissions."),
    )
    if submission.status not in WAITING_STATUSES:
        raise DomainError(
            "submission_not_waiting",
            _("This submission is %(status)s: there is nothing to check.")
            % {"status": str(submission.get_status_display()).lower()},
        )


@transaction.atomic
def submission_return(
    *,
    actor: Any,
    submission: Submission,
    comment: str,
    expected_version: int | None,
    at: dt.datetime | None = None,
) -> Submission:
    """Send the submission back with comments; the organization corrects and resends it."""
    _check(actor, submission)
    comment = paragraphs(comment or "")
    if not comment:
        message = _("Write what has to be corrected before returning the submission.")
        raise DomainError("return_comment", message, fields={"comment": [message]})
    submission.status = SubmissionStatus.RETURNED
    _bump(submission, expected_version)
    submission.save()
    SubmissionStep.objects.create(
        submission=submission,
        kind=StepKind.RETURNED,
        actor=actor,
        comment=comment,
        at=at or timezone.now(),
    )
    record(actor=actor, action="reviews.return", target=submission, changes={"comment": comment})
    return submission


@transaction.atomic
def submission_accept(
    *,
    actor: Any,
    submission: Submission,
    expected_version: int | None,
    comment: str = "",
    at: dt.datetime | None = None,
) -> Submission:
    _check(actor, submission)
    comment = paragraphs(comment or "")
    submission.status = SubmissionStatus.ACCEPTED
    submission.accepted_at = at or timezone.now()
    _bump(submission, expected_version)
    submission.save()
    SubmissionStep.objects.create(
        submission=submission,
        kind=StepKind.ACCEPTED,
        actor=actor,
        comment=comment,
        at=at or timezone.now(),
    )
    record(actor=actor, action="reviews.accept", target=submission, changes={"comment": comment})
    return submission


# --- report templates ------------------------------------------------------------------


@transaction.atomic
def template_upload(*, actor: Any, content: bytes, filename: str, note: str = "") -> ReportTemplate:
    """A new version of the report template, after checking that it renders."""
    if scope_prefixes(actor, Action.REVIEW) is not None:
        raise DomainError(
            "out_of_scope", _("Only the board's staff may change the report template.")
        )
    if not filename.lower().endswith(".docx"):
        raise DomainError(
            "template_type",
            _("The template must be a Word file (.docx), not “%(name)s”.") % {"name": filename},
        )
    if len(content) > MAX_TEMPLATE_BYTES:
        raise DomainError(
            "template_size",
            _("The file is larger than %(max)s MB, the most a template may be.")
            % {"max": MAX_TEMPLATE_BYTES // 2**20},
        )
    report_builder.check_template(content)
    version = (ReportTemplate.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    template = ReportTemplate.objects.create(
        version=version,
        content=content,
        filename=normalize_text(filename)[:255],
        note=normalize_text(note)[:255],
        uploaded_by=actor,
    )
    record(
        actor=actor,
        action="reviews.template_upload",
        target=template,
        changes={"version": version, "filename": template.filename, "bytes": len(content)},
    )
    return template


# --- reports ---------------------------------------------------------------------------


@transaction.atomic
def report_generate(
    *,
    actor: Any,
    review: Review,
    heading: Mapping[str, Any],
    narrative: Mapping[str, str],
    at: dt.datetime | None = None,
) -> Report:
    """Generate a new version of the review's report from its accepted submissions and the
    opener's own figures, and freeze both the figures and the files."""
    _require(
        actor,
        Action.REVIEW,
        review.organization_path,
        _("Only the organization that opened the review generates its report."),
    )
    pending = list(
        review.submissions.exclude(status=SubmissionStatus.ACCEPTED)
        .select_related("organization")
        .order_by("organization_path")
    )
    if pending:
        names = ", ".join(s.organization.name for s in pending[:5])
        more = len(pending) - 5
        raise DomainError(
            "report_pending",
            _("%(n)s submissions are not accepted yet: %(names)s%(more)s.")
            % {
                "n": len(pending),
                "names": names,
                "more": (_(" and %(n)s more") % {"n": more}) if more > 0 else "",
            },
        )
    template = ReportTemplate.objects.order_by("-version").first()
    data = selectors.report_data(
        review=review,
        heading=heading,
        narrative={name: paragraphs(narrative.get(name, "") or "") for name in NARRATIVE_FIELDS},
    )
    template_bytes = bytes(template.content) if template else report_builder.default_template()
    docx = report_builder.build_docx(data, template_bytes)
    xlsx = report_builder.build_xlsx(data)
    version = (review.reports.aggregate(v=Max("version"))["v"] or 0) + 1
    report = Report(
        review=review,
        organization_path=review.organization_path,
        version=version,
        number=data["number"],
        symbol=data["symbol"],
        issued_on=dt.date.fromisoformat(data["issued_on"]),
        data=data,
        docx=docx,
        xlsx=xlsx,
        template=template,
        generated_by=actor,
        generated_at=at or timezone.now(),
    )
    clean_or_raise(report, exclude=["review", "generated_by", "template"])
    report.save()
    record(
        actor=actor,
        action="reviews.report",
        target=report,
        organization=review.organization,
        changes={"version": version, "number": report.number_symbol},
    )
    return report


# --- the conference --------------------------------------------------------------------


@transaction.atomic
def conference_record(
    *,
    actor: Any,
    review: Review,
    held_on: dt.date,
    place: str,
    chair_name: str,
    chair_position: str,
    attendees: Sequence[Mapping[str, str]],
    conclusions: str,
    tasks: Sequence[Mapping[str, Any]],
) -> Conference:
    """Record the review conference with its attendees by position and assigned tasks."""
    _require(
        actor,
        Action.REVIEW,
        review.organization_path,
        _("Only the organization that opened the review records its conference."),
    )
    conference = Conference(
        review=review,
        held_on=held_on,
        place=normalize_text(place),
        chair_name=normalize_text(chair_name),
        chair_position=normalize_text(chair_position),
        attendees=[
            {"position": normalize_text(a["position"]), "name": normalize_text(a["name"])}
            for a in attendees
        ],
        conclusions=paragraphs(conclusions),
        recorded_by=actor,
    )
    clean_or_raise(conference, exclude=["review", "recorded_by"])
    allowed = {review.organization_id} | set(
        review.submissions.values_list("organization_id", flat=True)
    )
    for i, task in enumerate(tasks, start=1):
        org = task.get("organization")
        if org is not None and org.pk not in allowed:
            raise DomainError(
                "task_organization",
                _("Task %(n)s: %(org)s is not part of this review.") % {"n": i, "org": org.name},
            )
        due = task.get("due_on")
        if due is not None and due < held_on:
            raise DomainError(
                "task_due",
                _("Task %(n)s: the due date %(due)s is before the conference (%(held)s).")
                % {
                    "n": i,
                    "due": due.strftime("%d/%m/%Y"),
                    "held": held_on.strftime("%d/%m/%Y"),
                },
            )
    conference.save()
    ConferenceTask.objects.bulk_create(
        ConferenceTask(
            conference=conference,
            description=paragraphs(t["description"]),
            organization=t.get("organization"),
            due_on=t.get("due_on"),
        )
        for t in tasks
    )
    record(
        actor=actor,
        action="reviews.conference",
        target=conference,
        changes={
            "held_on": held_on,
            "place": conference.place,
            "chair": conference.chair_name,
            "attendees": len(conference.attendees),
            "tasks": len(tasks),
        },
    )
    return conference
