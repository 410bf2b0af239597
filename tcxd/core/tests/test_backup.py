"""``tcxd backup`` / ``tcxd restore``: a restored backup has every record (QUALITY.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tcxd.audit.models import AuditEntry
from tcxd.members.models import Member, MembershipEvent, MembershipPeriod, Person
from tcxd.members.services import member_record_event
from tcxd.organizations.models import Organization
from tcxd.rules.models import RuleSet
from tcxd.testing.factories import make_member

MODELS = [Organization, Person, Member, MembershipEvent, MembershipPeriod, AuditEntry, RuleSet]


def snapshot() -> dict[str, list[tuple]]:
    return {
        "organizations": list(
            Organization.objects.order_by("pk").values_list("pk", "path", "code")
        ),
        "members": list(
            Member.objects.order_by("pk").values_list(
                "pk", "person__full_name", "person__citizen_id", "status", "organization_id"
            )
        ),
        "events": list(
            MembershipEvent.objects.order_by("pk").values_list("pk", "kind", "occurred_on")
        ),
        "periods": list(
            MembershipPeriod.objects.order_by("pk").values_list("member_id", "start_on", "end_on")
        ),
        "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "target_id")),
        "rules": list(RuleSet.objects.order_by("pk").values_list("code", "values")),
    }


# Flushing needs a real transaction on PostgreSQL (deferred constraint triggers), and the
# data-migration rows (kinds, rules) must come back for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_into_an_empty_database_finds_every_record(tree, personas, tmp_path):
    member = make_member(
        personas.ward_officer,
        tree.cell1,
        full_name="Đặng Thị Ánh",
        admitted_on=dt.date(2012, 5, 19),
        official_on=dt.date(2013, 6, 1),
    )
    member_record_event(
        actor=personas.ward_officer,
        member=member,
        kind="transfer",
        occurred_on=dt.date(2020, 3, 2),
        organization=tree.cell2,
        expected_version=member.version,
    )
    before = snapshot()
    assert len(before["events"]) == 3 and before["audit"]
    path = tmp_path / "backup.json.gz"

    call_command("backup", str(path))
    call_command("flush", interactive=False, verbosity=0)
    assert not Organization.objects.exists() and not AuditEntry.objects.exists()
    call_command("restore", str(path))

    assert snapshot() == before
    restored = Member.objects.get(pk=member.pk)
    assert restored.organization_id == tree.cell2.pk
    assert restored.person.full_name == "Đặng Thị Ánh"


def test_restore_refuses_a_database_that_is_not_empty(tree, tmp_path):
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "nonsense.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(CommandError, match="Cannot read the backup"):
        call_command("restore", str(path))
