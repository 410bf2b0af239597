"""The audit log: append-only, values stored as plain JSON, and scoped like everything else."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

from tcxd.audit.models import AuditEntry
from tcxd.audit.selectors import audit_entries
from tcxd.audit.services import diff, record
from tcxd.testing.factories import make_member


def test_entries_cannot_be_changed_or_deleted(tree, personas) -> None:
    entry = record(actor=personas.ward_officer, action="members.test", organization=tree.cell1)
    entry.action = "members.forged"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    fresh = AuditEntry.objects.get(pk=entry.pk)
    assert fresh.action == "members.test"
    with pytest.raises(RuntimeError):
        fresh.save(update_fields=["action"])


def test_diff_keeps_only_the_changed_keys() -> None:
    before = {"full_name": "Lê Văn Bình", "birth_on": dt.date(1980, 5, 17), "hometown": ""}
    after = {"full_name": "Lê Văn Bình", "birth_on": dt.date(1980, 5, 18), "hometown": "Huế"}
    assert diff(before, after) == {
        "before": {"birth_on": "1980-05-17", "hometown": ""},
        "after": {"birth_on": "1980-05-18", "hometown": "Huế"},
    }
    assert diff(before, dict(before)) == {"before": {}, "after": {}}
    # A date and its ISO text are the same value once stored.
    assert diff({"d": dt.date(2020, 1, 1)}, {"d": "2020-01-01"}) == {"before": {}, "after": {}}


def test_record_stores_plain_values_and_places_the_entry(tree, personas) -> None:
    member = make_member(personas.ward_officer, tree.cell2, full_name="Hồ Thị Lan")
    entry = record(
        actor=personas.ward_officer,
        action="members.test",
        target=member,
        changes={
            "on": dt.date(2024, 2, 29),
            "amount": decimal.Decimal("1.50"),
            "organization": tree.cell2,
            "ids": (1, 2),
        },
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.changes == {
        "on": "2024-02-29",
        "amount": "1.50",
        "organization": tree.cell2.pk,
        "ids": [1, 2],
    }
    # Without an explicit organization the entry is placed where the target is.
    assert stored.organization_id == tree.cell2.pk
    assert stored.organization_path == tree.cell2.path
    assert (stored.target_type, stored.target_id, stored.target_repr) == (
        "members.member",
        str(member.pk),
        "Hồ Thị Lan",
    )
    assert (stored.actor, stored.actor_name) == (personas.ward_officer, "ward")


def test_record_without_a_signed_in_actor_is_the_system(tree) -> None:
    entry = record(actor=None, action="demo.seed", organization=tree.root)
    assert (entry.actor, entry.actor_name) == (None, "system")


@pytest.fixture
def log(tree, personas):
    """One entry in each place of the tree, and one with no organization."""
    places = {
        "ward": tree.ward,
        "cell1": tree.cell1,
        "cell2": tree.cell2,
        "commune": tree.commune,
        "commune_cell": tree.commune_cell,
        "department": tree.department,
        "nowhere": None,
    }
    return {
        name: record(actor=personas.admin, action=f"organizations.test_{name}", organization=org).pk
        for name, org in places.items()
    }


def seen(user, log, **filters) -> set[str]:
    names = {pk: name for name, pk in log.items()}
    return {names[pk] for pk in audit_entries(user, **filters).values_list("pk", flat=True)}


def test_audit_log_is_scoped(tree, personas, log) -> None:
    everything = set(log)
    assert seen(personas.admin, log) == everything
    # A role at the root of the only tree covers everything, entries placed nowhere too.
    assert seen(personas.board_leader, log) == everything
    assert seen(personas.deputy_secretary, log) == everything
    # The ward officer reads the ward's entries, not those of the other commune.
    assert seen(personas.ward_officer, log) == {"ward", "cell1", "cell2"}
    assert seen(personas.outsider, log) == {"commune", "commune_cell"}
    # A cell secretary has no right to read the audit log at all.
    assert seen(personas.cell_secretary, log) == set()


def test_audit_log_filters(tree, personas, log) -> None:
    assert seen(personas.ward_officer, log, action="organizations.test_cell") == {"cell1", "cell2"}
    assert seen(personas.ward_officer, log, actor="nobody") == set()
    assert seen(personas.ward_officer, log, actor=personas.admin.username) == {
        "ward",
        "cell1",
        "cell2",
    }
    pks = list(audit_entries(personas.admin).values_list("pk", flat=True))
    assert pks == sorted(pks, reverse=True)  # newest first


def test_bulk_update_and_delete_are_refused(personas, tree):
    """The log cannot be rewritten in bulk either (QuerySet.update / delete)."""
    from tcxd.audit.models import AuditEntry
    from tcxd.audit.services import record

    record(actor=personas.admin, action="test.one", organization=tree.root)
    with pytest.raises(RuntimeError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(RuntimeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(action="test.one").count() == 1
