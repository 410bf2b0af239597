"""The monthly tallies (members.rollup) against the reference: the scan of the periods.

Every membership indicator is computed twice, from the tallies and with
``membership.scan_only()``, for every month, quarter, half-year and year of the window, on
the hand-built history of test_membership (plus later writes that the services must keep
in the tallies) and on a small generated city; and the stored rows must equal a fresh
count of the periods after every kind of write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from tcxd.indicators import membership, registry
from tcxd.indicators.periods import Period
from tcxd.members import rollup
from tcxd.members.models import TALLY_FIELDS, MemberChange, MemberTally, MemberTallyMonth
from tcxd.members.services import person_update
from tcxd.organizations.models import Organization
from tcxd.testing.factories import make_member, person_data

from .test_membership import people, record  # noqa: F401  (the hand-built history)

D = dt.date
MEMBER_CODES = [i.code for i in registry.all_indicators() if i.code.startswith("members.")]


def periods_of(*years: int) -> list[Period]:
    found = []
    for year in years:
        found += [Period.month(year, m) for m in range(1, 13)]
        found += [Period.quarter(year, q) for q in range(1, 5)]
        found += [Period.half(year, 1), Period.half(year, 2), Period.year(year)]
    return found


def figures(orgs, periods) -> dict[tuple[Any, ...], Any]:
    result: dict[tuple[Any, ...], Any] = {}
    with registry.batch():
        for org in orgs:
            for period in periods:
                for code in MEMBER_CODES:
                    ind = registry.get(code)
                    result[org.path, period, code] = ind.compute(org, period)
                    result[org.path, period, code, "below"] = ind.by_child(org, period)
    return result


def assert_tallies_equal_the_scan(orgs, periods) -> None:
    from_tallies = figures(orgs, periods)
    with membership.scan_only():
        from_scan = figures(orgs, periods)
    assert from_tallies.keys() == from_scan.keys()
    wrong = [key for key in from_scan if from_tallies[key] != from_scan[key]]
    assert not wrong, [(k, from_tallies[k], from_scan[k]) for k in wrong[:5]]


def assert_rows_equal_a_fresh_count() -> None:
    days = rollup.window()
    counted = rollup.count(rollup._periods(days, None), days)
    fresh = {
        (path, on): tuple(per_day[i])
        for path, per_day in counted.items()
        for i, on in enumerate(days)
        if any(per_day[i])
    }
    stored = {
        (row[0], row[1]): tuple(row[2:])
        for row in MemberTally.objects.filter(month_end__in=days).values_list(
            "organization_path", "month_end", *TALLY_FIELDS
        )
        if any(row[2:])
    }
    assert stored == fresh
    assert fresh  # not vacuous
    assert_changes_equal_the_scan()


def assert_changes_equal_the_scan() -> None:
    """The derived MemberChange rows equal the events joined to the periods over all time,
    for the organizations of the top two levels and the cells of 40 changes."""
    wide = (D(1900, 1, 1), D(2100, 12, 31))
    cells = {
        path
        for pair in MemberChange.objects.order_by("pk").values_list("before_path", "after_path")[
            :40
        ]
        for path in pair
        if path
    }
    for org in Organization.objects.filter(Q(depth__lte=2) | Q(path__in=cells)):
        with registry.batch():
            stored = sorted(membership.change_rows(org, *wide))
        reference = sorted(membership._scan_changes(org, *wide))
        assert stored == reference, org.path
    assert MemberChange.objects.exists()  # not vacuous


def test_window_of_month_ends() -> None:
    days = rollup.window(D(2026, 11, 27))
    assert days[0] == D(2024, 1, 31) and days[-1] == D(2026, 10, 31) and len(days) == 34
    assert D(2024, 2, 29) in days
    assert rollup.window(D(2026, 11, 30))[-1] == D(2026, 10, 31)  # 30/11 has not ended yet
    assert rollup.window(D(2026, 12, 1))[-1] == D(2026, 11, 30)


def test_tallies_equal_the_scan_on_the_hand_built_history(tree, personas, people, monkeypatch):  # noqa: F811
    monkeypatch.setattr(rollup, "today", lambda: D(2025, 1, 15))  # window 01/2023–12/2024
    rollup.rebuild()
    assert MemberTallyMonth.objects.count() == 24
    assert_rows_equal_a_fresh_count()
    admin, m = personas.admin, people.members
    # Writes after the rollup was built, which the services must keep in it: a transfer
    # (both cells), a death on a month end, a back-dated event, a new member, a change
    # of the details counted (sex, date of birth), a temporary transfer (nothing moves).
    record(admin, m["F"], "transfer", D(2024, 9, 10), tree.commune_cell)
    assert_rows_equal_a_fresh_count()
    record(admin, m["A"], "died", D(2024, 10, 31))
    record(admin, m["H"], "temporary_transfer", D(2024, 8, 1), tree.department_cell)
    record(admin, m["C"], "died", D(2024, 5, 31))
    assert_rows_equal_a_fresh_count()
    make_member(
        admin,
        tree.cell2,
        full_name="Lê Thị P",
        admitted_on=D(2023, 3, 31),
        gender="female",
        birth_on=D(1992, 11, 30),
    )
    b = m["B"]
    b.refresh_from_db()
    person_update(
        actor=admin,
        member=b,
        expected_version=b.version,
        data={
            **person_data(b.person.full_name, birth_on=D(1993, 12, 31)),
            "gender": "female",
            "ethnicity": "Tà Ôi",
            "citizen_id": b.person.citizen_id,
        },
    )
    assert_rows_equal_a_fresh_count()
    orgs = [tree.root, tree.ward, tree.commune, tree.agency, tree.department, tree.cell1]
    assert_tallies_equal_the_scan(orgs, periods_of(2023, 2024))
    # Not vacuous: the tallies are read (no scan of the periods with the person).
    with CaptureQueriesContext(connection) as queries, registry.batch():
        # Women on 31/12/2024: F (moved to the commune), G, P (new) and B (changed).
        assert registry.get("members.women").compute(tree.root, Period.half(2024, 2)) == 4
    sql = " ".join(q["sql"] for q in queries)
    assert "members_membertally" in sql and "members_person" not in sql


def test_a_new_month_end_is_computed_on_first_use(tree, personas, people, monkeypatch):  # noqa: F811
    monkeypatch.setattr(rollup, "today", lambda: D(2024, 6, 15))
    rollup.rebuild()
    assert not MemberTallyMonth.objects.filter(month_end=D(2024, 6, 30)).exists()
    monkeypatch.setattr(rollup, "today", lambda: D(2024, 7, 2))  # June has ended
    assert_tallies_equal_the_scan([tree.root, tree.ward], [Period.half(2024, 1)])
    assert MemberTallyMonth.objects.filter(month_end=D(2024, 6, 30)).exists()
    assert MemberTally.objects.filter(month_end=D(2024, 6, 30)).exists()
    assert_rows_equal_a_fresh_count()


def test_tallies_equal_the_scan_on_a_small_generated_city(db):
    from tcxd.demo.city import build_demo_city

    build_demo_city(seed=3, members=300, progress=lambda _line: None)
    assert_rows_equal_a_fresh_count()
    root = Organization.objects.get(depth=1)
    communes = list(Organization.objects.filter(depth=2).order_by("path")[:3])
    years = sorted({on.year for on in rollup.window()})
    assert_tallies_equal_the_scan([root, *communes], periods_of(*years[-2:]))


def test_counts_of_periods_cut_at_any_day_equal_the_scan(tree, personas, people):  # noqa: F811
    """A running period is cut at today: the changes are counted by month for its whole
    months and by day at its edges, and cut from the dashboard's wide range only where
    that is exact. Every cut day of 2024, alone and inside the dashboard's batch (this
    period, last year's, the months of the trend), equals the scan of the events."""
    import dataclasses

    from tcxd.indicators.selectors import same_window_last_year, trend_months, window

    orgs = [tree.root, tree.ward, tree.cell1, tree.commune]
    cuts = [D(2024, 1, 1), D(2024, 2, 29), D(2024, 3, 1), D(2024, 5, 31), D(2024, 6, 15)]
    cuts += [D(2024, 9, 10), D(2024, 10, 31), D(2024, 11, 1), D(2024, 12, 30)]
    # Last year's window ends inside March and June 2024, whole months of the wide range.
    cuts += [D(2025, 3, 14), D(2025, 6, 10), D(2025, 6, 25)]

    def counted(org, today, whole):
        upto = window(whole, today)
        last = same_window_last_year(upto, whole)
        months = trend_months(upto)
        result = {}
        with registry.batch():
            membership.prefetch_changes(org, min(last.start, months[0].start), upto.end)
            for period in [upto, last, *months]:
                for below in (False, True):
                    result[period, below] = membership.changes_of(org, period, below=below)
        return result

    for org in orgs:
        for today in cuts:
            year = today.year
            for whole in (Period.year(year), Period.half(year, 1 + (today.month > 6))):
                if not whole.contains(today):
                    continue
                from_table = counted(org, today, whole)
                with membership.scan_only():
                    from_scan = counted(org, today, whole)
                assert from_table == from_scan, (org.path, today, whole)
    # Not vacuous: a cut period inside the wide range has changes in its partial month.
    upto = dataclasses.replace(Period.year(2024), end=D(2024, 9, 10))
    with registry.batch():
        assert any(membership.changes_of(tree.root, upto, below=False).values())
