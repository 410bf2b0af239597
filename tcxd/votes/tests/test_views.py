"""Confidence vote pages through the test client: who sees what, the forms, the voting
page without sign-in, the counting board's screens, the files."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document

from tcxd.audit.models import AuditEntry

from .. import services, views
from ..choices import VoteStatus
from ..models import Ballot, PaperEntry, Vote, VoteCode
from .conftest import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def url(name: str, vote: Vote, **kw) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"votes:{name}", kwargs={"pk": vote.pk, **kw})


# --- visibility ---------------------------------------------------------------------------


def test_a_commune_officer_gets_404_on_the_city_vote(client, tallied, personas) -> None:
    vote = tallied.vote
    client.force_login(personas.ward_officer)
    for name in ("vote", "results", "minutes_docx", "results_xlsx", "report", "paper", "prepare"):
        assert client.get(url(name, vote)).status_code == 404, name
    assert "Lấy phiếu tín nhiệm giữa" not in client.get(reverse("votes:index")).content.decode()
    # The organizer sees it in the list.
    client.force_login(personas.board_specialist)
    assert vote.title in client.get(reverse("votes:index")).content.decode()


def test_a_person_voted_on_sees_only_their_own_result(client, tallied) -> None:
    vote = tallied.vote
    client.force_login(tallied.candidate_user)
    assert vote.title in client.get(reverse("votes:index")).content.decode()
    page = client.get(url("results", vote)).content.decode()
    assert "Trần Thị Hai" in page and "Nguyễn Văn Một" not in page
    assert "80,00" in page  # 4 low of 5 returned
    # Neither the other files nor the preparation.
    for name in ("minutes_docx", "results_xlsx", "report", "prepare", "paper"):
        assert client.get(url(name, vote)).status_code == 404, name
    entry = AuditEntry.objects.filter(action="votes.results_view").latest("id")
    assert entry.actor == tallied.candidate_user
    assert entry.changes["scope"] == "own" and entry.changes["people"] == ["Trần Thị Hai"]


def test_a_named_reader_sees_every_result_and_the_views_are_audited(
    client, tallied, personas
) -> None:
    vote = tallied.vote
    client.force_login(personas.deputy_secretary)
    page = client.get(url("results", vote)).content.decode()
    assert "Trần Thị Hai" in page and "Nguyễn Văn Một" in page
    assert "60,00" in page  # 3 high of 5 returned for Nguyễn Văn Một
    assert client.get(url("minutes_docx", vote)).status_code == 200
    assert client.get(url("results_xlsx", vote)).status_code == 200
    assert client.get(url("report", vote)).status_code == 404  # organizers only
    whats = list(
        AuditEntry.objects.filter(action="votes.results_view", actor=personas.deputy_secretary)
        .order_by("id")
        .values_list("changes__what", flat=True)
    )
    assert whats == ["page", "minutes", "xlsx"]


def test_results_are_not_shown_before_the_tally(client, tree, personas) -> None:
    scene = build(tree, personas, until="cast")
    client.force_login(personas.board_specialist)
    assert client.get(url("results", scene.vote)).status_code == 404
    assert not AuditEntry.objects.filter(action="votes.results_view").exists()


def test_a_board_member_sees_the_paper_screen_not_the_preparation(client, tree, personas) -> None:
    scene = build(tree, personas, until="open")
    client.force_login(scene.member)
    assert client.get(url("paper", scene.vote)).status_code == 200
    assert client.get(url("vote", scene.vote)).status_code == 200
    for name in ("prepare", "open"):
        assert client.get(url(name, scene.vote)).status_code == 404
    assert client.post(url("codes", scene.vote), {"count": 1}).status_code == 404
    # Only the head reconciles.
    assert client.get(url("reconcile", scene.vote, sheet=1)).status_code == 404


# --- preparing and opening ----------------------------------------------------------------


def test_prepare_and_open_through_the_pages(client, tree, personas) -> None:
    from tcxd.testing.factories import make_user

    make_user("kp1", full_name="Kiểm Phiếu Một")
    make_user("kp2", full_name="Kiểm Phiếu Hai")
    client.force_login(personas.board_specialist)
    response = client.post(
        reverse("votes:create"),
        {
            "organization": tree.root.pk,
            "title": "Lấy phiếu tín nhiệm năm 2027",
            "held_on": "10/12/2027",
            "place": "Hội trường",
            "legal_basis": "",
        },
    )
    vote = Vote.objects.get()
    assert response.status_code == 302 and response["Location"] == url("prepare", vote)
    assert vote.legal_basis.startswith("Quy định 96-QĐ/TW")
    data = {
        "candidates_text": "Nguyễn Văn A; Bí thư Thành ủy\nTrần Thị B; Trưởng Ban Tổ chức; kp1",
        "voters_text": "\n".join(f"Người {i}; Ủy viên" for i in range(1, 7)),
        "head": "kp1",
        "members": "nobody",
        "viewers": "",
    }
    response = client.post(url("prepare", vote), data)
    assert response.status_code == 400 and "nobody" in response.content.decode()
    response = client.post(url("prepare", vote), {**data, "members": "kp2"})
    assert response.status_code == 302
    vote.refresh_from_db()
    assert vote.convened_count == 6
    assert [c.full_name for c in vote.candidates.all()] == ["Nguyễn Văn A", "Trần Thị B"]
    second = vote.candidates.get(position=2)
    assert second.user is not None and second.user.username == "kp1"
    assert vote.board.count() == 2
    # The form shows the lists again.
    page = client.get(url("prepare", vote)).content.decode()
    assert "Trần Thị B; Trưởng Ban Tổ chức; kp1" in page
    # Quorum: 3 of 6 present is refused with the message, 4 opens.
    voters = list(vote.voters.values_list("pk", flat=True))
    response = client.post(
        url("open", vote),
        {"version": vote.version, "present": voters[:3], "paper_issued": 0},
    )
    assert response.status_code == 400
    assert "Chỉ có 3 trên 6" in response.content.decode()
    vote.refresh_from_db()
    assert vote.status == VoteStatus.PREPARED
    response = client.post(
        url("open", vote),
        {"version": vote.version, "present": voters[:4], "paper_issued": 2},
    )
    assert response.status_code == 302
    vote.refresh_from_db()
    assert vote.status == VoteStatus.OPEN and vote.present_count == 4


def test_the_committee_seats_are_offered(client, tree, personas) -> None:
    import datetime as dt

    from tcxd.organizations.services import seat_assign, term_create
    from tcxd.testing.factories import make_member

    member = make_member(
        personas.board_specialist,
        tree.cell1,
        full_name="Hoàng Văn Bí Thư",
        admitted_on=dt.date(2005, 1, 1),
        official_on=dt.date(2006, 1, 1),
    )
    term = term_create(
        actor=personas.board_specialist,
        organization=tree.root,
        name="2025–2030",
        start_on=dt.date(2025, 10, 1),
        end_on=dt.date(2030, 10, 1),
    )
    seat = seat_assign(
        actor=personas.board_specialist,
        term=term,
        position="secretary",
        person=member.person,
        start_on=dt.date(2025, 10, 1),
    )
    scene = build(tree, personas, until="prepared")
    client.force_login(personas.board_specialist)
    page = client.get(url("prepare", scene.vote)).content.decode()
    assert "Hoàng Văn Bí Thư" in page
    response = client.post(
        url("prepare", scene.vote),
        {
            "seats": [seat.pk],
            "candidates_text": "Trần Thị B; Trưởng Ban Tổ chức",
            "voters_from_committee": "on",
            "voters_text": "Người 2\nNgười 3",
            "head": "kp.truong",
            "members": "kp.thanhvien",
        },
    )
    assert response.status_code == 302
    first = scene.vote.candidates.get(position=1)
    assert first.person == member.person and first.post == "Bí thư Thành ủy"
    assert scene.vote.voters.count() == 3


# --- printed paper ------------------------------------------------------------------------


def test_print_ballots_and_issue_codes(client, tree, personas) -> None:
    scene = build(tree, personas, until="open")
    client.force_login(personas.board_specialist)
    response = client.get(url("ballots_pdf", scene.vote) + "?count=3&signature=on")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    before = VoteCode.objects.count()
    # 5 present, 2 paper, 3 codes already: no more codes.
    response = client.post(url("codes", scene.vote), {"count": 1})
    assert response.status_code == 302
    assert VoteCode.objects.count() == before
    scene.vote.present_count = 7
    scene.vote.save()
    response = client.post(url("codes", scene.vote), {"count": 2})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert VoteCode.objects.count() == before + 2
    # GET is not how codes are issued.
    assert client.get(url("codes", scene.vote)).status_code == 405


# --- the voting page ----------------------------------------------------------------------


def test_the_voting_page_needs_no_sign_in(client, tree, personas) -> None:
    scene = build(tree, personas, until="open")
    a, b = scene.ids()
    page = client.get(url("ballot", scene.vote))
    assert page.status_code == 200 and "Nguyễn Văn Một" not in page.content.decode()
    # Step 1: the code (not spent), step 2: the ballot.
    response = client.post(url("ballot", scene.vote), {"code": scene.codes[0].lower()})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nguyễn Văn Một" in text and "Tín nhiệm cao" in text
    assert VoteCode.objects.filter(used=True).count() == 0
    response = client.post(
        url("ballot", scene.vote),
        {"code": scene.codes[0], "cast": "1", f"c{a}": "high", f"c{b}": "trust"},
    )
    assert response.status_code == 302 and response["Location"] == url("ballot_done", scene.vote)
    done = client.get(response["Location"]).content.decode()
    assert "Tín nhiệm" not in done.split("<main", 1)[1]  # nothing of the choice
    ballot = Ballot.objects.get()
    assert ballot.marks == {a: "high", b: "trust"}
    assert "sessionid" not in client.cookies
    # Used again: refused, nothing stored.
    response = client.post(
        url("ballot", scene.vote),
        {"code": scene.codes[0], "cast": "1", f"c{a}": "low", f"c{b}": "low"},
    )
    assert response.status_code == 400
    assert "đã được sử dụng" in response.content.decode()
    assert Ballot.objects.count() == 1


def test_a_bad_code_stores_nothing_and_is_not_logged(client, tree, personas) -> None:
    scene = build(tree, personas, until="open")
    a, b = scene.ids()
    audit_before = AuditEntry.objects.count()
    response = client.post(url("ballot", scene.vote), {"code": "AAAAA-BBBBB"})
    assert response.status_code == 400
    assert "AAAAA" not in response.content.decode()  # not echoed back into the form
    response = client.post(
        url("ballot", scene.vote),
        {"code": "AAAAA-BBBBB", "cast": "1", f"c{a}": "high", f"c{b}": "high"},
    )
    assert response.status_code == 400
    assert not Ballot.objects.exists()
    assert VoteCode.objects.filter(used=True).count() == 0
    assert AuditEntry.objects.count() == audit_before
    # A person left unrated is "none" (invalid for that person), as on paper.
    client.post(url("ballot", scene.vote), {"code": scene.codes[1], "cast": "1", f"c{a}": "low"})
    assert Ballot.objects.get().marks == {a: "low", b: "none"}


def test_guessing_codes_is_refused_after_the_limit(client, tree, personas, monkeypatch) -> None:
    monkeypatch.setattr(views, "WRONG_CODES_PER_MINUTE", 3)
    scene = build(tree, personas, until="open")
    for _n in range(3):
        assert client.post(url("ballot", scene.vote), {"code": "WRONG-CODE1"}).status_code == 400
    # Now even a good code waits for the minute to pass; it is not spent.
    response = client.post(url("ballot", scene.vote), {"code": scene.codes[0]})
    assert response.status_code == 429
    assert VoteCode.objects.filter(used=True).count() == 0
    cache.clear()  # the next minute
    assert client.post(url("ballot", scene.vote), {"code": scene.codes[0]}).status_code == 200


def test_the_voting_page_of_a_closed_vote(client, tallied) -> None:
    before = Ballot.objects.count()
    page = client.get(url("ballot", tallied.vote)).content.decode()
    assert "không mở để bỏ phiếu" in page
    assert "Nguyễn Văn Một" not in page
    response = client.post(url("ballot", tallied.vote), {"code": "AAAAA-BBBBB"})
    assert response.status_code == 200 and Ballot.objects.count() == before


def test_the_voting_page_needs_the_csrf_token(tree, personas) -> None:
    from django.test import Client

    scene = build(tree, personas, until="open")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("ballot", scene.vote), {"code": scene.codes[0]})
    assert response.status_code == 403


# --- the counting board -------------------------------------------------------------------


def test_double_entry_and_reconciliation_through_the_pages(client, tree, personas) -> None:
    scene = build(tree, personas, until="open")
    a, b = scene.ids()
    client.force_login(scene.head)
    page = client.get(url("paper", scene.vote)).content.decode()
    assert 'value="1"' in page  # the next sheet to enter
    response = client.post(url("paper", scene.vote), {"sheet_no": 1, f"c{a}": "high"})
    assert response.status_code == 400  # a person without a mark
    assert not PaperEntry.objects.exists()
    client.post(url("paper", scene.vote), {"sheet_no": 1, f"c{a}": "high", f"c{b}": "low"})
    client.post(url("paper", scene.vote), {"sheet_no": 2, "not_issued": "on"})
    client.force_login(scene.member)
    client.post(url("paper", scene.vote), {"sheet_no": 1, f"c{a}": "high", f"c{b}": "trust"})
    response = client.post(url("paper", scene.vote), {"sheet_no": 2, "not_issued": "on"})
    assert response.status_code == 302
    assert services.paper_status(scene.vote) == {1: "conflict", 2: "stored"}
    client.force_login(scene.head)
    page = client.get(url("reconcile", scene.vote, sheet=1)).content.decode()
    assert "Tín nhiệm thấp" in page and "Tín nhiệm" in page
    response = client.post(
        url("reconcile", scene.vote, sheet=1), {"sheet_no": 1, f"c{a}": "high", f"c{b}": "low"}
    )
    assert response.status_code == 302
    assert services.paper_status(scene.vote) == {1: "stored", 2: "stored"}
    assert Ballot.objects.filter(channel="paper").count() == 2


def test_close_tally_and_the_files(client, tree, personas) -> None:
    scene = build(tree, personas, until="cast")
    client.force_login(personas.board_specialist)
    vote = scene.vote
    response = client.post(url("tally", vote), {"version": vote.version})
    assert response.status_code == 302
    assert scene.refresh().status == VoteStatus.OPEN  # not closed yet: refused
    client.post(url("close", vote), {"version": vote.version})
    assert scene.refresh().status == VoteStatus.CLOSED
    response = client.post(url("tally", vote), {"version": scene.vote.version})
    assert response["Location"] == url("results", vote)
    assert scene.refresh().status == VoteStatus.TALLIED
    page = client.get(url("results", vote)).content.decode()
    assert "2/3 trở lên" in page  # Trần Thị Hai's consequence
    response = client.get(url("minutes_docx", vote))
    doc = Document(io.BytesIO(response.content))
    assert "BIÊN BẢN KIỂM PHIẾU" in [p.text for p in doc.paragraphs]
    form = client.get(url("report", vote)).content.decode()
    assert "ĐẢNG BỘ THÀNH PHỐ THỬ NGHIỆM" in form
    response = client.post(
        url("report", vote),
        {
            "number": 12,
            "symbol": "BC/TU",
            "issued_on": "15/12/2027",
            "place": "Thử nghiệm",
            "issuer_upper": "ĐẢNG BỘ THÀNH PHỐ THỬ NGHIỆM",
            "issuer": "THÀNH ỦY",
            "sign_for": "T/M BAN THƯỜNG VỤ",
            "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "signer_name": "Nguyễn Văn Bình",
            "recipients": "Ban Tổ chức Trung ương\nLưu VP",
        },
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('bao-cao-tin-nhiem-12-20271215.docx"')
    doc = Document(io.BytesIO(response.content))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    assert scene.refresh().status == VoteStatus.REPORTED
    assert AuditEntry.objects.filter(action="votes.report").count() == 1
