"""Reads of the member registry: counts at past dates, organization at a date, search,
filters and keyset pagination in Vietnamese name order."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tcxd.members.models import Member
from tcxd.members.selectors import (
    MemberFilter,
    decode_cursor,
    member_counts,
    member_counts_by_child,
    member_page,
    member_queryset,
    organization_of,
    party_age_of,
)
from tcxd.members.services import member_record_event
from tcxd.testing.factories import make_member

D = dt.date


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


def counts(official: int, probationary: int) -> dict[str, int]:
    return {"official": official, "probationary": probationary, "total": official + probationary}


@dataclasses.dataclass
class History:
    m1: Member
    m2: Member
    m3: Member
    m4: Member
    m5: Member


@pytest.fixture
def history(tree, personas) -> History:
    """Five members (dd/mm/yyyy):

    m1  cell 1: admitted 10/01/2015, official 10/01/2016, transferred to cell 2 01/06/2020.
    m2  cell 2: admitted 01/03/2019, official 01/03/2020, died 05/05/2022.
    m3  commune cell: admitted 01/07/2018, official 01/07/2019; temporarily attending
        cell 1 from 01/01/2021, back 01/01/2022.
    m4  department cell: admitted 02/02/2021 (still probationary).
    m5  cell 1: admitted 05/05/2012, official 05/05/2013, left 01/01/2017, readmitted
        into cell 2 on 01/01/2021 (no numeric readmission rule before 20/01/2025).
    """
    admin = personas.admin
    m1 = make_member(
        admin,
        tree.cell1,
        full_name="Phan Văn Một",
        admitted_on=D(2015, 1, 10),
        official_on=D(2016, 1, 10),
    )
    record(admin, m1, "transfer", D(2020, 6, 1), tree.cell2)
    m2 = make_member(
        admin,
        tree.cell2,
        full_name="Phan Văn Hai",
        admitted_on=D(2019, 3, 1),
        official_on=D(2020, 3, 1),
    )
    record(admin, m2, "died", D(2022, 5, 5))
    m3 = make_member(
        admin,
        tree.commune_cell,
        full_name="Phan Văn Ba",
        admitted_on=D(2018, 7, 1),
        official_on=D(2019, 7, 1),
    )
    record(admin, m3, "temporary_transfer", D(2021, 1, 1), tree.cell1)
    record(admin, m3, "temporary_return", D(2022, 1, 1))
    m4 = make_member(
        admin, tree.department_cell, full_name="Phan Thị Bốn", admitted_on=D(2021, 2, 2)
    )
    m5 = make_member(
        admin,
        tree.cell1,
        full_name="Phan Văn Năm",
        admitted_on=D(2012, 5, 5),
        official_on=D(2013, 5, 5),
    )
    record(admin, m5, "left", D(2017, 1, 1))
    record(admin, m5, "readmitted", D(2021, 1, 1), tree.cell2)
    return History(m1, m2, m3, m4, m5)


# --- counts at a date ------------------------------------------------------------------


def test_counts_on_01_06_2019(tree, history) -> None:
    # m1 official in cell 1, m2 probationary in cell 2, m3 probationary (official only
    # from 01/07/2019) in the commune cell; m4 not yet admitted; m5 out since 2017.
    on = D(2019, 6, 1)
    assert member_counts(tree.ward, on) == counts(1, 1)
    assert member_counts(tree.cell1, on) == counts(1, 0)
    assert member_counts(tree.commune, on) == counts(0, 1)
    assert member_counts(tree.agency, on) == counts(0, 0)
    assert member_counts(tree.root, on) == counts(1, 2)
    assert member_counts_by_child(tree.root, on) == {
        tree.ward.pk: counts(1, 1),
        tree.commune.pk: counts(0, 1),
        tree.agency.pk: counts(0, 0),
    }
    assert member_counts_by_child(tree.ward, on) == {
        tree.cell1.pk: counts(1, 0),
        tree.cell2.pk: counts(0, 1),
        tree.dissolved_cell.pk: counts(0, 0),
    }


def test_counts_on_01_06_2021_count_temporary_members_at_home(tree, history) -> None:
    # m1 official in cell 2 (since 01/06/2020), m2 official in cell 2, m3 official in the
    # commune cell while attending cell 1 (counted at home only), m4 probationary in the
    # department cell, m5 probationary again in cell 2 (since 01/01/2021).
    on = D(2021, 6, 1)
    assert member_counts(tree.cell1, on) == counts(0, 0)
    assert member_counts(tree.cell2, on) == counts(2, 1)
    assert member_counts(tree.ward, on) == counts(2, 1)
    assert member_counts(tree.commune, on) == counts(1, 0)
    assert member_counts(tree.root, on) == counts(3, 2)
    assert member_counts_by_child(tree.root, on) == {
        tree.ward.pk: counts(2, 1),
        tree.commune.pk: counts(1, 0),
        tree.agency.pk: counts(0, 1),
    }
    assert member_counts_by_child(tree.agency, on) == {tree.department.pk: counts(0, 1)}
    assert member_counts_by_child(tree.ward, on) == {
        tree.cell1.pk: counts(0, 0),
        tree.cell2.pk: counts(2, 1),
        tree.dissolved_cell.pk: counts(0, 0),
    }


def test_counts_on_the_day_of_a_change(tree, history) -> None:
    # A period ends on the day of the next event (exclusive): on 01/06/2020 m1 is already
    # in cell 2; the day before, in cell 1. On 05/05/2022 m2 (died that day) no longer counts.
    assert member_counts(tree.cell1, D(2020, 5, 31)) == counts(1, 0)
    assert member_counts(tree.cell1, D(2020, 6, 1)) == counts(0, 0)
    # Cell 2 on 04/05/2022: m1 and m2 official, m5 probationary (m3 went home 01/01/2022).
    assert member_counts(tree.cell2, D(2022, 5, 4)) == counts(2, 1)
    assert member_counts(tree.cell2, D(2022, 5, 5)) == counts(1, 1)
    assert member_counts(tree.root, D(2010, 1, 1)) == counts(0, 0)


def test_organization_of_at_several_dates(tree, history) -> None:
    h = history
    assert organization_of(h.m1, D(2015, 1, 9)) is None  # not yet admitted
    assert organization_of(h.m1, D(2015, 1, 10)) == tree.cell1
    assert organization_of(h.m1, D(2020, 5, 31)) == tree.cell1
    assert organization_of(h.m1, D(2020, 6, 1)) == tree.cell2
    assert organization_of(h.m2, D(2022, 5, 4)) == tree.cell2
    assert organization_of(h.m2, D(2022, 5, 5)) is None  # died that day
    assert organization_of(h.m3, D(2021, 6, 1)) == tree.commune_cell  # home, not host
    assert organization_of(h.m5, D(2016, 12, 31)) == tree.cell1
    assert organization_of(h.m5, D(2018, 1, 1)) is None  # out of the Party
    assert organization_of(h.m5, D(2021, 1, 1)) == tree.cell2


def test_members_at_a_past_date_in_a_subtree(tree, personas, history) -> None:
    h = history
    qs = member_queryset(personas.admin, MemberFilter(on=D(2021, 6, 1), organization=tree.ward))
    assert set(qs) == {h.m1, h.m2, h.m5}
    qs = member_queryset(
        personas.admin,
        MemberFilter(on=D(2021, 6, 1), organization=tree.ward, status="probationary"),
    )
    assert set(qs) == {h.m5}
    # Today (no date): m2 has died; m3 is home again.
    qs = member_queryset(personas.admin, MemberFilter(organization=tree.ward))
    assert set(qs) == {h.m1, h.m5}


def test_ward_officer_sees_only_the_ward(tree, personas, history) -> None:
    h = history
    assert set(member_queryset(personas.ward_officer, MemberFilter(status="all"))) == {
        h.m1,
        h.m2,
        h.m5,
    }
    assert set(member_queryset(personas.outsider, MemberFilter(status="all"))) == {h.m3}
    assert set(member_queryset(personas.cell_secretary, MemberFilter(status="all"))) == set()


def test_party_age_of_a_member(tree, personas) -> None:
    """Party age and the next badge (Hướng dẫn 01-HD/TW mục 18.1) from the stored events."""
    member = make_member(personas.admin, tree.cell1, admitted_on=D(2015, 7, 26))
    age = party_age_of(member, D(2045, 7, 25))
    assert age is not None
    # 26/07/2015 → 25/07/2045: 359 full months = 29 years 11 months; the 30-year badge
    # falls on 26/07/2045, this year.
    assert (age.years, age.months) == (29, 11)
    assert (age.next_badge_level, age.next_badge_year) == (30, 2045)
    assert "01-HD/TW" in age.badge_basis
    assert party_age_of(member, D(2015, 7, 25)) is None


# --- search, order, pages and filters ---------------------------------------------------

# (full name, birth date, gender, citizen ID). The expected order by given name, then
# middle name, then family name (letters a ă â b c d đ …, tones only break ties):
#   An (Nguyễn Văn)            "an" is a prefix of "anh": first
#   Ánh (Thị, Đặng)            same letters as "Anh", same middle; family Đặng < Trần
#   Anh (Thị, Trần)            (the family name decides before the tone)
#   Dũng (Anh, Nguyễn)         middle "Anh" < "Văn" decides before the family name
#   Dũng (Văn, Lê)
#   Đức (Văn, Hoàng)           đ comes after d
PEOPLE = {
    "A": ("Nguyễn Văn An", D(1993, 6, 15), "male", "046093000001"),
    "C": ("Đặng Thị Ánh", D(1992, 6, 15), "female", "046092000002"),
    "B": ("Trần Thị Anh", D(1992, 6, 16), "female", "046092000003"),
    "E": ("Nguyễn Anh Dũng", D(1983, 1, 1), "male", "046083000004"),
    "D": ("Lê Văn Dũng", D(1982, 6, 15), "male", "046082000005"),
    "F": ("Hoàng Văn Đức", D(1993, 6, 16), "male", "046093000006"),
}
EXPECTED_ORDER = ["A", "C", "B", "E", "D", "F"]
AGE_DAY = D(2023, 6, 15)


@pytest.fixture
def people(tree, personas) -> dict[str, Member]:
    """Six members of cell 1. All admitted 10/01/2015 and official 10/01/2016, except B
    (admitted 10/01/2023, probationary). F died 01/03/2024; D left 01/05/2024."""
    admin = personas.admin
    members = {}
    for letter, (name, born, gender, cid) in PEOPLE.items():
        probationary = letter == "B"
        members[letter] = make_member(
            admin,
            tree.cell1,
            full_name=name,
            birth_on=born,
            gender=gender,
            citizen_id=cid,
            admitted_on=D(2023, 1, 10) if probationary else D(2015, 1, 10),
            official_on=None if probationary else D(2016, 1, 10),
        )
    members["A"].card_number = "79001234"
    members["A"].save(update_fields=["card_number"])
    record(admin, members["F"], "died", D(2024, 3, 1))
    record(admin, members["D"], "left", D(2024, 5, 1))
    return members


def found(user, people, **filters) -> set[str]:
    by_pk = {m.pk: letter for letter, m in people.items()}
    return {by_pk[m.pk] for m in member_queryset(user, MemberFilter(**filters))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dang", {"C"}),
        ("DANG THI", {"C"}),
        ("Đặng", {"C"}),
        ("đặng  thị   ánh", {"C"}),
        ("nguyen van", {"A"}),
        ("van nguyen", {"A"}),  # every word, in any order
        ("anh", {"B", "C", "E"}),
        ("duc", {"F"}),
        ("dung", {"D", "E"}),
        ("046092", {"B", "C"}),
        ("046092000002", {"C"}),
        ("thi 046092000003", {"B"}),
        ("46092", set()),  # an ID is searched from its beginning
        ("7900", {"A"}),  # party card number prefix
        ("xyz", set()),
    ],
)
def test_search_without_diacritics(personas, people, text, expected) -> None:
    assert found(personas.admin, people, search=text, status="all") == expected


def test_search_with_decomposed_input(personas, people) -> None:
    import unicodedata

    assert found(personas.admin, people, search=unicodedata.normalize("NFD", "Đức")) == set()
    assert found(
        personas.admin, people, search=unicodedata.normalize("NFD", "Đức"), status="all"
    ) == {"F"}


def test_status_filters(personas, people) -> None:
    assert found(personas.admin, people) == {"A", "B", "C", "E"}  # current members
    assert found(personas.admin, people, status="all") == set(PEOPLE)
    assert found(personas.admin, people, status="official") == {"A", "C", "E"}
    assert found(personas.admin, people, status="probationary") == {"B"}
    assert found(personas.admin, people, status="died") == {"F"}
    assert found(personas.admin, people, status="left") == {"D"}


def test_gender_filter(personas, people) -> None:
    assert found(personas.admin, people, gender="female") == {"B", "C"}
    assert found(personas.admin, people, gender="male") == {"A", "E"}
    assert found(personas.admin, people, gender="male", status="all") == {"A", "D", "E", "F"}


def test_age_band_boundaries(personas, people) -> None:
    """Age bands ≤30, 31–40, 41–50 of the member statistics (Hướng dẫn 11-HD/BTCTW) on
    15/06/2023: A born 15/06/1993 is exactly 30; C born 15/06/1992 exactly 31; B born
    16/06/1992 is 30 (31 the next day); E born 01/01/1983 is 40; D born 15/06/1982 exactly
    41; F born 16/06/1993 is 29. B joined on 10/01/2023, so all six are members that day."""
    on = AGE_DAY
    assert found(personas.admin, people, age_band="30", on=on) == {"A", "B", "F"}
    assert found(personas.admin, people, age_band="31-40", on=on) == {"C", "E"}
    assert found(personas.admin, people, age_band="41-50", on=on) == {"D"}
    assert found(personas.admin, people, age_band="51-60", on=on) == set()
    # One day later C is still 31, B turns 31.
    assert found(personas.admin, people, age_band="31-40", on=D(2023, 6, 16)) == {"B", "C", "E"}


def test_members_of_a_past_day_include_those_who_left_since(personas, people) -> None:
    assert found(personas.admin, people, on=D(2023, 1, 9)) == {"A", "C", "D", "E", "F"}
    assert found(personas.admin, people, on=D(2024, 6, 1)) == {"A", "B", "C", "E"}


def test_first_page_is_in_vietnamese_name_order(personas, people) -> None:
    qs = member_queryset(personas.admin, MemberFilter(status="all"))
    page = member_page(qs, size=10)
    by_pk = {m.pk: letter for letter, m in people.items()}
    assert [by_pk[r["id"]] for r in page.rows] == EXPECTED_ORDER
    assert page.first and page.next_cursor is None and page.prev_cursor is None


@pytest.mark.parametrize("total", [None, 6], ids=["name-index", "small-list"])
def test_keyset_pages_forward_and_back(personas, people, total) -> None:
    by_pk = {m.pk: letter for letter, m in people.items()}
    qs = member_queryset(personas.admin, MemberFilter(status="all"))

    def page(cursor: str = ""):
        return member_page(qs, cursor=cursor, size=2, total=total)

    def letters(p) -> list[str]:
        return [by_pk[r["id"]] for r in p.rows]

    p1 = page()
    assert letters(p1) == ["A", "C"] and p1.first and p1.prev_cursor is None
    p2 = page(p1.next_cursor)
    assert letters(p2) == ["B", "E"] and not p2.first
    p3 = page(p2.next_cursor)
    assert letters(p3) == ["D", "F"]
    assert p3.next_cursor is None  # the last page
    # Every row exactly once, in order.
    assert letters(p1) + letters(p2) + letters(p3) == EXPECTED_ORDER

    back2 = page(p3.prev_cursor)
    assert letters(back2) == ["B", "E"] and not back2.first
    back1 = page(back2.prev_cursor)
    assert letters(back1) == ["A", "C"]
    assert back1.first and back1.prev_cursor is None
    # And forward again from the page reached going back.
    assert letters(page(back1.next_cursor)) == ["B", "E"]


def test_keyset_pages_with_a_filter(personas, people) -> None:
    by_pk = {m.pk: letter for letter, m in people.items()}
    qs = member_queryset(personas.admin, MemberFilter())  # current: A, C, B, E
    p1 = member_page(qs, size=3)
    p2 = member_page(qs, cursor=p1.next_cursor or "", size=3)
    assert [by_pk[r["id"]] for r in p1.rows] == ["A", "C", "B"]
    assert [by_pk[r["id"]] for r in p2.rows] == ["E"]
    assert p2.next_cursor is None


def test_a_broken_cursor_gives_the_first_page(personas, people) -> None:
    qs = member_queryset(personas.admin, MemberFilter(status="all"))
    assert decode_cursor("not a cursor!") is None
    page = member_page(qs, cursor="bm90IGpzb24", size=2)
    assert page.first
    assert [r["id"] for r in page.rows] == [people["A"].pk, people["C"].pk]


def test_list_page_gives_the_total_and_the_first_page(personas, people) -> None:
    from tcxd.members.selectors import list_page

    page, total = list_page(personas.admin, MemberFilter(status="all", search="dung"), size=1)
    assert total == 2
    assert [r["id"] for r in page.rows] == [people["E"].pk]  # Nguyễn Anh Dũng before Lê Văn
    page, total = list_page(
        personas.ward_officer,
        MemberFilter(status="all", search="dung"),
        cursor=page.next_cursor or "",
        size=1,
    )
    assert total == 2
    assert [r["id"] for r in page.rows] == [people["D"].pk]
    assert page.next_cursor is None
