"""Import members from a spreadsheet: all or nothing, one service for the CLI and the web.

Every row is checked (the file's own rules in ``importers``, then against the registry and
the tree here) before anything is written; one problem anywhere means nothing is written
and the report names every problem by row and column. Re-importing the same file changes
nothing: the citizen ID identifies the person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.bulk import gc_paused
from tcxd.core.errors import DomainError
from tcxd.organizations.models import Organization

from .bulk import BulkEvent, NewMember, members_bulk_create
from .choices import EventKind, EventSource
from .importers import COLUMN_BY_KEY, FileRefused, ParsedFile, ParsedRow, Problem, read_file
from .models import Member, Person
from .services import PERSON_FIELDS, person_update, person_values
from .state import EventIn, HistoryError, OrgRef

CHUNK = 5000


@dataclasses.dataclass
class ImportReport:
    problems: list[Problem]
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def import_file(*, actor: Any, upload: BinaryIO, filename: str, dry_run: bool) -> ImportReport:
    with gc_paused():
        try:
            parsed = read_file(upload, filename)
        except FileRefused as refused:
            return ImportReport(problems=[refused.problem], dry_run=dry_run)
        return import_members(actor=actor, parsed=parsed, dry_run=dry_run)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclasses.dataclass
class _Plan:
    new: list[tuple[ParsedRow, dict[str, Any], Organization]]
    attach: list[tuple[ParsedRow, Person, Organization]]
    update: list[tuple[ParsedRow, Member]]
    unchanged: int


def import_members(*, actor: Any, parsed: ParsedFile, dry_run: bool) -> ImportReport:
    problems = list(parsed.problems)
    bad_rows = {p.row for p in problems}
    rows = [r for r in parsed.rows if r.row not in bad_rows]
    plan = _plan(actor, rows, problems)
    report = ImportReport(problems=problems, rows=len(parsed.rows), dry_run=dry_run)
    if problems:
        report.problems.sort(key=lambda p: (p.row, p.column))
        return report
    try:
        with transaction.atomic():
            _write(actor, plan, report)
            if dry_run:
                transaction.set_rollback(True)
    except RowError as exc:  # a history rule refused a row while writing: nothing is kept
        report.problems.append(exc.problem)
        report.created = report.updated = 0
    except DomainError as exc:
        report.problems.append(Problem(0, "", exc.message))
        report.created = report.updated = 0
    return report


def _plan(actor: Any, rows: list[ParsedRow], problems: list[Problem]) -> _Plan:
    def problem(row: ParsedRow, key: str, message: str) -> None:
        problems.append(Problem(row.row, COLUMN_BY_KEY[key].header if key else "", message))

    codes = {r.values["organization_code"] for r in rows}
    orgs = {
        o.code: o
        for chunk in _chunks(sorted(codes))
        for o in Organization.objects.filter(code__in=chunk).select_related("kind")
    }
    seen_ids: dict[str, int] = {}
    seen_cards: dict[str, int] = {}
    today = timezone.localdate()
    refusals: dict[str, str | None] = {}  # code -> why rows with it are refused (once a code)
    for code in codes:
        org = orgs.get(code)
        if org is None:
            refusals[code] = _("No party organization has the code %(code)s.") % {"code": code}
        elif not can(actor, Action.IMPORT, org.path):
            refusals[code] = _(
                "The organization with code %(code)s is outside the organizations you manage."
            ) % {"code": code}
        elif not org.kind.holds_members:
            refusals[code] = _("%(org)s is not a cell: members are registered in cells.") % {
                "org": org.name
            }
        elif org.is_dissolved(today):
            refusals[code] = _("%(org)s has been dissolved.") % {"org": org.name}
        else:
            refusals[code] = None
    valid: list[ParsedRow] = []
    for row in rows:
        v = row.values
        ok = True
        refusal = refusals[v["organization_code"]]
        if refusal:
            problem(row, "organization_code", refusal)
            ok = False
        first = seen_ids.setdefault(v["citizen_id"], row.row)
        if first != row.row:
            problem(
                row,
                "citizen_id",
                _("The same citizen ID is already on row %(row)s.") % {"row": first},
            )
            ok = False
        if v.get("card_number"):
            first = seen_cards.setdefault(v["card_number"], row.row)
            if first != row.row:
                problem(
                    row,
                    "card_number",
                    _("The same card number is already on row %(row)s.") % {"row": first},
                )
                ok = False
        if ok:
            valid.append(row)

    ids = [r.values["citizen_id"] for r in valid]
    people: dict[str, Person] = {}
    for chunk in _chunks(ids):
        for person in Person.objects.filter(citizen_id__in=chunk).select_related(
            "member__organization"
        ):
            people[person.citizen_id] = person  # type: ignore[index]
    cards = [r.values["card_number"] for r in valid if r.values.get("card_number")]
    card_owner: dict[str, str | None] = {}
    for chunk in _chunks(cards):
        for card, cid in Member.objects.filter(card_number__in=chunk).values_list(
            "card_number", "person__citizen_id"
        ):
            if card:
                card_owner[card] = cid

    plan = _Plan([], [], [], 0)
    for row in valid:
        v = row.values
        org = orgs[v["organization_code"]]
        card = v.get("card_number")
        if card and card_owner.get(card, v["citizen_id"]) != v["citizen_id"]:
            problem(
                row,
                "card_number",
                _("Party card number %(card)s belongs to another member.") % {"card": card},
            )
            continue
        existing = people.get(v["citizen_id"])
        if existing is None:
            plan.new.append((row, person_values(v), org))
            continue
        member = getattr(existing, "member", None)
        if member is None:
            plan.attach.append((row, existing, org))
            continue
        clash = _membership_clash(v, member)
        if clash:
            problem(row, clash[0], clash[1])
            continue
        if _person_changed(existing, v):
            plan.update.append((row, member))
        else:
            plan.unchanged += 1
    return plan


def _membership_clash(v: dict[str, Any], member: Member) -> tuple[str, str] | None:
    if member.organization and member.organization.code != v["organization_code"]:
        return (
            "organization_code",
            _(
                "In the registry this member belongs to %(org)s (%(code)s). Record a transfer "
                "instead of changing the code here."
            )
            % {"org": member.organization.name, "code": member.organization.code},
        )
    if member.admitted_on != v["admitted_on"]:
        return (
            "admitted_on",
            _("The registry has the admission on %(date)s.")
            % {"date": member.admitted_on.strftime("%d/%m/%Y")},
        )
    if v.get("official_on") and member.official_on != v["official_on"]:
        registry = member.official_on.strftime("%d/%m/%Y") if member.official_on else "—"
        return (
            "official_on",
            _("The registry has the official date %(date)s; record the recognition as an event.")
            % {"date": registry},
        )
    if v.get("card_number") and member.card_number and member.card_number != v["card_number"]:
        return (
            "card_number",
            _("The registry has card number %(card)s.") % {"card": member.card_number},
        )
    return None


def _known(v: dict[str, Any]) -> dict[str, Any]:
    """The row's values that say something: a blank cell in a re-import keeps what the
    registry has rather than erasing it."""
    return {k: value for k, value in v.items() if value not in ("", None)}


def _person_changed(person: Person, v: dict[str, Any]) -> bool:
    values = person_values(_known(v))
    return any(getattr(person, k) != values[k] for k in PERSON_FIELDS if k in values)


def _events_for(v: dict[str, Any], org: Organization) -> list[BulkEvent]:
    ref = OrgRef.of(org)
    events = [
        EventIn(
            kind=EventKind.ADMITTED,
            occurred_on=v["admitted_on"],
            decision_on=v["admitted_on"],
            organization=ref,
            check_founding=False,
        )
    ]
    if v.get("official_on"):
        events.append(
            EventIn(
                kind=EventKind.RECOGNISED_OFFICIAL,
                occurred_on=v["official_on"],
                check_founding=False,
            )
        )
    return [BulkEvent(e) for e in events]


def _write(actor: Any, plan: _Plan, report: ImportReport) -> None:
    records = [
        NewMember(
            events=_events_for(row.values, org),
            person=values,
            card_number=row.values.get("card_number") or None,
            audit_changes={"after": {k: row.values[k] for k in COLUMN_BY_KEY if k in row.values}},
            label=row.values["full_name"],
        )
        for row, values, org in plan.new
    ]
    records += [
        NewMember(
            events=_events_for(row.values, org),
            person_id=person.pk,
            card_number=row.values.get("card_number") or None,
            audit_changes={"after": {k: row.values[k] for k in COLUMN_BY_KEY if k in row.values}},
            label=row.values["full_name"],
        )
        for row, person, org in plan.attach
    ]
    try:
        members_bulk_create(
            actor=actor, records=records, source=EventSource.IMPORT, action="members.import"
        )
    except HistoryError as exc:
        index = getattr(exc, "record_index", 0)
        rows = [r for r, _v, _o in plan.new] + [r for r, _p, _o in plan.attach]
        raise RowError(Problem(rows[index].row, "", exc.message)) from exc
    for row, member in plan.update:
        person_update(actor=actor, member=member, expected_version=None, data=_known(row.values))
    report.created = len(records)
    report.updated = len(plan.update)
    report.unchanged = plan.unchanged
    orgs = [org for _r, _v, org in plan.new] + [org for _r, _p, org in plan.attach]
    record(
        actor=actor,
        action="members.import_file",
        target=None,
        organization=_common_organization(orgs),
        changes={
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "dry_run": report.dry_run,
        },
    )


class RowError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _common_organization(orgs: list[Organization]) -> Organization | None:
    if not orgs:
        return None
    paths = {o.path for o in orgs}
    prefix = min(paths)
    for path in paths:
        while not path.startswith(prefix):
            prefix = prefix[: -Organization.steplen]
    return Organization.objects.filter(path=prefix).first() if prefix else None
