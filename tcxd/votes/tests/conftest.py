"""A small confidence vote of the test city, taken as far as a test needs.

The city root's vote on two people (the second has an account, ``duocphieu``, and sees
their own result); six voters convened, five present; the counting board ``kp.truong``
(head) and ``kp.thanhvien``; the deputy secretary may also read the results. Five
ballots: three electronic, two paper (double entry), worked out by hand:

    ballot        Nguyễn Văn Một   Trần Thị Hai
    electronic 1  high             low
    electronic 2  high             low
    electronic 3  trust            low
    paper 1       high             trust
    paper 2       several          low

Nguyễn Văn Một: issued 5, returned 5, valid 4, invalid 1; high 3 (60.00 %), trust 1
(20.00 %), low 0. Trần Thị Hai: valid 5; trust 1 (20.00 %), low 4 (80.00 %) → 2/3 or
more: dismissal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tcxd.testing.factories import make_user

from .. import services
from ..choices import BoardRole
from ..models import Vote

ELECTRONIC = [("high", "low"), ("high", "low"), ("trust", "low")]
PAPER = [("high", "trust"), ("several", "low")]


@dataclasses.dataclass
class Scene:
    vote: Vote
    head: Any
    member: Any
    candidate_user: Any
    codes: list[str]

    def ids(self) -> list[str]:
        return [str(c.pk) for c in self.vote.candidates.order_by("position")]

    def refresh(self) -> Vote:
        self.vote.refresh_from_db()
        return self.vote


def build(tree: Any, personas: Any, until: str = "tallied") -> Scene:
    user = personas.board_specialist
    vote = services.vote_create(
        actor=user,
        organization=tree.root,
        title="Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030",
        held_on=dt.date(2027, 12, 10),
        place="Hội trường Thành ủy",
    )
    candidate_user = make_user("duocphieu", full_name="Trần Thị Hai")
    services.candidates_set(
        actor=user,
        vote=vote,
        people=[
            {"full_name": "Nguyễn Văn Một", "post": "Phó Bí thư Thường trực Thành ủy"},
            {
                "full_name": "Trần Thị Hai",
                "post": "Trưởng Ban Tổ chức Thành ủy",
                "user": candidate_user,
            },
        ],
    )
    services.voters_set(
        actor=user, vote=vote, people=[{"full_name": f"Ủy viên số {i}"} for i in range(1, 7)]
    )
    head = make_user("kp.truong", full_name="Lê Văn Ba")
    member = make_user("kp.thanhvien", full_name="Phạm Thị Bốn")
    services.board_set(
        actor=user,
        vote=vote,
        members=[(head, "Lê Văn Ba", BoardRole.HEAD), (member, "Phạm Thị Bốn", BoardRole.MEMBER)],
    )
    services.viewers_set(actor=user, vote=vote, users=[personas.deputy_secretary])
    vote.refresh_from_db()
    scene = Scene(vote, head, member, candidate_user, [])
    if until == "prepared":
        return scene
    present = list(vote.voters.order_by("pk").values_list("pk", flat=True)[:5])
    services.vote_open(
        actor=user,
        vote=vote,
        expected_version=vote.version,
        present_ids=present,
        paper_issued=2,
    )
    scene.refresh()
    scene.codes = services.codes_issue(actor=user, vote=vote, count=3)
    if until == "open":
        return scene
    a, b = scene.ids()
    for code, (ma, mb) in zip(scene.codes, ELECTRONIC, strict=True):
        services.cast_electronic(vote=vote, code=code, marks={a: ma, b: mb})
    for sheet, (ma, mb) in enumerate(PAPER, start=1):
        for reader in (head, member):
            services.paper_enter(actor=reader, vote=vote, sheet_no=sheet, marks={a: ma, b: mb})
    if until == "cast":
        return scene
    services.vote_close(actor=user, vote=scene.refresh(), expected_version=vote.version)
    services.vote_tally(actor=user, vote=scene.refresh(), expected_version=vote.version)
    scene.refresh()
    return scene


@pytest.fixture
def tallied(tree, personas) -> Scene:  # type: ignore[no-untyped-def]
    return build(tree, personas)
