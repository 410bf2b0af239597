"""The confidence vote indicators on two votes worked out by hand.

- The city's vote (conftest): 2 people, 5 returned; Nguyễn Văn Một has 3 "high" of 5
  (more than half), no flag; Trần Thị Hai 0 "high", 4 "low" of 5 → dismissal.
- The ward's vote (below): 1 person, 5 returned, 2 "high", 3 "low" (3/5: more than 1/2,
  less than 2/3) → relief; 2 of 5 "high" is not more than half.
- A third vote of the commune, still open, counts nowhere.

Year 2027 at the city: held 2, people 3, more than half "high" 1 of 3 = 33.33 %,
relief 1, dismissal 1. By child: the ward 1, 1, 0.00 %, 1, 0; the commune 0, 0, none,
0, 0 (the city's own vote is in no child). Year 2026: nothing; the share is not
computable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tcxd.indicators import registry
from tcxd.indicators.periods import Period
from tcxd.testing.factories import make_user

from .. import services
from ..choices import BoardRole
from .conftest import build

pytestmark = pytest.mark.django_db
CODES = ["held", "people", "high_majority_share", "flag_relief", "flag_dismissal"]


def small_vote(org, officer, marks, *, tally=True, suffix=""):  # type: ignore[no-untyped-def]
    vote = services.vote_create(
        actor=officer, organization=org, title="Lấy phiếu", held_on=dt.date(2027, 6, 1), place="P"
    )
    services.candidates_set(actor=officer, vote=vote, people=[{"full_name": "A", "post": "B"}])
    services.voters_set(actor=officer, vote=vote, people=[], count=len(marks))
    services.board_set(
        actor=officer,
        vote=vote,
        members=[
            (make_user(f"h{suffix}"), "H", BoardRole.HEAD),
            (make_user(f"m{suffix}"), "M", BoardRole.MEMBER),
        ],
    )
    vote.refresh_from_db()
    services.vote_open(
        actor=officer, vote=vote, expected_version=vote.version, present_count=len(marks)
    )
    vote.refresh_from_db()
    codes = services.codes_issue(actor=officer, vote=vote, count=len(marks))
    cid = str(vote.candidates.get().pk)
    for code, mark in zip(codes, marks, strict=True):
        services.cast_electronic(vote=vote, code=code, marks={cid: mark})
    if tally:
        services.vote_close(actor=officer, vote=vote, expected_version=vote.version)
        vote.refresh_from_db()
        services.vote_tally(actor=officer, vote=vote, expected_version=vote.version)
    return vote


def values(org, period):  # type: ignore[no-untyped-def]
    with registry.batch():
        return [registry.get(f"votes.{c}").compute(org, period) for c in CODES]


def test_the_indicators_by_hand(tree, personas) -> None:
    build(tree, personas)
    small_vote(tree.ward, personas.ward_officer, ["low", "low", "low", "high", "high"], suffix="w")
    small_vote(tree.commune, personas.outsider, ["high", "high"], tally=False, suffix="c")
    year = Period.year(2027)
    assert values(tree.root, year) == [2, 3, Decimal("33.33"), 1, 1]
    assert values(tree.ward, year) == [1, 1, Decimal("0.00"), 1, 0]
    assert values(tree.commune, year) == [0, 0, None, 0, 0]
    assert values(tree.root, Period.year(2026)) == [0, 0, None, 0, 0]
    with registry.batch():
        by_child = {c: registry.get(f"votes.{c}").by_child(tree.root, year) for c in CODES}
    assert [by_child[c][tree.ward.pk] for c in CODES] == [1, 1, Decimal("0.00"), 1, 0]
    assert [by_child[c][tree.commune.pk] for c in CODES] == [0, 0, None, 0, 0]
    # The first half of 2027 holds the ward's vote (01/06), not the city's (10/12).
    assert values(tree.root, Period.half(2027, 1)) == [1, 1, Decimal("0.00"), 1, 0]


def test_exactly_half_high_is_not_more_than_half(tree, personas) -> None:
    small_vote(tree.ward, personas.ward_officer, ["high", "high", "trust", "low"], suffix="x")
    assert values(tree.ward, Period.year(2027))[2] == Decimal("0.00")
