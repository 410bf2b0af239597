"""Membership and village indicators against a small history worked out by hand.

Period: first half of 2024 (01/01/2024 – 30/06/2024). Tree (tcxd.testing.fixtures)::

    root ─ ward ─ cell1, cell2, dissolved_cell
         ─ commune ─ commune_cell
         ─ agency ─ department ─ department_cell

Members (dd/mm/yyyy) and what they are on 31/12/2023 (start) and 30/06/2024 (end):

    A  cell1 official; transferred to cell2 15/03/2024 (inside the ward)     start cell1, end cell2
    B  cell1 official; transferred to commune_cell 01/04/2024                cell1 → commune
    C  commune_cell official; temporary transfer to cell1 01/02/2024        commune both (not cell1)
    D  cell2 official; died 01/01/2024 (first day)                           start only
    E  department_cell official; died 30/06/2024 (last day)                  start only
    F  admitted to cell2 01/01/2024 (first day)                              end only, probationary
    G  admitted to department_cell 30/06/2024 (last day)                     end only, probationary
    H  cell1, admitted 10/05/2023, recognised official 10/05/2024            probationary → official
    I  cell1; transferred outside 01/10/2023; back into commune_cell 01/03/2024
                                                                             end only (transfer in)
    J  department_cell; transferred outside 31/12/2023 (day before)         neither
    K  cell2 official; transferred outside 01/01/2024                        start only (out)
    L  cell1; left 01/01/2017; readmitted into cell2 01/06/2024              end only, probationary
    M  department_cell official; expelled 15/02/2024                         start only
    N  cell2, admitted 01/08/2023 (probationary); struck off 20/06/2024      start only

Start: cell1 A B H · cell2 D K N · commune C · department E M = 9 (official 7: A B C D E K M;
probationary 2: H N). End: cell1 H · cell2 A F L · commune B C I · department G = 8
(official 5: A B C H I; probationary 3: F G L).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tcxd.indicators import registry
from tcxd.indicators.periods import Period
from tcxd.members.models import Member
from tcxd.members.selectors import member_counts
from tcxd.members.services import member_record_event, person_create
from tcxd.organizations.services import village_create
from tcxd.testing.factories import make_member, person_data

D = dt.date
H1 = Period.half(2024, 1)


def record(actor, member: Member, kind: str, on: dt.date, org=None, **extra) -> None:
    member.refresh_from_db()
    member_record_event(
        actor=actor,
        member=member,
        kind=kind,
        occurred_on=on,
        expected_version=member.version,
        organization=org,
        **extra,
    )
    member.refresh_from_db()


@dataclasses.dataclass
class People:
    members: dict[str, Member]


@pytest.fixture
def people(tree, personas) -> People:
    admin = personas.admin
    m: dict[str, Member] = {}

    def member(key, org, admitted, official=None, **person):
        m[key] = make_member(
            admin,
            org,
            full_name=f"Trần Văn {key}",
            admitted_on=admitted,
            official_on=official,
            **person,
        )
        return m[key]

    old, official = D(2005, 3, 1), D(2006, 3, 1)
    # Composition on 30/06/2024 (age in full years that day): A 60, H 61, F 28, G 30 (born
    # the day after the 31st birthday's date), L 31 (birthday on the last day), others 44.
    member(
        "A",
        tree.cell1,
        old,
        official,
        birth_on=D(1963, 7, 1),
        education="10/10",
        theory_level="advanced",
    )
    record(admin, m["A"], "transfer", D(2024, 3, 15), tree.cell2)
    member("B", tree.cell1, old, official, religion="Không", theory_level="bachelor")
    record(admin, m["B"], "transfer", D(2024, 4, 1), tree.commune_cell)
    member("C", tree.commune_cell, old, official, ethnicity="Tà Ôi", theory_level="elementary")
    record(admin, m["C"], "temporary_transfer", D(2024, 2, 1), tree.cell1)
    member("D", tree.cell2, old, official)
    record(admin, m["D"], "died", D(2024, 1, 1))
    member("E", tree.department_cell, old, official)
    record(admin, m["E"], "died", D(2024, 6, 30))
    member(
        "F", tree.cell2, D(2024, 1, 1), gender="female", birth_on=D(1995, 7, 1), education="9/12"
    )
    member(
        "G",
        tree.department_cell,
        D(2024, 6, 30),
        gender="female",
        birth_on=D(1993, 7, 1),
        professional_level="master",
    )
    member(
        "H",
        tree.cell1,
        D(2023, 5, 10),
        D(2024, 5, 10),
        birth_on=D(1963, 6, 30),
        education="12/12",
        theory_level="intermediate",
    )
    member("I", tree.cell1, old, official, religion="Phật giáo", professional_level="university")
    record(admin, m["I"], "transfer", D(2023, 10, 1), external_place="Tỉnh ủy Quảng Trị")
    record(admin, m["I"], "transfer", D(2024, 3, 1), tree.commune_cell)
    member("J", tree.department_cell, old, official)
    record(admin, m["J"], "transfer", D(2023, 12, 31), external_place="Tỉnh ủy Quảng Nam")
    member("K", tree.cell2, old, official)
    record(admin, m["K"], "transfer", D(2024, 1, 1), external_place="Thành ủy Đà Nẵng")
    member("L", tree.cell1, D(2012, 5, 5), D(2013, 5, 5), birth_on=D(1993, 6, 30))
    record(admin, m["L"], "left", D(2017, 1, 1))
    record(admin, m["L"], "readmitted", D(2024, 6, 1), tree.cell2)
    member("M", tree.department_cell, old, official)
    record(admin, m["M"], "expelled", D(2024, 2, 15))
    member("N", tree.cell2, D(2023, 8, 1))
    record(admin, m["N"], "struck_off", D(2024, 6, 20))
    return People(m)


def values(org, period=H1):
    with registry.batch():
        return {
            i.code.split(".", 1)[1]: i.compute(org, period)
            for i in registry.all_indicators()
            if i.code.startswith("members.")
        }


def by_child(org, code, period=H1):
    return registry.get(code).by_child(org, period)


def test_city_figures_worked_out_by_hand(tree, people):
    v = values(tree.root)
    assert (v["start_total"], v["start_official"], v["start_probationary"]) == (9, 7, 2)
    assert (v["end_total"], v["end_official"], v["end_probationary"]) == (8, 5, 3)
    assert v["net_change"] == -1
    # F and G (first and last day), L readmitted, H recognised, I back from outside, K out;
    # A and B moved inside the city: not a transfer for the city.
    assert (v["admitted"], v["readmitted"], v["recognised_official"]) == (2, 1, 1)
    assert (v["transferred_in"], v["transferred_out"]) == (1, 1)
    assert (v["died"], v["expelled"], v["struck_off"], v["left"]) == (2, 1, 1, 0)
    assert v["admission_rate"] == Decimal("22.22")  # 2 ÷ 9
    # The registry's own counts agree on both ends.
    assert member_counts(tree.root, D(2023, 12, 31))["total"] == 9
    assert member_counts(tree.root, D(2024, 6, 30))["total"] == 8


def test_composition_at_the_end(tree, people):
    v = values(tree.root)
    assert [v["age_30"], v["age_31_40"], v["age_41_50"], v["age_51_60"], v["age_61"]] == [
        2,  # F 28, G 30
        1,  # L 31 on the last day
        3,  # B C I (born 17/05/1980)
        1,  # A 60 (61 only on 01/07/2024)
        1,  # H 61 on the last day
    ]
    assert (v["women"], v["women_share"]) == (2, Decimal("25.00"))
    assert (v["ethnic_minority"], v["ethnic_minority_share"]) == (1, Decimal("12.50"))
    assert v["religious"] == 1  # I; B's "Không" is no religion
    assert v["upper_secondary"] == 2  # H 12/12, A 10/10; F 9/12 is not
    assert v["university"] == 2  # I university, G master
    assert (v["theory_elementary"], v["theory_intermediate"], v["theory_advanced"]) == (1, 1, 2)


def test_by_child_of_the_city(tree, people):
    kids = {tree.ward.pk: "ward", tree.commune.pk: "commune", tree.agency.pk: "agency"}

    def named(code):
        return {kids[pk]: value for pk, value in by_child(tree.root, f"members.{code}").items()}

    assert named("start_total") == {"ward": 6, "commune": 1, "agency": 2}
    assert named("end_total") == {"ward": 4, "commune": 3, "agency": 1}
    # B leaves the ward for the commune: out for one, in for the other, nothing for the city.
    assert named("transferred_out") == {"ward": 2, "commune": 0, "agency": 0}  # B, K
    assert named("transferred_in") == {"ward": 0, "commune": 2, "agency": 0}  # B, I
    assert named("admitted") == {"ward": 1, "commune": 0, "agency": 1}
    assert named("died") == {"ward": 1, "commune": 0, "agency": 1}
    assert named("admission_rate") == {
        "ward": Decimal("16.67"),  # 1 ÷ 6
        "commune": Decimal("0.00"),
        "agency": Decimal("50.00"),
    }


def test_inside_the_ward_and_temporary_transfers(tree, people):
    cells = {tree.cell1.pk: "cell1", tree.cell2.pk: "cell2", tree.dissolved_cell.pk: "gone"}

    def named(code):
        return {cells[pk]: value for pk, value in by_child(tree.ward, f"members.{code}").items()}

    # C attends cell1 on a temporary transfer: counted at the commune, never at cell1.
    assert named("end_total") == {"cell1": 1, "cell2": 3, "gone": 0}
    assert named("start_total") == {"cell1": 3, "cell2": 3, "gone": 0}
    # A moves cell1 → cell2: a transfer for both cells, none for the ward.
    assert named("transferred_out") == {"cell1": 2, "cell2": 1, "gone": 0}  # A B · K
    assert named("transferred_in") == {"cell1": 0, "cell2": 1, "gone": 0}  # A
    assert named("admission_rate") == {
        "cell1": Decimal("0.00"),
        "cell2": Decimal("33.33"),
        "gone": None,
    }
    v = values(tree.ward)
    assert (v["start_total"], v["end_total"], v["transferred_in"], v["transferred_out"]) == (
        6,
        4,
        0,
        2,
    )
    assert values(tree.commune)["end_total"] == 3
    assert values(tree.cell1)["recognised_official"] == 1


def test_deaths_on_the_boundary_days_of_one_month_periods(tree, people):
    # D died on 01/01/2024: a member at the end of 31/12/2023, a change of January.
    january = values(tree.ward, Period.month(2024, 1))
    assert (january["start_total"], january["died"]) == (6, 1)
    december = values(tree.ward, Period.month(2023, 12))
    assert (december["end_total"], december["died"]) == (6, 0)
    # E died on 30/06/2024: counted at the end of May, a change of June, gone at its end.
    june = values(tree.agency, Period.month(2024, 6))
    assert (june["start_total"], june["died"], june["admitted"], june["end_total"]) == (
        1,
        1,
        1,
        1,  # E out, G in on the same last day
    )
    july = values(tree.agency, Period.month(2024, 7))
    assert (july["start_total"], july["died"]) == (1, 0)


def test_balance_holds_for_every_organization_and_month(tree, people):
    for org in (tree.root, tree.ward, tree.cell1, tree.cell2, tree.commune, tree.agency):
        for month in Period.year(2024).months():
            v = values(org, month)
            entries = v["admitted"] + v["readmitted"] + v["transferred_in"]
            exits = v["died"] + v["expelled"] + v["struck_off"] + v["left"] + v["transferred_out"]
            assert v["start_total"] + entries - exits == v["end_total"], (org, month)


def test_one_batch_runs_each_shared_query_once(tree, people, django_assert_max_num_queries):
    from tcxd.members import rollup

    rollup.ensure([H1.end])  # the month's tallies exist (computed once, on first use)
    # The tallies of 30/06/2024 (is the month end computed? its sums), the changes, the
    # organizations below, the villages.
    with django_assert_max_num_queries(5), registry.batch():
        for indicator in registry.all_indicators():
            if indicator.app in ("members", "organizations"):
                indicator.compute(tree.root, H1)
                indicator.by_child(tree.root, H1)


def test_village_indicators(tree, personas, people):
    admin = personas.admin
    outsider = person_create(actor=admin, data=person_data("Lê Văn Dân"), organization=tree.ward)
    outsider2 = person_create(actor=admin, data=person_data("Lê Thị Thôn"), organization=tree.ward)

    def village(org, name, cell=None, head=None, front=None):
        return village_create(
            actor=admin,
            organization=org,
            kind="village",
            name=name,
            cell=cell,
            head=head,
            front_head=front,
        )

    m = people.members
    village(tree.ward, "V1", tree.cell1, head=m["H"].person, front=outsider)  # head a member
    village(tree.ward, "V2", None, head=outsider, front=outsider2)  # nothing
    # V3: its cell was dissolved; its head D died on 01/01/2024; its Front head B is a member.
    village(tree.ward, "V3", tree.dissolved_cell, head=m["D"].person, front=m["B"].person)
    gone = village(tree.ward, "V4", tree.cell2, head=m["A"].person)
    gone.dissolved_on = D(2024, 3, 1)
    gone.save()
    village(tree.commune, "V5", tree.commune_cell)  # no heads, but its cell has members

    with registry.batch():
        city = {
            i.code: i.compute(tree.root, H1)
            for i in registry.all_indicators()
            if i.app == "organizations"
        }
    assert city == {
        "villages.count": 4,
        "villages.head_member_share": Decimal("25.00"),
        "villages.front_head_member_share": Decimal("25.00"),
        "villages.without_member": 1,  # V2
        "villages.without_cell": 2,  # V2, V3
    }
    assert by_child(tree.root, "villages.head_member_share") == {
        tree.ward.pk: Decimal("33.33"),
        tree.commune.pk: Decimal("0.00"),
        tree.agency.pk: None,  # no villages: not computable
    }
    assert by_child(tree.root, "villages.without_cell") == {
        tree.ward.pk: 2,
        tree.commune.pk: 0,
        tree.agency.pk: 0,
    }
    # On 31/12/2023 D was alive and V4 not yet dissolved: V3's head was a member then.
    with registry.batch():
        before = registry.get("villages.head_member_share").compute(tree.root, Period.year(2023))
    assert before == Decimal("60.00")  # V1, V3, V4 of V1–V5


def test_cache_between_requests_misses_after_any_change(tree, personas, people, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tcxd.members.services import person_update

    settings.TCXD_INDICATOR_CACHE = True  # off by default under pytest
    cache.clear()

    def value(code):
        with registry.batch():
            return registry.get(code).compute(tree.root, H1)

    try:
        assert (value("members.end_total"), value("members.women")) == (8, 2)
        with CaptureQueriesContext(connection) as queries:
            assert value("members.end_total") == 8
        assert len(queries) == 1  # the data stamp only: the scan and the events are kept
        # A death recorded afterwards (back-dated into the period) is seen at once.
        record(personas.admin, people.members["F"], "died", D(2024, 6, 15))
        assert value("members.end_total") == 7
        # So is a change of a person's details.
        h = people.members["H"]
        person_update(
            actor=personas.admin,
            member=h,
            expected_version=h.version,
            data={
                **person_data(h.person.full_name, birth_on=h.person.birth_on),
                "gender": "female",
                "citizen_id": h.person.citizen_id,
            },
        )
        assert value("members.women") == 2  # F died, H is now a woman: G and H
    finally:
        cache.clear()


def test_composition_counted_in_python_equals_the_database(tree, people):
    from tcxd.indicators.membership import _composition_python, _composition_sql

    days = [D(2023, 12, 31), D(2024, 6, 30), D(2024, 1, 1)]
    for org in (tree.root, tree.ward, tree.cell1, tree.commune, tree.agency):
        by_sql = _composition_sql(org, days)
        by_python = _composition_python(org, days)
        for on in days:
            assert {k: +c for k, c in by_sql[on].items() if +c} == {
                k: +c for k, c in by_python[on].items() if +c
            }, (org, on)
    # Not vacuous: the ward on 30/06/2024 holds H (official) and A, F, L.
    ward = _composition_python(tree.ward, [D(2024, 6, 30)])[D(2024, 6, 30)]
    assert sum(c["official"] + c["probationary"] for c in ward.values()) == 4
