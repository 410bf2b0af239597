"""Confidence vote pages: the list, preparing a vote, attendance and opening, printed
ballots and codes, the public voting page, the counting board's screens, closing and
tallying, the results and the files. Each view parses, calls one service, and responds.

Who sees what: ``selectors`` (organizers, counting board, readers of the results, the
people voted on). The voting page is not signed in: a code is the only key, it is never
logged nor kept, and wrong codes are counted per vote in the cache (no address kept).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can_anywhere
from tcxd.core.errors import DomainError
from tcxd.organizations.selectors import current_committee

from . import ballots_pdf, selectors, services
from . import report as builder
from .choices import BoardRole, Channel, VoteStatus
from .forms import (
    INVALID_CHOICES,
    BallotForm,
    BallotPrintForm,
    CodeForm,
    CodesForm,
    OpenForm,
    PaperForm,
    PrepareForm,
    ReportForm,
    VersionForm,
    VoteForm,
)
from .models import Vote

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

# Guessing codes: after this many wrong codes for one vote within a minute, from anywhere,
# the voting page refuses every code of that vote until the minute is over. A code is 10
# characters of 31 (31^10 ≈ 8·10^14 codes), so 30 guesses a minute find nothing; no
# address is kept (the cache holds one counter per vote and minute).
WRONG_CODES_PER_MINUTE = 30


def _errors_to_form(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)


def _organizer(request: HttpRequest, pk: int) -> tuple[Vote, selectors.Access]:
    vote, acc = selectors.vote_for(request.user, pk)
    if not acc.organizer:
        raise Http404
    return vote, acc


def _level_choices(vote: Vote) -> list[tuple[str, str]]:
    labels = services.level_labels(vote)
    return [(code, labels[code]) for code in services.levels_of(vote).codes]


def _file(content: bytes, content_type: str, name: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    add_never_cache_headers(response)
    return response


# --- list, create, prepare ----------------------------------------------------------------


@login_required
def vote_index(request: HttpRequest) -> HttpResponse:
    votes = list(selectors.votes_for(request.user)[:200])
    context = {
        "nav": "votes",
        "votes": votes,
        "can_create": can_anywhere(request.user, Action.REVIEW),
    }
    return render(request, "votes/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vote_create(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.REVIEW):
        raise Http404
    form = VoteForm(request.POST or None, user=request.user)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vote = services.vote_create(
                actor=request.user,
                organization=data["organization"],
                title=data["title"],
                held_on=data["held_on"],
                place=data["place"],
                legal_basis=data["legal_basis"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Prepared. Now list the people voted on."))
            return redirect("votes:prepare", pk=vote.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "votes/create.html", {"nav": "votes", "form": form, "error": error}, status=status
    )


@login_required
def vote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vote, acc = selectors.vote_for(request.user, pk)
    context: dict[str, Any] = {
        "nav": "votes",
        "vote": vote,
        "acc": acc,
        "stages": VoteStatus.choices,
    }
    if acc.organizer:
        context.update(selectors.preparation(vote))
        context["print_form"] = BallotPrintForm(
            initial={"count": vote.paper_issued or vote.convened_count or 1}
        )
        context["codes_form"] = CodesForm(
            initial={"count": max(vote.present_count - vote.paper_issued - vote.codes_printed, 1)}
        )
        context["version_form"] = VersionForm(initial={"version": vote.version})
        context["codes_left"] = max(vote.present_count - vote.paper_issued - vote.codes_printed, 0)
        context["ballots_in"] = vote.ballots.count() if vote.status == VoteStatus.OPEN else None
        context["voting_url"] = request.build_absolute_uri(reverse("votes:ballot", args=[vote.pk]))
    if acc.board is not None or acc.organizer:
        status = services.paper_status(vote)
        context["sheets"] = {
            key: sum(1 for v in status.values() if v == key)
            for key in ("waiting", "stored", "conflict")
        }
    context["has_results"] = vote.status in selectors.RESULT_STATUSES and acc.some_results
    return render(request, "votes/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vote_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    vote, _acc = _organizer(request, pk)
    if vote.status != VoteStatus.PREPARED:
        messages.error(request, _("The vote is open: its lists can no longer change."))
        return redirect(vote.get_absolute_url())
    seats = current_committee(vote.organization, vote.held_on)
    prep = selectors.preparation(vote)
    seat_people = {s.person_id: str(s.pk) for s in seats}
    head = next((b for b in prep["board"] if b.role == BoardRole.HEAD), None)
    initial = {
        "seats": [
            seat_people[c.person_id] for c in prep["candidates"] if c.person_id in seat_people
        ],
        "candidates_text": "\n".join(
            f"{c.full_name}; {c.post}" + (f"; {c.user.username}" if c.user else "")
            for c in prep["candidates"]
            if c.person_id not in seat_people
        ),
        "voters_text": "\n".join(
            f"{v.full_name}; {v.post}" if v.post else v.full_name for v in prep["voters"]
        ),
        "convened_count": vote.convened_count if not prep["voters"] else None,
        "head": head.user.username if head else "",
        "members": " ".join(b.user.username for b in prep["board"] if b.role != BoardRole.HEAD),
        "viewers": " ".join(u.username for u in prep["viewers"]),
    }
    form = PrepareForm(request.POST or None, initial=initial, seats=seats)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.candidates_set(actor=request.user, vote=vote, people=data["people"])
                services.voters_set(
                    actor=request.user,
                    vote=vote,
                    people=data["voter_rows"],
                    count=data.get("convened_count"),
                )
                services.board_set(actor=request.user, vote=vote, members=data["board"])
                services.viewers_set(actor=request.user, vote=vote, users=data["viewer_users"])
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved the lists."))
            return redirect(vote.get_absolute_url())
    context = {"nav": "votes", "vote": vote, "form": form, "error": error, "seats": seats}
    status = 400 if request.method == "POST" else 200
    return render(request, "votes/prepare.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def vote_open(request: HttpRequest, pk: int) -> HttpResponse:
    vote, _acc = _organizer(request, pk)
    if vote.status != VoteStatus.PREPARED:
        return redirect(vote.get_absolute_url())
    voters = list(vote.voters.all())
    form = OpenForm(
        request.POST or None,
        initial={"version": vote.version, "paper_issued": 0},
        voters=voters,
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.vote_open(
                actor=request.user,
                vote=vote,
                expected_version=data["version"],
                present_ids=[int(v) for v in data["present"]] if voters else None,
                present_count=None if voters else (data.get("present_count") or 0),
                paper_issued=data["paper_issued"] or 0,
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The vote is open."))
            return redirect(vote.get_absolute_url())
    quorum = services.rule_of(vote).values["quorum"]
    context = {
        "nav": "votes",
        "vote": vote,
        "form": form,
        "error": error,
        "voters": voters,
        "quorum": f"{quorum['numerator']}/{quorum['denominator']}",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "votes/open.html", context, status=status)


# --- printed paper ------------------------------------------------------------------------


@login_required
def ballots_print(request: HttpRequest, pk: int) -> HttpResponse:
    vote, _acc = _organizer(request, pk)
    form = BallotPrintForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Give the number of ballots to print (1 to 2000)."))
        return redirect(vote.get_absolute_url())
    candidates = [(c.full_name, c.post) for c in vote.candidates.all()]
    if not candidates:
        messages.error(request, _("List the people voted on first."))
        return redirect(vote.get_absolute_url())
    content = ballots_pdf.ballots(
        issuer=builder.heading_defaults(vote)["issuer_upper"],
        title=vote.title,
        held_on=vote.held_on.strftime("%d/%m/%Y"),
        candidates=candidates,
        levels=[label for _c, label in _level_choices(vote)],
        count=form.cleaned_data["count"],
        signature=form.cleaned_data["signature"],
    )
    return _file(content, PDF, f"phieu-tin-nhiem-{vote.pk}.pdf", inline=True)


@login_required
@require_POST
def codes_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """New codes, as a PDF of slips: the only place the codes ever exist in plain text."""
    vote, _acc = _organizer(request, pk)
    form = CodesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of codes to issue."))
        return redirect(vote.get_absolute_url())
    try:
        codes = services.codes_issue(
            actor=request.user, vote=vote, count=form.cleaned_data["count"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(vote.get_absolute_url())
    content = ballots_pdf.code_slips(
        title=vote.title,
        codes=codes,
        url=request.build_absolute_uri(reverse("votes:ballot", args=[vote.pk])),
    )
    stamp = timezone.localtime().strftime("%H%M%S")
    return _file(content, PDF, f"ma-bo-phieu-{vote.pk}-{stamp}.pdf")


# --- the voting page (no sign-in) ---------------------------------------------------------


def _minute_key(vote: Vote) -> str:
    return f"votes:wrong-codes:{vote.pk}:{int(timezone.now().timestamp() // 60)}"


def _too_many_wrong(vote: Vote) -> bool:
    return int(cache.get(_minute_key(vote), 0)) >= WRONG_CODES_PER_MINUTE


def _count_wrong(vote: Vote) -> None:
    key = _minute_key(vote)
    cache.add(key, 0, timeout=120)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=120)


def _public_vote(pk: int) -> Vote:
    vote = Vote.objects.select_related("organization", "rule").filter(pk=pk).first()
    if vote is None:
        raise Http404
    return vote


@sensitive_post_parameters("code")
@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: the code (checked, not spent). Step 2: the ballot with the code in a hidden
    field; casting spends the code and stores the ballot in one transaction."""
    vote = _public_vote(pk)
    context: dict[str, Any] = {"vote": vote, "open": vote.status == VoteStatus.OPEN}
    status = 200
    if not context["open"]:
        return render(request, "votes/ballot_code.html", context)
    candidates = list(vote.candidates.all())
    levels = _level_choices(vote)
    if request.method == "POST" and "cast" in request.POST:
        form = BallotForm(request.POST, candidates=candidates, levels=levels)
        if _too_many_wrong(vote):
            context["error"] = _too_many_message()
            context["code_form"] = CodeForm()
            return render(request, "votes/ballot_code.html", context, status=429)
        if form.is_valid():
            try:
                services.cast_electronic(
                    vote=vote, code=form.cleaned_data["code"], marks=form.marks()
                )
            except DomainError as exc:
                if exc.code == "bad_code":
                    _count_wrong(vote)
                context["error"] = exc.message
                context["code_form"] = CodeForm()
                return render(request, "votes/ballot_code.html", context, status=400)
            return redirect("votes:ballot_done", pk=vote.pk)
        context["error"] = _("The ballot was incomplete: start again with your code.")
        context["code_form"] = CodeForm()
        return render(request, "votes/ballot_code.html", context, status=400)
    code_form = CodeForm(request.POST or None)
    if request.method == "POST" and code_form.is_valid():
        if _too_many_wrong(vote):
            context["error"] = _too_many_message()
            status = 429
        elif selectors.code_usable(vote, code_form.cleaned_data["code"]):
            form = BallotForm(
                initial={"code": code_form.cleaned_data["code"]},
                candidates=candidates,
                levels=levels,
            )
            context.update({"form": form, "levels": levels})
            return render(request, "votes/ballot_form.html", context)
        else:
            _count_wrong(vote)
            context["error"] = _("This code is not valid for this vote, or it has been used.")
            status = 400
        code_form = CodeForm()
    elif request.method == "POST":
        status = 400
    context["code_form"] = code_form
    return render(request, "votes/ballot_code.html", context, status=status)


def _too_many_message() -> str:
    return _(
        "Too many wrong codes were entered for this vote just now: wait a minute and try again."
    )


@never_cache
def ballot_done(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _public_vote(pk)
    return render(request, "votes/ballot_done.html", {"vote": vote})


# --- the counting board -------------------------------------------------------------------


def _board(request: HttpRequest, pk: int) -> tuple[Vote, selectors.Access]:
    vote, acc = selectors.vote_for(request.user, pk)
    if acc.board is None:
        raise Http404
    return vote, acc


@login_required
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    vote, acc = _board(request, pk)
    candidates = list(vote.candidates.all())
    levels = _level_choices(vote)
    status_by_sheet = services.paper_status(vote)
    mine = set(
        vote.paper_entries.filter(entered_by_id=request.user.pk, final=False).values_list(
            "sheet_no", flat=True
        )
    )
    next_sheet = next(
        (
            n
            for n in range(1, vote.paper_issued + 1)
            if n not in mine and status_by_sheet.get(n) in (None, "waiting")
        ),
        None,
    )
    form = PaperForm(
        request.POST or None,
        initial={"sheet_no": next_sheet},
        candidates=candidates,
        levels=levels,
    )
    error = None
    http_status = 200
    if request.method == "POST":
        http_status = 400
        if form.is_valid():
            try:
                outcome = services.paper_enter(
                    actor=request.user,
                    vote=vote,
                    sheet_no=form.cleaned_data["sheet_no"],
                    marks=form.marks(),
                    issued=not form.cleaned_data["not_issued"],
                )
            except DomainError as exc:
                error = exc
            else:
                n = form.cleaned_data["sheet_no"]
                text = {
                    "waiting": _("Sheet %(n)s entered: it waits for a second reading."),
                    "stored": _("Sheet %(n)s entered: both readings agree, the ballot is stored."),
                    "conflict": _(
                        "Sheet %(n)s entered: the two readings differ; the head of the "
                        "counting board reconciles."
                    ),
                }[outcome]
                (messages.warning if outcome == "conflict" else messages.success)(
                    request, text % {"n": n}
                )
                return redirect("votes:paper", pk=vote.pk)
    sheets = [
        {"no": n, "status": status_by_sheet.get(n, "")} for n in range(1, vote.paper_issued + 1)
    ]
    context = {
        "nav": "votes",
        "vote": vote,
        "acc": acc,
        "form": form,
        "error": error,
        "sheets": sheets,
        "mine": mine,
        "can_enter": vote.status in (VoteStatus.OPEN, VoteStatus.CLOSED),
        "counts": {
            key: sum(1 for v in status_by_sheet.values() if v == key)
            for key in ("waiting", "stored", "conflict")
        },
    }
    return render(request, "votes/paper.html", context, status=http_status)


@login_required
@require_http_methods(["GET", "POST"])
def paper_reconcile(request: HttpRequest, pk: int, sheet: int) -> HttpResponse:
    vote, acc = _board(request, pk)
    if not acc.is_head:
        raise Http404
    entries = list(vote.paper_entries.filter(sheet_no=sheet, final=False))
    if services.paper_status(vote).get(sheet) != "conflict":
        messages.error(request, _("Sheet %(n)s has no disagreement to reconcile.") % {"n": sheet})
        return redirect("votes:paper", pk=vote.pk)
    candidates = list(vote.candidates.all())
    levels = _level_choices(vote)
    form = PaperForm(
        request.POST or None, initial={"sheet_no": sheet}, candidates=candidates, levels=levels
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_reconcile(
                actor=request.user,
                vote=vote,
                sheet_no=sheet,
                marks=form.marks(),
                issued=not form.cleaned_data["not_issued"],
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(
                request, _("Sheet %(n)s reconciled: the ballot is stored.") % {"n": sheet}
            )
            return redirect("votes:paper", pk=vote.pk)
    labels = dict([*levels, *[(k, str(v)) for k, v in INVALID_CHOICES]])
    readings = [e.issued for e in entries]
    rows = []
    for c in candidates:
        marks = [labels.get(e.marks.get(str(c.pk), ""), "—") if e.issued else "—" for e in entries]
        rows.append((c, marks, len(set(marks)) > 1))
    context = {
        "nav": "votes",
        "vote": vote,
        "form": form,
        "error": error,
        "sheet": sheet,
        "readings": readings,
        "rows": rows,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "votes/reconcile.html", context, status=status)


# --- close, tally -------------------------------------------------------------------------


def _step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    vote, _acc = _organizer(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete: reload the page and try again."))
        return redirect(vote.get_absolute_url())
    try:
        if step == "close":
            services.vote_close(
                actor=request.user, vote=vote, expected_version=form.cleaned_data["version"]
            )
            messages.success(request, _("The vote is closed."))
        else:
            services.vote_tally(
                actor=request.user, vote=vote, expected_version=form.cleaned_data["version"]
            )
            messages.success(request, _("Tallied: the results are frozen."))
            return redirect("votes:results", pk=vote.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(vote.get_absolute_url())


@login_required
@require_POST
def vote_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


@login_required
@require_POST
def vote_tally(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "tally")


# --- results and files --------------------------------------------------------------------


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    vote, acc = selectors.vote_for(request.user, pk)
    rows = selectors.results_for(request.user, vote, acc)
    context = {
        "nav": "votes",
        "vote": vote,
        "acc": acc,
        "rows": rows,
        "levels": _level_choices(vote),
        "issued": services.ballots_issued(vote),
        "channels": {c: vote.ballots.filter(channel=c).count() for c in Channel.values}
        if acc.all_results
        else None,
    }
    return render(request, "votes/results.html", context)


def _results_file(request: HttpRequest, pk: int, what: str) -> tuple[Vote, selectors.Access]:
    vote, acc = selectors.vote_for(request.user, pk)
    if not acc.all_results:
        raise Http404
    selectors.results_for(request.user, vote, acc, what=what)
    return vote, acc


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    vote, _acc = _results_file(request, pk, "minutes")
    return _file(builder.build_minutes(vote), DOCX, f"bien-ban-kiem-phieu-{vote.pk}.docx")


@login_required
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    vote, _acc = _results_file(request, pk, "xlsx")
    return _file(builder.build_xlsx(vote), XLSX, f"ket-qua-tin-nhiem-{vote.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    vote, _acc = _organizer(request, pk)
    if vote.status not in selectors.RESULT_STATUSES:
        raise Http404
    initial = {**builder.heading_defaults(vote)}
    initial["recipients"] = "\n".join(initial["recipients"])
    initial["issued_on"] = max(timezone.localdate(), vote.held_on)
    initial["number"] = 1
    form = ReportForm(request.POST or None, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        heading = form.heading()
        try:
            with transaction.atomic():
                content = builder.build_report(vote, heading)
                services.vote_report(
                    actor=request.user,
                    vote=vote,
                    number=f"{heading['number']:02d}-{heading['symbol']}",
                )
        except DomainError as exc:
            error = exc
        else:
            name = (
                f"bao-cao-tin-nhiem-{heading['number']:02d}-{_slug_date(heading['issued_on'])}.docx"
            )
            return _file(content, DOCX, name)
    context = {"nav": "votes", "vote": vote, "form": form, "error": error}
    status = 400 if request.method == "POST" else 200
    return render(request, "votes/report_form.html", context, status=status)


def _slug_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")
