"""Demo data of this app, added to the demo city by ``seed_demo``: the mid-term confidence
vote of the city committee's standing members and the leaders of three city agencies'
Party committees (the demo's committee seats; every name is generated), 45 convened and
41 present, 20 paper ballots and 21 voting codes (20 used), one paper sheet reconciled by
the head of the counting board and one not issued by it; one person gets 22 "tín nhiệm
thấp" of 40 returned (55 %: relief to be considered). Tallied and reported, all through
the services."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from tcxd.accounts.models import User
from tcxd.organizations.models import CommitteeSeat, Organization
from tcxd.organizations.selectors import current_committee

from . import services
from .choices import BoardRole
from .selectors import seat_post

HELD_ON = dt.date(2026, 10, 27)
FLAGGED = 4  # the fifth person on the list (a standing committee member)
LOW_FOR_FLAGGED = 22


def _ballots(rng: random.Random, people: int, count: int) -> list[list[str]]:
    ballots = []
    for i in range(count):
        marks = []
        for p in range(people):
            if p == FLAGGED:
                marks.append("low" if i < LOW_FOR_FLAGGED else rng.choice(["trust", "high"]))
            else:
                marks.append(rng.choices(["high", "trust", "low"], weights=[78, 18, 4])[0])
        ballots.append(marks)
    return ballots


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    root = Organization.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    rng = random.Random(seed * 104729 + 7)
    board_user = User.objects.get(username="chuyenvien")
    leader = User.objects.get(username="truongban")
    deputy = User.objects.filter(username="phobithu").first()
    progress("Votes: the mid-term confidence vote of the city's standing committee …")
    seats = current_committee(root, HELD_ON)
    agencies = list(Organization.objects.filter(kind__code="agency_committee").order_by("path")[:3])
    people = [
        {
            "full_name": s.person.full_name,
            "post": seat_post(s),
            "person": s.person,
            "user": deputy if s.position == "standing_deputy_secretary" else None,
        }
        for s in seats
    ]
    for agency in agencies:
        head = next(
            (s for s in current_committee(agency, HELD_ON) if s.position == "secretary"), None
        )
        if head is not None:
            people.append(
                {
                    "full_name": head.person.full_name,
                    "post": f"Bí thư {agency.name}",
                    "person": head.person,
                }
            )
    if len(people) <= FLAGGED:
        return
    names = {p["full_name"] for p in people}
    voters = [
        {"full_name": p["full_name"], "post": p["post"], "person": p["person"]} for p in people
    ]
    for seat in (
        CommitteeSeat.objects.filter(end_on__isnull=True)
        .exclude(term__organization=root)
        .select_related("person", "term__organization")
        .order_by("term__organization__path", "id")
    ):
        if len(voters) >= 45:
            break
        if seat.person.full_name in names:
            continue
        names.add(seat.person.full_name)
        org = seat.term.organization
        voters.append(
            {
                "full_name": seat.person.full_name,
                "post": f"{seat_post(seat)} {org.short_name or org.name}",
                "person": seat.person,
            }
        )
    vote = services.vote_create(
        actor=board_user,
        organization=root,
        title="Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030 đối với Ủy viên Ban Thường vụ "
        "Thành ủy và người đứng đầu một số đảng bộ trực thuộc",
        held_on=HELD_ON,
        place="Hội trường Thành ủy",
    )
    services.candidates_set(actor=board_user, vote=vote, people=people)
    services.voters_set(actor=board_user, vote=vote, people=voters)
    services.board_set(
        actor=board_user,
        vote=vote,
        members=[
            (leader, str(leader), BoardRole.HEAD),
            (board_user, str(board_user), BoardRole.MEMBER),
        ],
    )
    vote.refresh_from_db()
    convened = vote.convened_count
    present_n = min(convened, max(41, -(-2 * convened // 3)))
    present = list(vote.voters.order_by("id").values_list("pk", flat=True))[:present_n]
    paper = min(20, present_n // 2)
    services.vote_open(
        actor=board_user,
        vote=vote,
        expected_version=vote.version,
        present_ids=present,
        paper_issued=paper,
    )
    vote.refresh_from_db()
    codes = services.codes_issue(actor=board_user, vote=vote, count=present_n - paper)
    ids = [str(c.pk) for c in vote.candidates.order_by("position")]
    electronic = len(codes) - 1  # one code not used
    ballots = _ballots(rng, len(ids), electronic + paper)
    for code, marks in zip(codes[:electronic], ballots[:electronic], strict=True):
        services.cast_electronic(vote=vote, code=code, marks=dict(zip(ids, marks, strict=True)))
    for sheet, marks in enumerate(ballots[electronic:], start=1):
        reading = dict(zip(ids, marks, strict=True))
        issued = sheet != paper  # the last sheet was not issued by the counting board
        if sheet == 3:
            reading[ids[1]] = "several"  # two boxes ticked for the second person
        services.paper_enter(actor=leader, vote=vote, sheet_no=sheet, marks=reading, issued=issued)
        second = dict(reading)
        if sheet == 5:  # the member misreads one mark: the head reconciles
            second[ids[0]] = "trust" if reading[ids[0]] != "trust" else "high"
        outcome = services.paper_enter(
            actor=board_user, vote=vote, sheet_no=sheet, marks=second, issued=issued
        )
        if outcome == "conflict":
            services.paper_reconcile(
                actor=leader, vote=vote, sheet_no=sheet, marks=reading, issued=issued
            )
    vote.refresh_from_db()
    services.vote_close(actor=board_user, vote=vote, expected_version=vote.version)
    vote.refresh_from_db()
    services.vote_tally(actor=board_user, vote=vote, expected_version=vote.version)
    vote.refresh_from_db()
    services.vote_report(actor=board_user, vote=vote, number="31-BC/TU")
