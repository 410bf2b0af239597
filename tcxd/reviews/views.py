"""Review pages: the list, opening a review, a review with who is late, a submission
(fill, send, return, accept), the report and its downloads, the templates, the
conference. Each view parses, calls one service, and responds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, can_anywhere, get_for, scope, scope_prefixes
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.indicators.registry import all_indicators
from tcxd.organizations.models import Organization

from . import report as builder
from . import selectors, services
from .choices import NARRATIVE_SECTIONS, WAITING_STATUSES
from .figures import format_value
from .forms import (
    CheckForm,
    ConferenceForm,
    OpenReviewForm,
    ReportForm,
    SubmissionForm,
    TaskFormSet,
    TemplateUploadForm,
)
from .models import Conference, Report, ReportTemplate, Review, Submission

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors_to_form(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)


@login_required
def review_index(request: HttpRequest) -> HttpResponse:
    reviews = list(selectors.reviews_for(request.user)[:100])
    seen = {r.pk for r in reviews}
    own = [s for s in selectors.submissions_for(request.user)[:200] if s.review_id not in seen]
    context = {
        "nav": "reviews",
        "reviews": reviews,
        "own": own,
        "today": timezone.localdate(),
        "can_open": can_anywhere(request.user, Action.REVIEW),
        "is_board": scope_prefixes(request.user, Action.REVIEW) is None,
    }
    return render(request, "reviews/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_open(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.REVIEW):
        raise Http404
    form = OpenReviewForm(request.POST or None, user=request.user)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.review_open(
                actor=request.user,
                organization=data["organization"],
                kind=data["kind"],
                period=data["period"],
                deadline_on=data["deadline_on"],
                title=data["title"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Opened: %(title)s, with %(n)s submissions.")
                % {"title": review.title, "n": review.submissions.count()},
            )
            return redirect(review.get_absolute_url())
    status = 400 if error or form.errors else 200
    return render(
        request,
        "reviews/open.html",
        {"nav": "reviews", "form": form, "error": error},
        status=status,
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for(request.user, Review.objects.select_related("organization"), pk, Action.VIEW)
    today = timezone.localdate()
    submissions = selectors.review_submissions(review)
    context = {
        "nav": "reviews",
        "review": review,
        "period": review.period,
        "submissions": submissions,
        "progress": selectors.progress(review, submissions, today),
        "today": today,
        "reports": list(selectors.reports_of(review, request.user)),
        "conferences": list(review.conferences.all()),
        "can_review": can(request.user, Action.REVIEW, review.organization_path),
    }
    return render(request, "reviews/detail.html", context)


def _figure_rows(submission: Submission, comments: dict[str, str]) -> list[dict[str, Any]]:
    sent = bool(submission.figures)
    values = submission.figures if sent else selectors.live_figures(submission)
    rows = []
    group = None
    for ind in all_indicators():
        rows.append(
            {
                "code": ind.code,
                "label": ind.label,
                "group": ind.group if ind.group != group else None,
                "value": format_value(values.get(ind.code), ind.unit),
                "comment": comments.get(ind.code, ""),
                "help": ind.help,
            }
        )
        group = ind.group
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_for(
        request.user,
        Submission.objects.select_related("review", "review__organization", "organization"),
        pk,
        Action.VIEW,
    )
    can_edit = submission.is_editable and can(
        request.user, Action.CHANGE, submission.organization_path
    )
    can_check = submission.status in WAITING_STATUSES and can(
        request.user, Action.REVIEW, submission.review.organization_path
    )
    codes = [ind.code for ind in all_indicators()]
    initial: dict[str, Any] = {name: getattr(submission, name) for name, _l in NARRATIVE_SECTIONS}
    initial["version"] = submission.version
    for code, text in submission.figure_comments.items():
        initial[f"comment:{code}"] = text
    form = SubmissionForm(request.POST or None, initial=initial, codes=codes)
    error = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            send = "send" in request.POST
            try:
                services.submission_update(
                    actor=request.user,
                    submission=submission,
                    expected_version=form.cleaned_data["version"],
                    narrative=form.narrative(),
                    figure_comments=form.comments(),
                    send=send,
                )
            except DomainError as exc:
                error = exc
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("Sent.") if send else _("Saved the draft."))
                return redirect(submission.get_absolute_url())
    steps = list(submission.steps.select_related("actor"))
    returned = next((s for s in reversed(steps) if s.kind == "returned"), None)
    context = {
        "nav": "reviews",
        "submission": submission,
        "review": submission.review,
        "form": form,
        "error": error,
        "can_edit": can_edit,
        "can_check": can_check,
        "check_form": CheckForm(initial={"version": submission.version}),
        "can_see_review": can(request.user, Action.VIEW, submission.review.organization_path),
        "figures": _figure_rows(submission, submission.figure_comments),
        "fields": [(form[name], label) for name, label in NARRATIVE_SECTIONS],
        "steps": steps,
        "returned": returned if submission.status == "returned" else None,
        "late": submission.is_late(),
    }
    return render(request, "reviews/submission.html", context, status=400 if error else 200)


def _check(request: HttpRequest, pk: int, accept: bool) -> HttpResponse:
    submission = get_for(request.user, Submission.objects.select_related("review"), pk, Action.VIEW)
    if not can(request.user, Action.REVIEW, submission.review.organization_path):
        raise Http404
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete: reload the page and try again."))
        return redirect(submission.get_absolute_url())
    try:
        if accept:
            services.submission_accept(
                actor=request.user,
                submission=submission,
                expected_version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
            )
        else:
            services.submission_return(
                actor=request.user,
                submission=submission,
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Accepted.") if accept else _("Returned with comments."))
    return redirect(submission.get_absolute_url())


@login_required
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _check(request, pk, accept=False)


@login_required
@require_POST
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _check(request, pk, accept=True)


def _reviewable(request: HttpRequest, pk: int) -> Review:
    review = get_for(request.user, Review.objects.select_related("organization"), pk, Action.VIEW)
    if not can(request.user, Action.REVIEW, review.organization_path):
        raise Http404
    return review


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = _reviewable(request, pk)
    # The heading and narrative of the latest version, else the opener's defaults.
    last = review.reports.order_by("-version").first()
    previous = dict(last.data) if last is not None else {}
    initial = {**selectors.issuer_defaults(review.organization), "summary": review.title}
    initial.update({k: v for k, v in previous.items() if k in ReportForm.base_fields})
    initial.update(previous.get("narrative", {}))
    initial["recipients"] = "\n".join(initial["recipients"])
    initial["issued_on"] = timezone.localdate()
    initial["number"] = selectors.next_report_number(review)
    form = ReportForm(request.POST or None, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_generate(
                actor=request.user,
                review=review,
                heading=form.heading(),
                narrative=form.narrative(),
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Generated report no. %(number)s, version %(version)s.")
                % {"number": report.number_symbol, "version": report.version},
            )
            return redirect(review.get_absolute_url())
    context = {"nav": "reviews", "review": review, "form": form, "error": error}
    return render(request, "reviews/report_form.html", context, status=400 if error else 200)


def _download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    report = get_for(request.user, Report.objects.select_related("review"), pk, Action.VIEW)
    record(
        actor=request.user,
        action="reviews.report_download",
        target=report,
        organization=report.review.organization,
        changes={"file": kind, "version": report.version},
    )
    content = bytes(report.docx if kind == "docx" else report.xlsx)
    response = HttpResponse(content, content_type=DOCX if kind == "docx" else XLSX)
    stem = "bao-cao" if kind == "docx" else "phu-luc"
    name = f"{stem}-{report.number:02d}-v{report.version}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "docx")


@login_required
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.REVIEW):
        raise Http404
    may_upload = scope_prefixes(request.user, Action.REVIEW) is None
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST":
        if not may_upload:
            raise Http404
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                # Never more than one byte over the limit: the service refuses it by size.
                content = upload.read(services.MAX_TEMPLATE_BYTES + 1)
                template = services.template_upload(
                    actor=request.user,
                    content=content,
                    filename=upload.name,
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                error = exc
            else:
                messages.success(
                    request,
                    _("Template version %(v)s is now used for new reports.")
                    % {"v": template.version},
                )
                return redirect("reviews:templates")
    context = {
        "nav": "reviews",
        "templates": list(ReportTemplate.objects.defer("content").select_related("uploaded_by")),
        "form": form,
        "error": error,
        "may_upload": may_upload,
    }
    return render(request, "reviews/templates.html", context, status=400 if error else 200)


@login_required
def template_download(request: HttpRequest, version: int) -> HttpResponse:
    if not can_anywhere(request.user, Action.REVIEW):
        raise Http404
    if version == 0:
        content, name = builder.default_template(), "mau-bao-cao-so-ket.docx"
    else:
        template = ReportTemplate.objects.filter(version=version).first()
        if template is None:
            raise Http404
        content, name = bytes(template.content), f"mau-bao-cao-v{version}.docx"
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def conference_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = _reviewable(request, pk)
    orgs = Organization.objects.filter(
        pk__in=[
            review.organization_id,
            *review.submissions.values_list("organization_id", flat=True),
        ]
    ).order_by("path")
    form = ConferenceForm(request.POST or None)
    tasks = TaskFormSet(request.POST or None, form_kwargs={"organizations": orgs}, prefix="tasks")
    error = None
    if request.method == "POST" and form.is_valid() and tasks.is_valid():
        data = form.cleaned_data
        try:
            conference = services.conference_record(
                actor=request.user,
                review=review,
                held_on=data["held_on"],
                place=data["place"],
                chair_name=data["chair_name"],
                chair_position=data["chair_position"],
                attendees=data["attendees"],
                conclusions=data["conclusions"],
                tasks=[t for t in tasks.cleaned_data if t and t.get("description")],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Recorded the conference."))
            return redirect("reviews:conference", pk=conference.pk)
    status = 400 if request.method == "POST" else 200
    context = {"nav": "reviews", "review": review, "form": form, "tasks": tasks, "error": error}
    return render(request, "reviews/conference_form.html", context, status=status)


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = scope(Review.objects.all(), request.user, Action.VIEW)
    conference = (
        Conference.objects.filter(review__in=visible, pk=pk)
        .select_related("review", "review__organization")
        .first()
    )
    if conference is None:
        raise Http404
    context = {
        "nav": "reviews",
        "conference": conference,
        "review": conference.review,
        "tasks": list(conference.tasks.select_related("organization")),
    }
    return render(request, "reviews/conference.html", context)
