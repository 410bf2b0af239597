"""The confidence vote of the demo city (small run): mixed paper and electronic ballots,
one person flagged for relief, tallied and reported, quickly."""

from __future__ import annotations

import time

import pytest

from tcxd.demo.city import build_demo_city
from tcxd.votes.choices import Channel, Flag, VoteStatus
from tcxd.votes.models import Ballot, PaperEntry, Vote


@pytest.mark.slow
def test_the_demo_vote(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tcxd.votes import demo

    took: list[float] = []
    original = demo.build

    def timed(**kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        original(**kwargs)
        took.append(time.perf_counter() - start)

    monkeypatch.setattr(demo, "build", timed)
    build_demo_city(seed=3, members=300, progress=lambda line: None)
    vote = Vote.objects.get()
    assert vote.status == VoteStatus.REPORTED
    assert vote.organization.depth == 1
    assert vote.candidates.count() >= 8  # 7 standing members and agency leaders
    assert vote.convened_count == 45 and vote.present_count == 41
    assert vote.paper_issued == 20 and vote.codes_printed == 21
    ballots = Ballot.objects.filter(vote=vote)
    assert ballots.filter(channel=Channel.PAPER).count() == 20
    assert ballots.filter(channel=Channel.ELECTRONIC).count() == 20
    assert PaperEntry.objects.filter(vote=vote, final=True).count() == 1  # reconciled
    results = list(vote.results.select_related("candidate"))
    flagged = [r for r in results if r.flag]
    assert len(flagged) == 1 and flagged[0].flag == Flag.RELIEF
    assert flagged[0].counts["low"] == 22 and flagged[0].returned == 40
    assert all(r.issued == 41 for r in results)
    assert [r.candidate.user.username for r in results if r.candidate.user] == ["phobithu"]
    assert not vote.viewers.exists()  # the standing deputy secretary sees only his own row
    assert took and took[0] < 5, took
