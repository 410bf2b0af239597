"""Reads of confidence votes, and who may see what.

Visibility (docs/votes.md):

- a vote and its preparation: users with ``Action.REVIEW`` at the organizing body (the
  *organizers*);
- the paper-entry screens: the members of the vote's counting board;
- the **results**: the organizers, the users the vote names in ``viewers``, and each
  person voted on (``Candidate.user``), who sees only their own row. Every view of results
  (page or file) is audited as ``votes.results_view``.

Anyone else gets 404, as for a vote that does not exist.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, scope
from tcxd.audit.services import record

from . import services
from .choices import BoardRole, Flag, VoteStatus
from .models import BoardMember, Candidate, Result, Vote, VoteCode
from .tally import Count

RESULT_STATUSES = (VoteStatus.TALLIED, VoteStatus.REPORTED)


# --- who ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Access:
    """What one user may do with one vote."""

    organizer: bool
    board: BoardMember | None
    viewer: bool
    own: tuple[int, ...]  # ids of the candidates that are this user

    @property
    def any(self) -> bool:
        return self.organizer or self.board is not None or self.viewer or bool(self.own)

    @property
    def is_head(self) -> bool:
        return self.board is not None and self.board.role == BoardRole.HEAD

    @property
    def all_results(self) -> bool:
        return self.organizer or self.viewer

    @property
    def some_results(self) -> bool:
        return self.all_results or bool(self.own)


def access(user: Any, vote: Vote) -> Access:
    if not getattr(user, "is_authenticated", False):
        return Access(False, None, False, ())
    return Access(
        organizer=can(user, Action.REVIEW, vote.organization_path),
        board=vote.board.filter(user=user).first(),
        viewer=vote.viewers.filter(pk=user.pk).exists(),
        own=tuple(vote.candidates.filter(user=user).values_list("pk", flat=True)),
    )


def vote_for(user: Any, pk: Any) -> tuple[Vote, Access]:
    """The vote with its access for ``user``; 404 when the user has no part in it."""
    try:
        vote = Vote.objects.select_related("organization", "rule").filter(pk=pk).first()
    except (TypeError, ValueError):
        vote = None
    if vote is None:
        raise Http404
    acc = access(user, vote)
    if not acc.any:
        raise Http404
    return vote, acc


def votes_for(user: Any) -> QuerySet[Vote]:
    """Votes the user organizes, counts, may read the results of, or is voted on in."""
    organized = scope(Vote.objects.all(), user, Action.REVIEW)
    if not getattr(user, "is_authenticated", False):
        return organized
    involved = Vote.objects.filter(
        Q(board__user=user) | Q(viewers=user) | Q(candidates__user=user)
    ).values("pk")
    return (
        Vote.objects.filter(Q(pk__in=organized.values("pk")) | Q(pk__in=involved))
        .select_related("organization")
        .order_by("-held_on", "-id")
    )


# --- posts as printed on the ballot -------------------------------------------------------

# The committee seats as written in Party documents (capitals on the bodies' names).
SEAT_POSTS = {
    "secretary": "Bí thư",
    "standing_deputy_secretary": "Phó Bí thư Thường trực",
    "deputy_secretary": "Phó Bí thư",
    "standing_committee_member": "Ủy viên Ban Thường vụ",
    "committee_member": "Ủy viên Ban Chấp hành",
}


def seat_post(seat: Any) -> str:
    """ "Phó Bí thư Thường trực Thành ủy", "Bí thư Đảng ủy" … (a city's committee is the
    Thành ủy, a province's the Tỉnh ủy, any other the Đảng ủy)."""
    org = seat.term.organization
    name = org.name
    body = (
        "Thành ủy"
        if name.startswith("Đảng bộ thành phố") and org.depth == 1
        else "Tỉnh ủy"
        if name.startswith("Đảng bộ tỉnh")
        else "Đảng ủy"
    )
    return f"{SEAT_POSTS.get(seat.position, seat.get_position_display())} {body}"


# --- the voting page ---------------------------------------------------------------------


def code_usable(vote: Vote, code: str) -> bool:
    """Is ``code`` an unused code of this open vote? (Reads only: casting spends it.)"""
    if vote.status != VoteStatus.OPEN or not code.strip():
        return False
    return VoteCode.objects.filter(
        vote=vote, digest=services._digest(vote, code), used=False
    ).exists()


# --- results -----------------------------------------------------------------------------


@dataclasses.dataclass
class LevelCell:
    code: str
    label: str
    count: int
    share: Decimal


@dataclasses.dataclass
class ResultRow:
    no: int
    candidate: Candidate
    result: Result
    levels: list[LevelCell]
    flag_label: str

    @property
    def flagged(self) -> bool:
        return bool(self.result.flag)


def result_rows(vote: Vote, results: list[Result]) -> list[ResultRow]:
    labels = services.level_labels(vote)
    codes = services.levels_of(vote).codes
    rows = []
    for result in results:
        count = Count(
            issued=result.issued,
            returned=result.returned,
            invalid=result.invalid,
            counts=dict(result.counts),
        )
        rows.append(
            ResultRow(
                no=result.candidate.position,
                candidate=result.candidate,
                result=result,
                levels=[
                    LevelCell(code, labels[code], count.counts.get(code, 0), count.share(code))
                    for code in codes
                ],
                flag_label=str(Flag(result.flag).label) if result.flag else "",
            )
        )
    return rows


def results_for(user: Any, vote: Vote, acc: Access, *, what: str = "page") -> list[ResultRow]:
    """The results ``user`` may see (all, or only their own), audited; 404 if none."""
    if vote.status not in RESULT_STATUSES or not acc.some_results:
        raise Http404
    results = vote.results.select_related("candidate").order_by("candidate__position")
    if not acc.all_results:
        results = results.filter(candidate_id__in=acc.own)
    rows = result_rows(vote, list(results))
    record(
        actor=user,
        action="votes.results_view",
        target=vote,
        changes={
            "what": what,
            "scope": "all" if acc.all_results else "own",
            "people": [r.candidate.full_name for r in rows] if not acc.all_results else [],
        },
    )
    return rows


def preparation(vote: Vote) -> dict[str, Any]:
    return {
        "candidates": list(vote.candidates.select_related("user")),
        "voters": list(vote.voters.all()),
        "board": list(vote.board.select_related("user").order_by("role", "id")),
        "viewers": list(vote.viewers.all()),
    }
