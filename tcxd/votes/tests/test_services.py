"""Confidence votes: quorum, ballots, the tally worked out by hand, secrecy, bad input."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError
from tcxd.testing.factories import make_user
from tcxd.votes import services
from tcxd.votes.choices import BoardRole, Flag, VoteStatus
from tcxd.votes.models import Ballot, PaperEntry, Result, Vote, VoteCode
from tcxd.votes.tally import Count, Levels, count_ballots, flag_of

D = dt.date
LEVELS = Levels(codes=("high", "trust", "low"))
pytestmark = pytest.mark.django_db


def thresholds():
    from tcxd.rules.values import Threshold

    return Threshold(1, 2), Threshold(2, 3)


# --- the tally, by hand -----------------------------------------------------------------


def test_the_issue_example_percentages_over_ballots_returned():
    # 45 convened, 40 present, 40 issued, 39 returned, 2 invalid for person 1.
    ballots = [(True, {"1": "high", "2": "trust"})] * 25
    ballots += [(True, {"1": "trust", "2": "high"})] * 8
    ballots += [(True, {"1": "low", "2": "low"})] * 4
    ballots += [(True, {"1": "several", "2": "high"})]
    ballots += [(True, {"1": "none", "2": "low"})]
    counts = count_ballots([1, 2], ballots, issued=40, levels=LEVELS)
    one = counts[1]
    assert (one.issued, one.returned, one.valid, one.invalid) == (40, 39, 37, 2)
    assert one.counts == {"high": 25, "trust": 8, "low": 4}
    # 25/39 = 64.1025…% → 64.10; 8/39 = 20.5128…% → 20.51; 4/39 = 10.2564…% → 10.26.
    assert [one.share(k) for k in ("high", "trust", "low")] == [
        Decimal("64.10"),
        Decimal("20.51"),
        Decimal("10.26"),
    ]
    two = counts[2]
    assert two.invalid == 0 and two.counts == {"high": 9, "trust": 25, "low": 5}  # 8 + 1, 25, 4 + 1


def test_rounding_is_half_up_on_the_exact_value():
    # 1 of 8 = 12.5 % exactly; 1 of 3 = 33.333…; 2 of 3 = 66.666… → 66.67; 1 of 16 = 6.25.
    assert Count(issued=8, returned=8, counts={"low": 1}).share("low") == Decimal("12.50")
    assert Count(issued=3, returned=3, counts={"low": 2}).share("low") == Decimal("66.67")
    assert Count(issued=200, returned=200, counts={"low": 67}).share("low") == Decimal("33.50")
    assert Count(issued=0, returned=0).share("low") == Decimal("0.00")


@pytest.mark.parametrize(
    ("low", "returned", "flag"),
    [
        (19, 39, Flag.NONE),  # 19/39 < 1/2
        (20, 40, Flag.NONE),  # exactly 1/2 is not more than 1/2
        (20, 39, Flag.RELIEF),  # 20/39 > 1/2, < 2/3
        (25, 39, Flag.RELIEF),  # 25/39 = 0.641 < 2/3
        (26, 39, Flag.DISMISSAL),  # exactly 2/3
        (27, 40, Flag.DISMISSAL),  # 27/40 = 0.675
        (0, 0, Flag.NONE),
    ],
)
def test_consequences_on_exact_fractions(low, returned, flag):
    relief, dismissal = thresholds()
    count = Count(issued=returned, returned=returned, counts={"high": 0, "trust": 0, "low": low})
    assert flag_of(count, LEVELS, relief, dismissal) == flag


def test_a_ballot_not_issued_is_invalid_for_everyone():
    counts = count_ballots(
        [1, 2], [(False, {}), (True, {"1": "high", "2": "low"})], issued=2, levels=LEVELS
    )
    assert counts[1].invalid == 1 and counts[2].invalid == 1 and counts[1].returned == 2


# --- the workflow -----------------------------------------------------------------------


@pytest.fixture
def vote(tree, personas):
    user = personas.board_specialist
    v = services.vote_create(
        actor=user,
        organization=tree.root,
        title="Lấy phiếu tín nhiệm giữa nhiệm kỳ",
        held_on=D(2027, 12, 10),
        place="Hội trường Thành ủy",
    )
    services.candidates_set(
        actor=user,
        vote=v,
        people=[
            {"full_name": "Nguyễn Văn Một", "post": "Phó Bí thư Thường trực Thành ủy"},
            {"full_name": "Trần Thị Hai", "post": "Trưởng Ban Tổ chức Thành ủy"},
        ],
    )
    services.voters_set(
        actor=user, vote=v, people=[{"full_name": f"Ủy viên {i}"} for i in range(1, 46)]
    )
    head = make_user("kiemphieu1")
    member = make_user("kiemphieu2")
    services.board_set(
        actor=user,
        vote=v,
        members=[(head, "Lê Văn Ba", BoardRole.HEAD), (member, "Phạm Thị Bốn", BoardRole.MEMBER)],
    )
    v.refresh_from_db()
    v.head, v.member = head, member  # type: ignore[attr-defined]
    return v


def present(v, n):
    return list(v.voters.order_by("pk").values_list("pk", flat=True)[:n])


def test_quorum_two_thirds_of_those_convened(vote, personas):
    user = personas.board_specialist
    assert vote.rule.code == "confidence_vote" and vote.convened_count == 45
    with pytest.raises(DomainError) as err:
        services.vote_open(
            actor=user, vote=vote, expected_version=vote.version, present_ids=present(vote, 29)
        )
    assert err.value.code == "no_quorum" and "29" in err.value.message and "30" in err.value.message
    vote.refresh_from_db()
    assert vote.status == VoteStatus.PREPARED
    services.vote_open(
        actor=user,
        vote=vote,
        expected_version=vote.version,
        present_ids=present(vote, 30),
        paper_issued=2,
    )
    vote.refresh_from_db()
    assert vote.status == VoteStatus.OPEN and vote.present_count == 30
    assert vote.voters.filter(present=True).count() == 30  # the attendance record is kept


def opened(vote, user, paper=2, present_n=40):
    services.vote_open(
        actor=user,
        vote=vote,
        expected_version=vote.version,
        present_ids=present(vote, present_n),
        paper_issued=paper,
    )
    vote.refresh_from_db()
    return vote


def ids(vote):
    return [str(c.pk) for c in vote.candidates.all()]


def test_electronic_codes_work_once_and_only_in_their_vote(vote, personas, tree):
    user = personas.board_specialist
    opened(vote, user)
    codes = services.codes_issue(actor=user, vote=vote, count=3)
    assert len(codes) == 3 and all(len(c) == 11 for c in codes)
    assert not VoteCode.objects.filter(digest__in=codes).exists()  # only digests are kept
    a, b = ids(vote)
    services.cast_electronic(vote=vote, code=codes[0], marks={a: "high", b: "low"})
    with pytest.raises(DomainError) as err:
        services.cast_electronic(vote=vote, code=codes[0], marks={a: "trust", b: "trust"})
    assert err.value.code == "bad_code"
    # A code of another vote.
    other = services.vote_create(
        actor=user, organization=tree.root, title="Khác", held_on=D(2027, 12, 11), place="X"
    )
    with pytest.raises(DomainError):
        services.cast_electronic(vote=other, code=codes[1], marks={})
    # Lower case and without the dash is the same code; a person rated twice is invalid.
    services.cast_electronic(
        vote=vote, code=codes[1].lower().replace("-", ""), marks={a: ["high", "low"]}
    )
    assert Ballot.objects.count() == 2
    marks = sorted((b_.marks[a], b_.marks[b]) for b_ in Ballot.objects.all())
    assert marks == [("high", "low"), ("several", "none")]
    assert AuditEntry.objects.filter(action="votes.code_used").count() == 2
    services.vote_close(actor=user, vote=vote, expected_version=vote.version)
    with pytest.raises(DomainError) as err:  # voting after close: nothing changes
        services.cast_electronic(vote=vote, code=codes[2], marks={a: "high", b: "high"})
    assert Ballot.objects.count() == 2


def test_too_many_codes_is_refused(vote, personas):
    opened(vote, personas.board_specialist, paper=38, present_n=40)
    with pytest.raises(DomainError) as err:
        services.codes_issue(actor=personas.board_specialist, vote=vote, count=3)
    assert err.value.code == "too_many_codes"


def test_paper_double_entry_and_reconciliation(vote, personas):
    user = personas.board_specialist
    opened(vote, user, paper=3)
    a, b = ids(vote)
    assert (
        services.paper_enter(actor=vote.head, vote=vote, sheet_no=1, marks={a: "high", b: "trust"})
        == "waiting"
    )
    with pytest.raises(DomainError) as err:  # the same reader twice
        services.paper_enter(actor=vote.head, vote=vote, sheet_no=1, marks={a: "high", b: "trust"})
    assert err.value.code == "same_reader"
    assert (
        services.paper_enter(
            actor=vote.member, vote=vote, sheet_no=1, marks={a: "high", b: "trust"}
        )
        == "stored"
    )
    services.paper_enter(actor=vote.head, vote=vote, sheet_no=2, marks={a: "low", b: "trust"})
    assert (
        services.paper_enter(
            actor=vote.member, vote=vote, sheet_no=2, marks={a: "trust", b: "trust"}
        )
        == "conflict"
    )
    with pytest.raises(DomainError):  # only the head reconciles
        services.paper_reconcile(
            actor=vote.member, vote=vote, sheet_no=2, marks={a: "low", b: "trust"}
        )
    services.paper_reconcile(actor=vote.head, vote=vote, sheet_no=2, marks={a: "low", b: "trust"})
    # Sheet 3: not issued by the counting board (both readers say so).
    services.paper_enter(actor=vote.head, vote=vote, sheet_no=3, marks={}, issued=False)
    services.paper_enter(actor=vote.member, vote=vote, sheet_no=3, marks={}, issued=False)
    with pytest.raises(DomainError) as err:
        services.paper_enter(actor=user, vote=vote, sheet_no=4, marks={})
    assert err.value.code == "not_on_board"
    services.vote_close(actor=user, vote=vote, expected_version=vote.version)
    vote.refresh_from_db()
    results = services.vote_tally(actor=user, vote=vote, expected_version=vote.version)
    first = next(r for r in results if r.candidate.full_name == "Nguyễn Văn Một")
    assert (first.issued, first.returned, first.valid, first.invalid) == (3, 3, 2, 1)
    assert first.counts == {"high": 1, "trust": 0, "low": 1}
    assert first.flag == ""


def test_tally_waits_for_unsettled_sheets(vote, personas):
    user = personas.board_specialist
    opened(vote, user, paper=2)
    a, b = ids(vote)
    services.paper_enter(actor=vote.head, vote=vote, sheet_no=1, marks={a: "high", b: "high"})
    services.vote_close(actor=user, vote=vote, expected_version=vote.version)
    vote.refresh_from_db()
    with pytest.raises(DomainError) as err:
        services.vote_tally(actor=user, vote=vote, expected_version=vote.version)
    assert err.value.code == "sheets_pending" and "1" in err.value.message
    assert not Result.objects.exists()


def test_the_full_count_with_a_flag(vote, personas):
    """40 present: 30 electronic codes, 10 paper; person 1 gets 26 "low" of 39 returned
    (one code not used) → exactly 2/3 → dismissal; person 2 gets 20 "low" → relief."""
    user = personas.board_specialist
    opened(vote, user, paper=10)
    a, b = ids(vote)
    codes = services.codes_issue(actor=user, vote=vote, count=30)
    plan = [("low", "low")] * 20 + [("low", "high")] * 6 + [("high", "trust")] * 13
    for n, (ma, mb) in enumerate(plan[:29]):
        services.cast_electronic(vote=vote, code=codes[n], marks={a: ma, b: mb})
    for sheet, (ma, mb) in enumerate(plan[29:], start=1):
        services.paper_enter(actor=vote.head, vote=vote, sheet_no=sheet, marks={a: ma, b: mb})
        services.paper_enter(actor=vote.member, vote=vote, sheet_no=sheet, marks={a: ma, b: mb})
    services.vote_close(actor=user, vote=vote, expected_version=vote.version)
    vote.refresh_from_db()
    results = {
        r.candidate.full_name: r
        for r in services.vote_tally(actor=user, vote=vote, expected_version=vote.version)
    }
    one, two = results["Nguyễn Văn Một"], results["Trần Thị Hai"]
    assert (one.issued, one.returned, one.valid) == (40, 39, 39)
    assert one.counts["low"] == 26 and one.flag == Flag.DISMISSAL
    assert two.counts["low"] == 20 and two.flag == Flag.RELIEF
    assert not VoteCode.objects.filter(vote=vote, used=False).exists()  # unused code gone


# --- secrecy ----------------------------------------------------------------------------


def test_nothing_in_the_database_links_a_ballot_to_a_code_or_a_voter(vote, personas):
    """With the whole database and the audit log after the vote, try to link ballots to
    codes (or to the order of casting, which the audit log's times would give) and fail."""
    user = personas.board_specialist
    opened(vote, user, paper=0, present_n=40)
    a, b = ids(vote)
    codes = services.codes_issue(actor=user, vote=vote, count=12)
    cast = []
    for n, code in enumerate(codes):
        marks = {a: ("high", "trust", "low")[n % 3], b: ("low", "high", "trust")[n // 4 % 3]}
        services.cast_electronic(vote=vote, code=code, marks=marks)
        cast.append(marks)
    before_close = [str(pk) for pk in Ballot.objects.order_by("pk").values_list("pk", flat=True)]
    services.vote_close(actor=user, vote=vote, expected_version=vote.version)
    # 1. The ballot rows hold no time, code, voter, account or address.
    fields = {f.name for f in Ballot._meta.get_fields()}
    assert fields == {"id", "vote", "channel", "issued", "marks"}
    # 2. Every key changed at closing (keys seen while voting lead nowhere).
    after = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    assert not after & set(before_close)
    # 3. The physical order no longer follows the order of casting: read the table in
    # storage order and compare with the casting order (12! orders; the chance that the
    # shuffle gives back the casting order is 1 in 479,001,600).
    table = Ballot._meta.db_table
    order_column = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT marks FROM "{table}" ORDER BY {order_column}')
        import json

        stored = [
            json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in cursor.fetchall()
        ]
    assert sorted(map(sorted_items, stored)) == sorted(map(sorted_items, cast))
    assert [sorted_items(m) for m in stored] != [sorted_items(m) for m in cast]
    # 4. The audit log says that codes were used, never which code or what was voted.
    for entry in AuditEntry.objects.filter(action__startswith="votes."):
        text = str(entry.changes) + entry.target_repr
        assert not any(code.replace("-", "") in text.replace("-", "") for code in codes)
        assert ("high" not in text and "low" not in text) or entry.action == "votes.tally"
    # 5. The codes table keeps only digests of used codes, no time; unused codes are gone.
    assert {f.name for f in VoteCode._meta.get_fields()} == {"id", "vote", "digest", "used"}
    assert not VoteCode.objects.filter(vote=vote, used=False).exists()


def sorted_items(marks):
    return tuple(sorted(marks.items()))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_code_cannot_be_used_twice_in_parallel(tree, personas):
    user = personas.board_specialist
    v = services.vote_create(
        actor=user, organization=tree.root, title="T", held_on=D(2027, 1, 5), place="P"
    )
    services.candidates_set(actor=user, vote=v, people=[{"full_name": "A", "post": "B"}])
    v.convened_count = 3
    v.save()
    services.board_set(
        actor=user,
        vote=v,
        members=[(make_user("h1"), "H", BoardRole.HEAD), (make_user("m1"), "M", BoardRole.MEMBER)],
    )
    v.refresh_from_db()
    services.vote_open(actor=user, vote=v, expected_version=v.version, present_count=3)
    (code,) = services.codes_issue(actor=user, vote=Vote.objects.get(pk=v.pk), count=1)
    cid = str(v.candidates.get().pk)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def cast():
        from django.db import connections

        try:
            barrier.wait()
            services.cast_electronic(vote=v, code=code, marks={cid: "high"})
            outcomes.append("ok")
        except Exception as exc:  # refused (DomainError) or locked (OperationalError)
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1, outcomes
    assert Ballot.objects.filter(vote=v).count() == 1


def test_bad_ballot_input_changes_nothing(vote, personas):
    user = personas.board_specialist
    opened(vote, user, paper=1)
    (code,) = services.codes_issue(actor=user, vote=vote, count=1)
    a, _b = ids(vote)
    with pytest.raises(DomainError):  # a person not on the list
        services.cast_electronic(vote=vote, code=code, marks={"999999": "high"})
    with pytest.raises(DomainError):  # an unknown level
        services.cast_electronic(vote=vote, code=code, marks={a: "excellent"})
    assert not Ballot.objects.exists()
    assert VoteCode.objects.filter(used=False).count() == 1  # the code is still good
    with pytest.raises(DomainError) as err:
        services.paper_enter(actor=vote.head, vote=vote, sheet_no=2, marks={a: "high"})
    assert err.value.code == "bad_sheet"
    assert not PaperEntry.objects.exists()
