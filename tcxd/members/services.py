"""Writes to the member registry. Every function: keyword-only, ``actor=``, one transaction,
validation, and its audit entry in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError, clean_or_raise
from tcxd.core.locking import bump_version
from tcxd.core.text import fold, name_sort_key, normalize_text, split_full_name
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_in_force

from . import changes, rollup
from .choices import EventKind, EventSource
from .models import Member, MembershipEvent, MembershipPeriod, Person, citizen_id_validator
from .state import EventIn, OrgRef, Period, State, derive

PERSON_FIELDS = (
    "full_name",
    "birth_on",
    "gender",
    "ethnicity",
    "religion",
    "hometown",
    "citizen_id",
    "education",
    "professional_level",
    "theory_level",
    "occupation",
)
# Computed from the full name by ``person_values`` (never typed).
DERIVED_NAME_FIELDS = ("family_name", "middle_name", "given_name", "name_fold", "name_sort_key")
TEXT_FIELDS = ("full_name", "ethnicity", "religion", "hometown", "education", "occupation")


# --- shared pieces ---------------------------------------------------------------------


def rule_lookup(code: str, on: dt.date) -> dict[str, Any] | None:
    """The values of rule ``code`` in force on ``on``, with its legal basis."""
    rule = rule_in_force(code, on=on)
    if rule is None:
        return None
    return {**rule.values, "legal_basis": rule.legal_basis}


def person_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised person fields with the derived name columns (NFC, folded, sort key)."""
    values = {k: data[k] for k in PERSON_FIELDS if k in data}
    for key in TEXT_FIELDS:
        if key in values:
            values[key] = normalize_text(values[key] or "")
    if values.get("citizen_id") == "":
        values["citizen_id"] = None
    if "full_name" in values:
        family, middle, given = split_full_name(values["full_name"])
        values.update(
            family_name=family,
            middle_name=middle,
            given_name=given,
            name_fold=fold(values["full_name"]),
            name_sort_key=name_sort_key(family, middle, given),
        )
    return values


def check_citizen_id(value: str | None, *, exclude_person: int | None = None) -> None:
    if not value:
        return
    try:
        citizen_id_validator(value)
    except ValidationError as exc:
        raise DomainError(
            "citizen_id_format", str(exc.messages[0]), fields={"citizen_id": exc.messages}
        ) from exc
    clash = Person.objects.filter(citizen_id=value)
    if exclude_person is not None:
        clash = clash.exclude(pk=exclude_person)
    if clash.exists():
        message = _("Citizen ID %(id)s already belongs to another person.") % {"id": value}
        raise DomainError("citizen_id_taken", message, fields={"citizen_id": [message]})


def _require_change(actor: Any, *paths: str) -> None:
    if not any(path and can(actor, Action.CHANGE, path) for path in paths):
        raise DomainError("out_of_scope", _("This member is outside the organizations you manage."))


def _require_target(actor: Any, organization: Organization | None) -> None:
    if organization is not None and not can(actor, Action.CHANGE, organization.path):
        raise DomainError(
            "target_out_of_scope",
            _("%(org)s is outside the organizations you manage.") % {"org": organization.name},
            fields={"organization": [_("Outside the organizations you manage.")]},
        )


def _bump_version(member: Member, expected_version: int | None) -> None:
    """Optimistic lock: refuse the save if someone saved the member since it was opened."""
    bump_version(
        member,
        expected_version,
        _(
            "Someone else saved this member's record after you opened it. Nothing was "
            "changed: reload the page to see their changes, then try again."
        ),
    )


def event_in(event: MembershipEvent) -> EventIn:
    return EventIn(
        kind=event.kind,
        occurred_on=event.occurred_on,
        decision_on=event.decision_on,
        organization=OrgRef.of(event.organization),
        from_organization=OrgRef.of(event.from_organization),
        external_place=event.external_place,
        # An imported history may predate the organization that now holds it.
        check_founding=event.source != EventSource.IMPORT,
    )


def stored_events(member: Member) -> list[MembershipEvent]:
    return list(
        member.events.select_related("organization__kind", "from_organization__kind").order_by(
            "occurred_on", "sequence", "id"
        )
    )


def state_columns(state: State) -> dict[str, Any]:
    return {
        "status": state.status,
        "status_since": state.status_since,
        "organization_id": state.organization.id if state.organization else None,
        "organization_path": state.organization.path if state.organization else "",
        "host_organization_id": state.host.id if state.host else None,
        "host_organization_path": state.host.path if state.host else "",
        "is_exempt": state.is_exempt,
        "admitted_on": state.admitted_on,
        "official_on": state.official_on,
    }


def period_rows(member_id: int, periods: list[Period]) -> list[MembershipPeriod]:
    return [
        MembershipPeriod(
            member_id=member_id,
            status=p.status,
            organization_id=p.organization.id if p.organization else None,
            organization_path=p.organization.path if p.organization else "",
            host_organization_id=p.host.id if p.host else None,
            host_organization_path=p.host.path if p.host else "",
            is_exempt=p.is_exempt,
            start_on=p.start_on,
            end_on=p.end_on,
        )
        for p in periods
    ]


def _write_state(member: Member, state: State, periods: list[Period]) -> None:
    columns = state_columns(state)
    for key, value in columns.items():
        setattr(member, key, value)
    Member.objects.filter(pk=member.pk).update(**columns)
    spans = ("organization_path", "status", "start_on", "end_on")
    old = set(MembershipPeriod.objects.filter(member=member).values_list(*spans))
    MembershipPeriod.objects.filter(member=member).delete()
    rows = period_rows(member.pk, periods)
    MembershipPeriod.objects.bulk_create(rows)
    # The monthly tallies of the organizations whose periods changed (both cells of a
    # transfer), from the first day a changed period starts or ends.
    changed = old ^ {(r.organization_path, r.status, r.start_on, r.end_on) for r in rows}
    if changed:
        since = min(start for _path, _status, start, _end in changed)
        rollup.refresh({path for path, *_rest in changed}, since)
    changes.refresh([member.pk])


def _state_summary(member: Member) -> dict[str, Any]:
    return {
        "status": member.status,
        "organization": member.organization_id,
        "host_organization": member.host_organization_id,
        "is_exempt": member.is_exempt,
    }


def _snapshot(*objs: Any) -> list[tuple[Any, dict[str, Any]]]:
    return [(o, {k: v for k, v in o.__dict__.items() if k != "_state"}) for o in objs]


def _restore(saved: list[tuple[Any, dict[str, Any]]]) -> None:
    for obj, values in saved:
        obj.__dict__.update(values)


# --- people ----------------------------------------------------------------------------


@transaction.atomic
def person_update(
    *, actor: Any, member: Member, expected_version: int | None, data: Mapping[str, Any]
) -> Person:
    """Change a member's personal details (name, date of birth, citizen ID …)."""
    _require_change(actor, member.organization_path, member.host_organization_path)
    person = member.person
    saved = _snapshot(member, person)
    try:
        values = person_values(data)
        check_citizen_id(values.get("citizen_id"), exclude_person=person.pk)
        before = {k: getattr(person, k) for k in PERSON_FIELDS}
        for key, value in values.items():
            setattr(person, key, value)
        clean_or_raise(person, exclude=["citizen_id"])
        _bump_version(member, expected_version)
        person.save()
        after = {k: getattr(person, k) for k in PERSON_FIELDS}
        if any(before[k] != after[k] for k in rollup.COUNTED_PERSON_FIELDS):
            rollup.refresh(
                MembershipPeriod.objects.filter(member=member).values_list(
                    "organization_path", flat=True
                )
            )
        from tcxd.audit.services import diff

        record(
            actor=actor, action="members.person_update", target=member, changes=diff(before, after)
        )
    except BaseException:
        _restore(saved)  # a refused save leaves the caller's objects as they were
        raise
    return person


# --- membership events -----------------------------------------------------------------


@transaction.atomic
def member_admit(
    *,
    actor: Any,
    person_data: Mapping[str, Any] | None = None,
    person: Person | None = None,
    organization: Organization,
    admitted_on: dt.date,
    ceremony_on: dt.date | None = None,
    decision_number: str = "",
    card_number: str = "",
    note: str = "",
) -> Member:
    """Admit a new member: the membership and its first event, for a new person record
    (``person_data``) or a person already known (``person``: a candidate whose admission
    case ends in the ceremony).

    Party age counts from the decision (``admitted_on``); probation from the ceremony
    (``ceremony_on``, the decision date when not given).
    """
    _require_target(actor, organization)
    if person is not None:
        if Member.objects.filter(person=person).exists():
            raise DomainError(
                "already_member",
                _("This person was a member before: record a readmission instead."),
            )
        values = {k: getattr(person, k) for k in PERSON_FIELDS}
    else:
        values = person_values(person_data or {})
        check_citizen_id(values.get("citizen_id"))
        person = Person(**values)
        clean_or_raise(person, exclude=["citizen_id"])
    occurred_on = ceremony_on or admitted_on
    event = EventIn(
        kind=EventKind.ADMITTED,
        occurred_on=occurred_on,
        decision_on=admitted_on,
        organization=OrgRef.of(organization),
    )
    state, periods = derive([event], rule_lookup)
    card = normalize_text(card_number) or None
    if card and Member.objects.filter(card_number=card).exists():
        raise DomainError(
            "card_taken",
            _("Party card number %(card)s is already used.") % {"card": card},
            fields={"card_number": [_("Already used.")]},
        )
    if person.pk is None:
        person.save()
    member = Member(person=person, card_number=card, **state_columns(state))
    member.save()
    MembershipEvent(
        member=member,
        kind=EventKind.ADMITTED,
        occurred_on=occurred_on,
        decision_on=admitted_on,
        decision_number=normalize_text(decision_number),
        organization=organization,
        note=normalize_text(note),
        recorded_by=_user(actor),
    ).save()
    rows = period_rows(member.pk, periods)
    MembershipPeriod.objects.bulk_create(rows)
    rollup.refresh({r.organization_path for r in rows}, min(r.start_on for r in rows))
    changes.refresh([member.pk])
    record(
        actor=actor,
        action="members.admitted",
        target=member,
        organization=organization,
        changes={"after": {**{k: values.get(k) for k in PERSON_FIELDS}, **_state_summary(member)}},
    )
    return member


@transaction.atomic
def member_record_event(
    *,
    actor: Any,
    member: Member,
    kind: str,
    occurred_on: dt.date,
    expected_version: int | None,
    organization: Organization | None = None,
    decision_number: str = "",
    decision_on: dt.date | None = None,
    external_place: str = "",
    note: str = "",
    source: str = EventSource.FORM,
) -> MembershipEvent:
    """Record one change of a membership (transfer, recognition, death …).

    The whole history, with the new event in its place by date, must stay possible; the
    cached state and the periods are rebuilt from it. A save from a page opened before
    someone else's save is refused (``expected_version``).
    """
    if kind == EventKind.ADMITTED:
        raise DomainError("use_admit", _("A new member is admitted with the admission form."))
    _require_change(actor, member.organization_path, member.host_organization_path)
    _require_target(actor, organization)
    saved = _snapshot(member)
    try:
        _bump_version(member, expected_version)

        existing = stored_events(member)
        new = MembershipEvent(
            member=member,
            kind=kind,
            occurred_on=occurred_on,
            decision_number=normalize_text(decision_number),
            decision_on=decision_on,
            organization=organization,
            from_organization=(
                member.organization
                if kind in (EventKind.TRANSFER, EventKind.TEMPORARY_TRANSFER)
                else None
            ),
            external_place=normalize_text(external_place),
            note=normalize_text(note),
            source=source,
            recorded_by=_user(actor),
        )
        same_day = [e.sequence for e in existing if e.occurred_on == occurred_on]
        new.sequence = max(same_day) + 1 if same_day else 0
        ordered = sorted([*existing, new], key=lambda e: (e.occurred_on, e.sequence))
        inputs = [event_in(e) for e in ordered]
        before = _state_summary(member)
        state, periods = derive(inputs, rule_lookup)
        clean_or_raise(new, exclude=["member", "recorded_by"])
        new.save()
        _write_state(member, state, periods)
        record(
            actor=actor,
            action=f"members.{kind}",
            target=member,
            organization=organization or member.organization,
            changes={
                "event": {
                    "kind": kind,
                    "occurred_on": occurred_on,
                    "decision_number": new.decision_number,
                    "organization": organization.pk if organization else None,
                    "external_place": new.external_place,
                },
                "before": before,
                "after": _state_summary(member),
            },
        )
        # After a write that can move the member: still inside the actor's scope?
        _require_change(actor, member.organization_path, member.host_organization_path)
    except BaseException:
        _restore(saved)  # a refused save leaves the caller's member as it was
        raise
    return new


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def person_create(*, actor: Any, data: Mapping[str, Any], organization: Organization) -> Person:
    """A person who is not (yet) a member: a village head, a candidate, a cadre."""
    _require_target(actor, organization)
    values = person_values(data)
    check_citizen_id(values.get("citizen_id"))
    person = Person(**values)
    clean_or_raise(person, exclude=["citizen_id"])
    person.save()
    record(
        actor=actor,
        action="members.person_create",
        target=person,
        organization=organization,
        changes={"after": {k: values.get(k) for k in PERSON_FIELDS}},
    )
    return person
