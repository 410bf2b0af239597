"""Writes to the member registry (``members.services``): validation, scope, optimistic
locking, the cached state and periods, and the audit entry of every write."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError, StaleObjectError
from tcxd.core.text import name_sort_key
from tcxd.members.models import Member, MembershipEvent, MembershipPeriod, Person
from tcxd.members.services import member_admit, member_record_event, person_create, person_update
from tcxd.members.state import HistoryError
from tcxd.testing.factories import make_member, person_data

D = dt.date


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def counts() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "members": Member.objects.count(),
        "events": MembershipEvent.objects.count(),
        "periods": MembershipPeriod.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def periods_of(member: Member) -> list[tuple[str, int | None, int | None, D, D | None]]:
    return [
        (p.status, p.organization_id, p.host_organization_id, p.start_on, p.end_on)
        for p in member.periods.order_by("start_on")
    ]


@pytest.fixture
def official(tree, personas) -> Member:
    """An official member of cell 1: admitted 26/03/2010, official 26/03/2011."""
    return make_member(
        personas.ward_officer,
        tree.cell1,
        full_name="Lê Văn Bình",
        admitted_on=D(2010, 3, 26),
        official_on=D(2011, 3, 26),
    )


# --- member_admit ----------------------------------------------------------------------


def test_admit_writes_person_member_event_period_and_audit(tree, personas) -> None:
    member = member_admit(
        actor=personas.ward_officer,
        person_data=person_data("Nguyễn Thị Hoa", citizen_id="046190000123", gender="female"),
        organization=tree.cell1,
        admitted_on=D(2020, 1, 10),
        decision_number="125-QĐ/ĐU",
        card_number=" 79001234 ",
    )
    member.refresh_from_db()
    assert member.status == "probationary"
    assert member.status_since == D(2020, 1, 10)
    assert member.admitted_on == D(2020, 1, 10)
    assert member.organization_id == tree.cell1.pk
    assert member.organization_path == tree.cell1.path
    assert member.version == 0
    assert member.card_number == "79001234"
    person = member.person
    assert (person.family_name, person.middle_name, person.given_name) == ("Nguyễn", "Thị", "Hoa")
    assert person.name_fold == "nguyen thi hoa"
    [event] = member.events.all()
    assert (event.kind, event.occurred_on, event.organization_id) == (
        "admitted",
        D(2020, 1, 10),
        tree.cell1.pk,
    )
    assert event.decision_number == "125-QĐ/ĐU"
    assert event.recorded_by == personas.ward_officer
    assert periods_of(member) == [("probationary", tree.cell1.pk, None, D(2020, 1, 10), None)]
    [entry] = AuditEntry.objects.all()
    assert entry.actor == personas.ward_officer
    assert entry.actor_name == "ward"
    assert entry.action == "members.admitted"
    assert entry.organization_id == tree.cell1.pk
    assert entry.organization_path == tree.cell1.path
    assert (entry.target_type, entry.target_id) == ("members.member", str(member.pk))
    assert entry.changes["after"]["citizen_id"] == "046190000123"
    assert entry.changes["after"]["birth_on"] == "1980-05-17"
    assert entry.changes["after"]["organization"] == tree.cell1.pk


@pytest.mark.parametrize(
    "citizen_id", ["04619000012", "0461900001234", "04619000012A", "046 190 000 12"]
)
def test_admit_refuses_a_citizen_id_that_is_not_12_digits(tree, personas, citizen_id) -> None:
    before = counts()
    with pytest.raises(DomainError) as info:
        member_admit(
            actor=personas.ward_officer,
            person_data=person_data(citizen_id=citizen_id),
            organization=tree.cell1,
            admitted_on=D(2020, 1, 10),
        )
    assert info.value.code == "citizen_id_format"
    assert "citizen_id" in info.value.fields
    assert counts() == before


def test_admit_refuses_a_citizen_id_already_taken(tree, personas) -> None:
    make_member(personas.ward_officer, tree.cell1, citizen_id="046080000777")
    before = counts()
    with pytest.raises(DomainError) as info:
        member_admit(
            actor=personas.ward_officer,
            person_data=person_data("Trần Văn Khác", citizen_id="046080000777"),
            organization=tree.cell2,
            admitted_on=D(2020, 1, 10),
        )
    assert info.value.code == "citizen_id_taken"
    assert "046080000777" in info.value.message
    assert counts() == before


def test_admit_refuses_a_card_number_already_used(tree, personas) -> None:
    member_admit(
        actor=personas.ward_officer,
        person_data=person_data(),
        organization=tree.cell1,
        admitted_on=D(2020, 1, 10),
        card_number="79001234",
    )
    before = counts()
    with pytest.raises(DomainError) as info:
        member_admit(
            actor=personas.ward_officer,
            person_data=person_data("Trần Văn Khác"),
            organization=tree.cell2,
            admitted_on=D(2020, 1, 10),
            card_number=" 79001234 ",
        )
    assert info.value.code == "card_taken"
    assert counts() == before


def test_admit_outside_scope_is_refused(tree, personas) -> None:
    before = counts()
    with pytest.raises(DomainError) as info:
        member_admit(
            actor=personas.ward_officer,
            person_data=person_data(),
            organization=tree.commune_cell,
            admitted_on=D(2020, 1, 10),
        )
    assert info.value.code == "target_out_of_scope"
    assert counts() == before


def test_admit_into_a_committee_is_refused(tree, personas) -> None:
    before = counts()
    with pytest.raises(HistoryError) as info:
        member_admit(
            actor=personas.ward_officer,
            person_data=person_data(),
            organization=tree.ward,
            admitted_on=D(2025, 8, 1),
        )
    assert info.value.code == "organization_holds_no_members"
    assert counts() == before


def test_admit_stores_markup_as_text_after_nfc(tree, personas) -> None:
    name = "Nguyễn <script>alert(1)</script> Ánh"
    member = member_admit(
        actor=personas.ward_officer,
        person_data=person_data(nfd(name), hometown=nfd('<img src=x onerror="alert(2)">')),
        organization=tree.cell1,
        admitted_on=D(2020, 1, 10),
        note="<b>ghi chú</b>",
    )
    person = Person.objects.get(pk=member.person_id)
    assert person.full_name == name
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.middle_name == "<script>alert(1)</script>"
    assert person.hometown == '<img src=x onerror="alert(2)">'
    assert member.events.get().note == "<b>ghi chú</b>"


# --- member_record_event ------------------------------------------------------------------


def test_transfer_between_cells_updates_cache_periods_and_audit(tree, personas, official) -> None:
    AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)  # keep only the new entry
    event = member_record_event(
        actor=personas.ward_officer,
        member=official,
        kind="transfer",
        occurred_on=D(2019, 9, 1),
        expected_version=official.version,
        organization=tree.cell2,
        decision_number="12-QĐ/ĐU",
    )
    assert event.from_organization_id == tree.cell1.pk
    assert event.organization_id == tree.cell2.pk
    stored = Member.objects.get(pk=official.pk)
    assert stored.organization_id == tree.cell2.pk
    assert stored.organization_path == tree.cell2.path
    assert stored.status == "official"
    assert stored.version == 2  # 0 at admission, 1 after the recognition, 2 now
    assert periods_of(stored) == [
        ("probationary", tree.cell1.pk, None, D(2010, 3, 26), D(2011, 3, 26)),
        ("official", tree.cell1.pk, None, D(2011, 3, 26), D(2019, 9, 1)),
        ("official", tree.cell2.pk, None, D(2019, 9, 1), None),
    ]
    [entry] = AuditEntry.objects.all()
    assert entry.action == "members.transfer"
    assert entry.actor == personas.ward_officer
    assert entry.organization_id == tree.cell2.pk
    assert entry.changes["before"]["organization"] == tree.cell1.pk
    assert entry.changes["after"]["organization"] == tree.cell2.pk
    assert entry.changes["before"]["status"] == entry.changes["after"]["status"] == "official"
    assert entry.changes["event"]["occurred_on"] == "2019-09-01"
    assert entry.changes["event"]["decision_number"] == "12-QĐ/ĐU"


def test_transfer_into_an_out_of_scope_cell_writes_nothing(tree, personas, official) -> None:
    before = counts()
    with pytest.raises(DomainError) as info:
        member_record_event(
            actor=personas.ward_officer,
            member=official,
            kind="transfer",
            occurred_on=D(2019, 9, 1),
            expected_version=official.version,
            organization=tree.commune_cell,
        )
    assert info.value.code == "target_out_of_scope"
    assert counts() == before
    stored = Member.objects.get(pk=official.pk)
    assert (stored.organization_id, stored.version) == (tree.cell1.pk, official.version)


def test_cell_secretary_cannot_touch_a_member_of_another_cell(tree, personas) -> None:
    other = make_member(personas.ward_officer, tree.cell2, admitted_on=D(2015, 1, 1))
    before = counts()
    with pytest.raises(DomainError) as info:
        member_record_event(
            actor=personas.cell_secretary,
            member=other,
            kind="exempted",
            occurred_on=D(2020, 1, 1),
            expected_version=other.version,
        )
    assert info.value.code == "out_of_scope"
    with pytest.raises(DomainError) as info:
        person_update(
            actor=personas.cell_secretary,
            member=other,
            expected_version=other.version,
            data={"hometown": "Huế"},
        )
    assert info.value.code == "out_of_scope"
    assert counts() == before


def test_cell_secretary_records_an_event_in_own_cell(tree, personas, official) -> None:
    member_record_event(
        actor=personas.cell_secretary,
        member=official,
        kind="exempted",
        occurred_on=D(2020, 1, 1),
        expected_version=official.version,
    )
    assert Member.objects.get(pk=official.pk).is_exempt is True


def test_cell_secretary_cannot_transfer_own_member_out_of_the_cell(
    tree, personas, official
) -> None:
    before = counts()
    with pytest.raises(DomainError) as info:
        member_record_event(
            actor=personas.cell_secretary,
            member=official,
            kind="transfer",
            occurred_on=D(2020, 1, 1),
            expected_version=official.version,
            organization=tree.cell2,
        )
    assert info.value.code == "target_out_of_scope"
    assert counts() == before


def test_the_second_of_two_concurrent_saves_is_refused(tree, personas, official) -> None:
    # Two officers open the same record: both read version v.
    first = Member.objects.get(pk=official.pk)
    second = Member.objects.get(pk=official.pk)
    v = first.version
    member_record_event(
        actor=personas.ward_officer,
        member=first,
        kind="exempted",
        occurred_on=D(2020, 1, 1),
        expected_version=v,
    )
    before = counts()
    with pytest.raises(StaleObjectError) as info:
        member_record_event(
            actor=personas.board_specialist,
            member=second,
            kind="transfer",
            occurred_on=D(2020, 2, 1),
            expected_version=v,
            organization=tree.cell2,
        )
    assert info.value.code == "stale"
    assert counts() == before
    assert second.version == v  # the refused save leaves the caller's object as it was
    stored = Member.objects.get(pk=official.pk)
    assert stored.version == v + 1
    assert stored.organization_id == tree.cell1.pk
    assert stored.is_exempt is True
    assert not AuditEntry.objects.filter(actor=personas.board_specialist).exists()


def test_a_stale_person_update_is_refused(tree, personas, official) -> None:
    v = official.version
    person_update(
        actor=personas.ward_officer, member=official, expected_version=v, data={"hometown": "Huế"}
    )
    stale = Member.objects.get(pk=official.pk)
    with pytest.raises(StaleObjectError):
        person_update(
            actor=personas.ward_officer,
            member=stale,
            expected_version=v,
            data={"hometown": "Đà Nẵng"},
        )
    assert Person.objects.get(pk=official.person_id).hometown == "Huế"
    assert stale.person.hometown == "Huế"  # the caller's object is left as it was
    assert stale.version == v + 1  # as read, not bumped by the refused save


def test_back_dated_death_before_a_later_transfer_is_refused(tree, personas, official) -> None:
    member_record_event(
        actor=personas.ward_officer,
        member=official,
        kind="transfer",
        occurred_on=D(2019, 9, 1),
        expected_version=official.version,
        organization=tree.cell2,
    )
    member = Member.objects.get(pk=official.pk)
    before = counts()
    with pytest.raises(HistoryError) as info:
        member_record_event(
            actor=personas.ward_officer,
            member=member,
            kind="died",
            occurred_on=D(2018, 1, 1),
            expected_version=member.version,
        )
    assert info.value.code == "after_death"
    assert counts() == before
    stored = Member.objects.get(pk=official.pk)
    assert stored.status == "official"
    # Neither the row nor the caller's object took the refused save's version.
    assert stored.version == member.version == 2


def test_back_dated_event_is_placed_by_date_and_periods_rebuilt(tree, personas, official) -> None:
    member_record_event(
        actor=personas.ward_officer,
        member=official,
        kind="transfer",
        occurred_on=D(2019, 9, 1),
        expected_version=official.version,
        organization=tree.cell2,
    )
    member = Member.objects.get(pk=official.pk)
    # An exemption from 2015 to 2016 recorded late, while the member was still in cell 1.
    member_record_event(
        actor=personas.ward_officer,
        member=member,
        kind="exempted",
        occurred_on=D(2015, 1, 1),
        expected_version=member.version,
    )
    member.refresh_from_db()
    member_record_event(
        actor=personas.ward_officer,
        member=member,
        kind="exemption_ended",
        occurred_on=D(2016, 1, 1),
        expected_version=member.version,
    )
    stored = Member.objects.get(pk=official.pk)
    assert stored.organization_id == tree.cell2.pk
    assert stored.is_exempt is False
    assert [
        (p.organization_id, p.is_exempt, p.start_on, p.end_on)
        for p in stored.periods.order_by("start_on")
    ] == [
        (tree.cell1.pk, False, D(2010, 3, 26), D(2011, 3, 26)),
        (tree.cell1.pk, False, D(2011, 3, 26), D(2015, 1, 1)),
        (tree.cell1.pk, True, D(2015, 1, 1), D(2016, 1, 1)),
        (tree.cell1.pk, False, D(2016, 1, 1), D(2019, 9, 1)),
        (tree.cell2.pk, False, D(2019, 9, 1), None),
    ]


def test_event_after_death_is_refused_and_nothing_written(tree, personas, official) -> None:
    member_record_event(
        actor=personas.ward_officer,
        member=official,
        kind="died",
        occurred_on=D(2021, 4, 4),
        expected_version=official.version,
    )
    member = Member.objects.get(pk=official.pk)
    assert (member.status, member.status_since) == ("died", D(2021, 4, 4))
    assert periods_of(member)[-1] == (
        "official",
        tree.cell1.pk,
        None,
        D(2011, 3, 26),
        D(2021, 4, 4),
    )
    before = counts()
    with pytest.raises(HistoryError) as info:
        member_record_event(
            actor=personas.ward_officer,
            member=member,
            kind="exempted",
            occurred_on=D(2022, 1, 1),
            expected_version=member.version,
        )
    assert info.value.code == "after_death"
    assert counts() == before


def test_transfer_into_a_dissolved_cell_is_refused(tree, personas, official) -> None:
    before = counts()
    with pytest.raises(HistoryError) as info:
        member_record_event(
            actor=personas.ward_officer,
            member=official,
            kind="transfer",
            occurred_on=D(2024, 3, 1),
            expected_version=official.version,
            organization=tree.dissolved_cell,
        )
    assert info.value.code == "organization_dissolved"
    assert counts() == before


def test_admission_is_not_recorded_as_an_event(tree, personas, official) -> None:
    with pytest.raises(DomainError) as info:
        member_record_event(
            actor=personas.ward_officer,
            member=official,
            kind="admitted",
            occurred_on=D(2020, 1, 1),
            expected_version=official.version,
            organization=tree.cell2,
        )
    assert info.value.code == "use_admit"


def test_note_with_markup_is_stored_verbatim_after_nfc(tree, personas, official) -> None:
    note = "<script>alert('x')</script> Chuyển sinh hoạt tạm thời & <b>trở về</b>"
    event = member_record_event(
        actor=personas.ward_officer,
        member=official,
        kind="temporary_transfer",
        occurred_on=D(2020, 1, 1),
        expected_version=official.version,
        organization=tree.cell2,
        note=nfd(note),
    )
    assert MembershipEvent.objects.get(pk=event.pk).note == note
    stored = Member.objects.get(pk=official.pk)
    assert (stored.organization_id, stored.host_organization_id) == (tree.cell1.pk, tree.cell2.pk)
    assert stored.host_organization_path == tree.cell2.path


# --- people ----------------------------------------------------------------------------


def test_person_update_stores_nfc_and_recomputes_the_name_columns(tree, personas, official) -> None:
    person_update(
        actor=personas.ward_officer,
        member=official,
        expected_version=official.version,
        data={"full_name": nfd("  Đặng   Thị Ánh "), "hometown": nfd("Phường Kim Long")},
    )
    person = Person.objects.get(pk=official.person_id)
    assert person.full_name == "Đặng Thị Ánh"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.hometown == "Phường Kim Long"
    assert (person.family_name, person.middle_name, person.given_name) == ("Đặng", "Thị", "Ánh")
    assert person.name_fold == "dang thi anh"
    assert person.name_sort_key == name_sort_key("Đặng", "Thị", "Ánh")
    assert person.name_sort_key != name_sort_key("Lê", "Văn", "Bình")
    entry = AuditEntry.objects.get(action="members.person_update")
    assert entry.changes == {
        "before": {"full_name": "Lê Văn Bình", "hometown": ""},
        "after": {"full_name": "Đặng Thị Ánh", "hometown": "Phường Kim Long"},
    }
    assert Member.objects.get(pk=official.pk).version == official.version


def test_person_update_refuses_a_citizen_id_of_another_person(tree, personas, official) -> None:
    make_member(personas.ward_officer, tree.cell1, citizen_id="046080000999")
    before = counts()
    with pytest.raises(DomainError) as info:
        person_update(
            actor=personas.ward_officer,
            member=official,
            expected_version=official.version,
            data={"citizen_id": "046080000999"},
        )
    assert info.value.code == "citizen_id_taken"
    assert counts() == before
    # Keeping one's own ID is not a clash.
    own = official.person.citizen_id
    person_update(
        actor=personas.ward_officer,
        member=official,
        expected_version=official.version,
        data={"citizen_id": own, "occupation": "Hưu trí"},
    )
    assert Person.objects.get(pk=official.person_id).occupation == "Hưu trí"


def test_person_create_is_audited_at_the_organization(tree, personas) -> None:
    person = person_create(
        actor=personas.ward_officer,
        data=person_data("Hồ Văn Nam", citizen_id="", gender="male"),
        organization=tree.ward,
    )
    assert person.citizen_id is None
    entry = AuditEntry.objects.get(action="members.person_create")
    assert entry.organization_id == tree.ward.pk
    assert entry.target_id == str(person.pk)
    with pytest.raises(DomainError) as info:
        person_create(
            actor=personas.ward_officer, data=person_data("Hồ Văn Bắc"), organization=tree.commune
        )
    assert info.value.code == "target_out_of_scope"
