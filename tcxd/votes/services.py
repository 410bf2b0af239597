"""Writes of a confidence vote. Every function: keyword-only, one transaction, validation
with a message naming what is wrong, and its audit entry — except that nothing about a
ballot's content is ever audited: casting records only that a code was used.

Who: preparing, opening, closing and tallying need ``Action.REVIEW`` at the organizing
body (its leaders and the board's staff); paper ballots are entered by the members of the
counting board (their accounts are listed on the vote); an electronic ballot needs only
a valid unused code (the voting page is not signed in: an account would name the voter).

States: prepared → open (quorum: at least 2/3 of those convened present) → closed (the
ballots are rewritten in a random order) → tallied (the results are frozen) → reported.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.core.locking import bump_version
from tcxd.core.text import normalize_text
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_in_force

from .choices import INVALID_MARKS, BoardRole, Channel, VoteStatus
from .models import Ballot, BoardMember, Candidate, PaperEntry, Result, Vote, VoteCode, Voter
from .tally import Levels, count_ballots, flag_of

RULE = "confidence_vote"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read from paper
CODE_LENGTH = 10
STALE = "Someone else changed this vote after you opened it: reload the page and try again."


def _require(actor: Any, vote_or_org: Vote | Organization) -> None:
    org = vote_or_org.organization if isinstance(vote_or_org, Vote) else vote_or_org
    if not can(actor, Action.REVIEW, org.path):
        raise DomainError(
            "forbidden", _("You may not organize votes for %(org)s.") % {"org": org.name}
        )


def _in_status(vote: Vote, *statuses: str) -> None:
    if vote.status not in statuses:
        raise DomainError(
            "wrong_status",
            _("The vote is %(status)s: this cannot be done now.")
            % {"status": VoteStatus(vote.status).label.lower()},
        )


def rule_of(vote: Vote) -> Any:
    rule = vote.rule or rule_in_force(RULE, on=vote.held_on)
    if rule is None:
        raise DomainError(
            "no_rule",
            _("No version of the confidence vote rule covers %(date)s.")
            % {"date": vote.held_on.strftime("%d/%m/%Y")},
        )
    return rule


def levels_of(vote: Vote) -> Levels:
    raw = rule_of(vote).values["levels"]["value"]
    return Levels(codes=tuple(level["code"] for level in raw))


def level_labels(vote: Vote) -> dict[str, str]:
    return {level["code"]: level["label"] for level in rule_of(vote).values["levels"]["value"]}


# --- preparing --------------------------------------------------------------------------


@transaction.atomic
def vote_create(
    *,
    actor: Any,
    organization: Organization,
    title: str,
    held_on: Any,
    place: str,
    legal_basis: str = "",
    convened_count: int = 0,
) -> Vote:
    _require(actor, organization)
    rule = rule_in_force(RULE, on=held_on)
    if rule is None:
        raise DomainError(
            "no_rule",
            _("No version of the confidence vote rule covers %(date)s.")
            % {"date": held_on.strftime("%d/%m/%Y")},
            fields={"held_on": [_("No rule in force.")]},
        )
    title, place = normalize_text(title), normalize_text(place)
    if not title or not place:
        raise DomainError(
            "incomplete",
            _("Give the title and the place of the vote."),
            fields={k: [_("Required.")] for k, v in (("title", title), ("place", place)) if not v},
        )
    if convened_count < 0:
        raise DomainError("negative", _("The number convened cannot be negative."))
    vote = Vote.objects.create(
        organization=organization,
        organization_path=organization.path,
        title=title,
        held_on=held_on,
        place=place,
        legal_basis=normalize_text(legal_basis) or rule.legal_basis,
        convened_count=convened_count,
        rule=rule,
        created_by=actor,
    )
    record(actor=actor, action="votes.create", target=vote, changes={"after": {"title": title}})
    return vote


@transaction.atomic
def candidates_set(
    *, actor: Any, vote: Vote, people: Sequence[Mapping[str, Any]]
) -> list[Candidate]:
    """The people voted on, in the ballot's order: {full_name, post, person?, user?}."""
    _require(actor, vote)
    _in_status(vote, VoteStatus.PREPARED)
    rows = []
    for index, item in enumerate(people, start=1):
        name, post = (
            normalize_text(item.get("full_name") or ""),
            normalize_text(item.get("post") or ""),
        )
        if not name or not post:
            raise DomainError(
                "candidate_incomplete",
                _("Person %(n)s on the list needs a name and a post.") % {"n": index},
            )
        rows.append(
            Candidate(
                vote=vote,
                position=index,
                full_name=name,
                post=post,
                person=item.get("person"),
                user=item.get("user"),
            )
        )
    names = [r.full_name.casefold() for r in rows]
    if len(set(names)) != len(names):
        raise DomainError("candidate_twice", _("A person is on the list twice."))
    vote.candidates.all().delete()
    Candidate.objects.bulk_create(rows)
    record(
        actor=actor,
        action="votes.candidates",
        target=vote,
        changes={"after": [f"{r.full_name} — {r.post}" for r in rows]},
    )
    return list(vote.candidates.all())


@transaction.atomic
def voters_set(
    *, actor: Any, vote: Vote, people: Sequence[Mapping[str, Any]], count: int | None = None
) -> None:
    """The voters convened ({full_name, post?, person?}); their number becomes the number
    convened. Without a list, ``count`` is the number convened (a paper-only vote)."""
    if count is not None and count < 0:
        raise DomainError("negative", _("The number convened cannot be negative."))
    _require(actor, vote)
    _in_status(vote, VoteStatus.PREPARED)
    rows = []
    for item in people:
        name = normalize_text(item.get("full_name") or "")
        if not name:
            raise DomainError("voter_incomplete", _("Every voter convened needs a name."))
        rows.append(
            Voter(
                vote=vote,
                full_name=name,
                post=normalize_text(item.get("post") or ""),
                person=item.get("person"),
            )
        )
    vote.voters.all().delete()
    Voter.objects.bulk_create(rows)
    vote.convened_count = len(rows) if rows or count is None else count
    vote.save(update_fields=["convened_count"])
    record(
        actor=actor,
        action="votes.voters",
        target=vote,
        changes={"after": {"convened": vote.convened_count}},
    )


@transaction.atomic
def viewers_set(*, actor: Any, vote: Vote, users: Sequence[Any]) -> None:
    """The users, besides the organizers, who may read the results."""
    _require(actor, vote)
    vote.viewers.set(users)
    record(
        actor=actor,
        action="votes.viewers",
        target=vote,
        changes={"after": sorted(u.get_username() for u in users)},
    )


@transaction.atomic
def board_set(*, actor: Any, vote: Vote, members: Sequence[tuple[Any, str, str]]) -> None:
    """The counting board: (user, full name, role); one head."""
    _require(actor, vote)
    _in_status(vote, VoteStatus.PREPARED, VoteStatus.OPEN)
    heads = [m for m in members if m[2] == BoardRole.HEAD]
    if len(members) < 2 or len(heads) != 1:
        raise DomainError(
            "board_shape",
            _("The counting board needs a head and at least one other member."),
        )
    vote.board.all().delete()
    BoardMember.objects.bulk_create(
        [BoardMember(vote=vote, user=u, full_name=normalize_text(n), role=r) for u, n, r in members]
    )
    record(
        actor=actor,
        action="votes.board",
        target=vote,
        changes={"after": [n for _u, n, _r in members]},
    )


# --- opening: quorum --------------------------------------------------------------------


@transaction.atomic
def vote_open(
    *,
    actor: Any,
    vote: Vote,
    expected_version: int | None,
    present_ids: Sequence[int] | None = None,
    present_count: int | None = None,
    paper_issued: int = 0,
) -> Vote:
    """Record who is present (or how many, for a vote without a list) and open the vote:
    refused unless at least the rule's share (2/3) of those convened are present."""
    _require(actor, vote)
    _in_status(vote, VoteStatus.PREPARED)
    if not vote.candidates.exists():
        raise DomainError("no_candidates", _("List the people voted on first."))
    if vote.board.count() < 2:
        raise DomainError("no_board", _("Name the counting board first."))
    if vote.voters.exists():
        ids = set(present_ids or [])
        unknown = ids - set(vote.voters.values_list("pk", flat=True))
        if unknown:
            raise DomainError("unknown_voter", _("Someone marked present is not convened."))
        vote.voters.update(present=False)
        vote.voters.filter(pk__in=ids).update(present=True)
        present = len(ids)
    else:
        present = present_count or 0
    convened = vote.convened_count
    if present < 0 or present > convened:
        raise DomainError(
            "bad_present",
            _("%(present)s present is not possible with %(convened)s convened.")
            % {"present": present, "convened": convened},
        )
    quorum = rule_of(vote).values["quorum"]
    from tcxd.rules.values import Threshold

    needed = Threshold(quorum["numerator"], quorum["denominator"])
    if not needed.met(present, convened):
        raise DomainError(
            "no_quorum",
            _(
                "Only %(present)s of %(convened)s convened are present: the vote needs at "
                "least %(minimum)s (%(share)s, %(basis)s)."
            )
            % {
                "present": present,
                "convened": convened,
                "minimum": needed.minimum(convened) if convened else 1,
                "share": needed.label(),
                "basis": rule_of(vote).legal_basis,
            },
        )
    if paper_issued < 0 or paper_issued > present:
        raise DomainError(
            "bad_issued",
            _("%(n)s paper ballots cannot be issued to %(present)s people present.")
            % {"n": paper_issued, "present": present},
        )
    bump_version(vote, expected_version, _(STALE))
    vote.present_count = present
    vote.paper_issued = paper_issued
    vote.status = VoteStatus.OPEN
    vote.opened_at = timezone.now()
    vote.save(update_fields=["present_count", "paper_issued", "status", "opened_at"])
    record(
        actor=actor,
        action="votes.open",
        target=vote,
        changes={"after": {"convened": convened, "present": present, "paper_issued": paper_issued}},
    )
    return vote


# --- electronic ballots -----------------------------------------------------------------


def _digest(vote: Vote, code: str) -> str:
    clean = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"{vote.code_salt}:{clean}".encode()).hexdigest()


@transaction.atomic
def codes_issue(*, actor: Any, vote: Vote, count: int) -> list[str]:
    """New one-time codes for electronic voting, returned once (to print); only their
    digests are kept. Codes are handed out at random to those present."""
    _require(actor, vote)
    _in_status(vote, VoteStatus.OPEN)
    issued = vote.codes_printed
    if count <= 0 or issued + count + vote.paper_issued > vote.present_count:
        raise DomainError(
            "too_many_codes",
            _(
                "%(count)s more codes would give more ballots (%(total)s) than people present "
                "(%(present)s)."
            )
            % {
                "count": count,
                "total": issued + count + vote.paper_issued,
                "present": vote.present_count,
            },
        )
    codes = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)
    ]
    VoteCode.objects.bulk_create([VoteCode(vote=vote, digest=_digest(vote, c)) for c in codes])
    vote.codes_printed = issued + count
    vote.save(update_fields=["codes_printed"])
    record(
        actor=actor, action="votes.codes_issued", target=vote, changes={"after": {"count": count}}
    )
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def _check_marks(vote: Vote, marks: Mapping[str, str]) -> dict[str, str]:
    """Every person on the list has exactly one entry: a level, or an invalid mark."""
    candidates = {str(pk) for pk in vote.candidates.values_list("pk", flat=True)}
    allowed = set(levels_of(vote).codes) | set(INVALID_MARKS)
    if set(marks) - candidates:
        raise DomainError("unknown_candidate", _("The ballot names someone not on the list."))
    clean = {}
    for candidate in candidates:
        mark = marks.get(candidate)
        if mark is None:
            mark = INVALID_MARKS[0]  # nothing ticked for that person
        if mark not in allowed:
            raise DomainError("bad_mark", _("Unknown mark on the ballot."))
        clean[candidate] = mark
    return clean


def cast_electronic(*, vote: Vote, code: str, marks: Mapping[str, Any]) -> None:
    """One electronic ballot with a one-time code. ``marks`` maps a candidate id to a level
    code — or to a list of levels (a person rated twice is invalid for that person, as on
    paper). The code is spent and the ballot stored in one transaction; a code already used,
    from another vote, or a closed vote changes nothing."""
    flat: dict[str, str] = {}
    for key, value in marks.items():
        if isinstance(value, list | tuple):
            value = value[0] if len(value) == 1 else ("several" if value else "none")
        flat[str(key)] = str(value)
    with transaction.atomic():
        # The vote row is locked (PostgreSQL) so that closing waits for a cast in flight;
        # SQLite's write transactions are serial already.
        votes = Vote.objects.all()
        if connection.vendor == "postgresql":
            votes = votes.select_for_update()
        vote = votes.get(pk=vote.pk)
        if vote.status != VoteStatus.OPEN:
            raise DomainError("not_open", _("This vote is not open."))
        clean = _check_marks(vote, flat)
        spent = VoteCode.objects.filter(vote=vote, digest=_digest(vote, code), used=False).update(
            used=True
        )
        if spent != 1:
            raise DomainError(
                "bad_code",
                _("This code is not valid for this vote, or it has been used."),
                fields={"code": [_("Not valid or already used.")]},
            )
        Ballot.objects.create(vote=vote, channel=Channel.ELECTRONIC, marks=clean)
        # The audit says a code was used: no code, no ballot, no address.
        record(actor=None, action="votes.code_used", target=vote)


# --- paper ballots ----------------------------------------------------------------------


def _board_member(actor: Any, vote: Vote) -> BoardMember:
    member = vote.board.filter(user=actor).first() if getattr(actor, "pk", None) else None
    if member is None:
        raise DomainError(
            "not_on_board", _("Only the members of the counting board enter paper ballots.")
        )
    return member


@transaction.atomic
def paper_enter(
    *, actor: Any, vote: Vote, sheet_no: int, marks: Mapping[str, str], issued: bool = True
) -> str:
    """One board member's reading of returned paper ballot ``sheet_no``. Returns
    "waiting" (first reading), "stored" (second reading agrees: the ballot is stored) or
    "conflict" (the readings differ: the head of the board reconciles)."""
    member = _board_member(actor, vote)
    vote = Vote.objects.get(pk=vote.pk)
    _in_status(vote, VoteStatus.OPEN, VoteStatus.CLOSED)
    clean = _check_marks(vote, marks) if issued else {}
    if sheet_no <= 0 or sheet_no > vote.paper_issued:
        raise DomainError(
            "bad_sheet",
            _("Sheet %(n)s: the sheets are numbered 1 to %(max)s (paper ballots issued).")
            % {"n": sheet_no, "max": vote.paper_issued},
        )
    entries = list(vote.paper_entries.filter(sheet_no=sheet_no))
    if any(e.final for e in entries) or len([e for e in entries if not e.final]) >= 2:
        raise DomainError(
            "sheet_done", _("Sheet %(n)s has been entered twice already.") % {"n": sheet_no}
        )
    if any(e.entered_by_id == member.user_id for e in entries):
        raise DomainError(
            "same_reader",
            _("Sheet %(n)s needs its second reading from another member of the board.")
            % {"n": sheet_no},
        )
    PaperEntry.objects.create(
        vote=vote, sheet_no=sheet_no, entered_by=actor, issued=issued, marks=clean
    )
    record(
        actor=actor,
        action="votes.paper_entered",
        target=vote,
        changes={"after": {"sheet": sheet_no}},
    )
    if not entries:
        return "waiting"
    first = entries[0]
    if first.issued == issued and first.marks == clean:
        Ballot.objects.create(vote=vote, channel=Channel.PAPER, issued=issued, marks=clean)
        return "stored"
    return "conflict"


@transaction.atomic
def paper_reconcile(
    *, actor: Any, vote: Vote, sheet_no: int, marks: Mapping[str, str], issued: bool = True
) -> None:
    """The head of the board enters the final reading of a sheet whose readings differ."""
    member = _board_member(actor, vote)
    if member.role != BoardRole.HEAD:
        raise DomainError("not_head", _("Only the head of the counting board reconciles."))
    vote = Vote.objects.get(pk=vote.pk)
    _in_status(vote, VoteStatus.OPEN, VoteStatus.CLOSED)
    entries = list(vote.paper_entries.filter(sheet_no=sheet_no))
    readings = [e for e in entries if not e.final]
    if (
        any(e.final for e in entries)
        or len(readings) != 2
        or (readings[0].marks == readings[1].marks and readings[0].issued == readings[1].issued)
    ):
        raise DomainError(
            "no_conflict", _("Sheet %(n)s has no disagreement to reconcile.") % {"n": sheet_no}
        )
    clean = _check_marks(vote, marks) if issued else {}
    PaperEntry.objects.create(
        vote=vote, sheet_no=sheet_no, entered_by=actor, issued=issued, marks=clean, final=True
    )
    Ballot.objects.create(vote=vote, channel=Channel.PAPER, issued=issued, marks=clean)
    record(
        actor=actor,
        action="votes.paper_reconciled",
        target=vote,
        changes={"after": {"sheet": sheet_no}},
    )


def paper_status(vote: Vote) -> dict[int, str]:
    """Per sheet: "waiting" (one reading), "stored", "conflict"."""
    status: dict[int, str] = {}
    readings: dict[int, list[PaperEntry]] = {}
    for entry in vote.paper_entries.all():
        readings.setdefault(entry.sheet_no, []).append(entry)
    for sheet, entries in readings.items():
        if any(e.final for e in entries):
            status[sheet] = "stored"
        elif len(entries) == 1:
            status[sheet] = "waiting"
        elif entries[0].marks == entries[1].marks and entries[0].issued == entries[1].issued:
            status[sheet] = "stored"
        else:
            status[sheet] = "conflict"
    return status


# --- closing, tally ---------------------------------------------------------------------


def _shuffle_ballots(vote: Vote) -> None:
    """Rewrite the vote's ballots in a random order with new keys: the physical order of
    the table (SQLite rowid, PostgreSQL heap) no longer follows the order of casting."""
    rows = list(Ballot.objects.filter(vote=vote).values_list("channel", "issued", "marks"))
    random.SystemRandom().shuffle(rows)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")  # deleted rows overwritten with zeros
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create(
        [Ballot(vote=vote, channel=c, issued=i, marks=m) for c, i, m in rows]
    )


def scrub_storage() -> None:
    """After a vote closes (outside a transaction): let the database drop the old copies of
    the rewritten rows (SQLite: write-ahead log truncated; PostgreSQL: VACUUM)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            cursor.execute(f'VACUUM "{Ballot._meta.db_table}"')


@transaction.atomic
def vote_close(*, actor: Any, vote: Vote, expected_version: int | None) -> Vote:
    _require(actor, vote)
    _in_status(vote, VoteStatus.OPEN)
    bump_version(vote, expected_version, _(STALE))
    VoteCode.objects.filter(vote=vote, used=False).delete()  # unused codes die with the vote
    _shuffle_ballots(vote)
    vote.status = VoteStatus.CLOSED
    vote.closed_at = timezone.now()
    vote.save(update_fields=["status", "closed_at"])
    record(
        actor=actor,
        action="votes.close",
        target=vote,
        changes={"after": {"ballots": vote.ballots.count()}},
    )
    transaction.on_commit(scrub_storage)
    return vote


def ballots_issued(vote: Vote) -> int:
    return vote.paper_issued + vote.codes_printed


@transaction.atomic
def vote_tally(*, actor: Any, vote: Vote, expected_version: int | None) -> list[Result]:
    """Count the ballots and freeze the results. Refused while a paper sheet waits for its
    second reading or a reconciliation."""
    _require(actor, vote)
    _in_status(vote, VoteStatus.CLOSED)
    pending = sorted(s for s, st in paper_status(vote).items() if st != "stored")
    if pending:
        raise DomainError(
            "sheets_pending",
            _("Paper sheets %(sheets)s are not settled (second reading or reconciliation).")
            % {"sheets": ", ".join(map(str, pending[:10]))},
        )
    bump_version(vote, expected_version, _(STALE))
    rule = rule_of(vote)
    from tcxd.rules.values import Threshold

    relief = Threshold(
        **{k: rule.values["low_relief_above"][k] for k in ("numerator", "denominator")}
    )
    dismissal = Threshold(
        **{k: rule.values["low_dismissal_at"][k] for k in ("numerator", "denominator")}
    )
    levels = levels_of(vote)
    candidates = list(vote.candidates.all())
    counts = count_ballots(
        [c.pk for c in candidates],
        vote.ballots.values_list("issued", "marks"),
        issued=ballots_issued(vote),
        levels=levels,
    )
    vote.results.all().delete()
    results = [
        Result(
            vote=vote,
            candidate=c,
            issued=counts[c.pk].issued,
            returned=counts[c.pk].returned,
            valid=counts[c.pk].valid,
            invalid=counts[c.pk].invalid,
            counts=counts[c.pk].counts,
            flag=flag_of(counts[c.pk], levels, relief, dismissal),
        )
        for c in candidates
    ]
    Result.objects.bulk_create(results)
    vote.status = VoteStatus.TALLIED
    vote.save(update_fields=["status"])
    record(
        actor=actor,
        action="votes.tally",
        target=vote,
        changes={"after": {r.candidate.full_name: {**r.counts, "flag": r.flag} for r in results}},
    )
    return results


@transaction.atomic
def vote_report(*, actor: Any, vote: Vote, number: str) -> Vote:
    """The result report was generated (report.py builds the file): tallied → reported.
    Generating it again (a corrected heading) keeps the vote reported."""
    _require(actor, vote)
    _in_status(vote, VoteStatus.TALLIED, VoteStatus.REPORTED)
    if vote.status == VoteStatus.TALLIED:
        vote.status = VoteStatus.REPORTED
        vote.save(update_fields=["status"])
    record(actor=actor, action="votes.report", target=vote, changes={"after": {"number": number}})
    return vote
