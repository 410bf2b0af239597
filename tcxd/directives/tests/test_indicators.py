"""The tasks and documents indicators on a small set built by hand; every expected figure
is worked out in the comments from the definitions in docs/directives.md ("Indicators").

Tasks of the city (assigned 02/01/2025) and of the ward, lead assignments only:

    T1 deadline 28/02   ward: done 20/02 (on time); commune: done 10/04 (late);
                        agency: not done (progress 50 %); department co-ordinates
    T2 deadline 31/03   ward: split, its cell 1 done 15/03 (sub-task deadline 20/03),
                        then done 31/03 (on time, on the day); commune: not done
    T3 monthly 31/01 → 31/03 (reports due 31/01, 28/02, 31/03)
                        ward: reports 30/01, 25/02; agency: report 20/01 only
    T4 deadline 15/05   commune: not done
    T5 (the ward's) deadline 10/02   cell 2: not done
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tcxd.directives import indicators, services
from tcxd.directives.models import DocumentType, Issuer
from tcxd.indicators import registry
from tcxd.indicators.periods import Period

D = dt.date
Q1 = Period.quarter(2025, 1)
Q2 = Period.quarter(2025, 2)
pytestmark = pytest.mark.django_db


def values(org, period):
    with registry.batch():
        return {
            i.code: i.compute(org, period)
            for i in registry.all_indicators()
            if i.app == "directives"
        }


def by_child(org, code, period):
    return registry.get(code).by_child(org, period)


def assign(user, by, deadline, leads, **extra):
    return services.task_assign(
        actor=user,
        assigned_by=by,
        title="Nhiệm vụ thử",
        deadline=deadline,
        leads=leads,
        assigned_on=extra.pop("assigned_on", D(2025, 1, 2)),
        **extra,
    )


def part(task, org):
    return task.assignments.get(organization=org)


def progress(user, a, pct, on):
    a.refresh_from_db()
    services.progress_report(
        actor=user, assignment=a, expected_version=None, progress=pct, text="x", reported_on=on
    )


def done(user, a, on):
    a.refresh_from_db()
    services.mark_done(actor=user, assignment=a, expected_version=None, done_on=on)


@pytest.fixture
def tasks(tree, personas):
    u = personas.admin
    t1 = assign(
        u,
        tree.root,
        D(2025, 2, 28),
        [tree.ward, tree.commune, tree.agency],
        coordinating=[tree.department],
    )
    done(u, part(t1, tree.ward), D(2025, 2, 20))
    done(u, part(t1, tree.commune), D(2025, 4, 10))
    progress(u, part(t1, tree.agency), 50, D(2025, 2, 1))
    t2 = assign(u, tree.root, D(2025, 3, 31), [tree.ward, tree.commune])
    sub = assign(
        u,
        tree.ward,
        D(2025, 3, 20),
        [tree.cell1],
        parent=part(t2, tree.ward),
        assigned_on=D(2025, 1, 5),
    )
    done(u, part(sub, tree.cell1), D(2025, 3, 15))
    done(u, part(t2, tree.ward), D(2025, 3, 31))
    t3 = assign(
        u,
        tree.root,
        D(2025, 1, 31),
        [tree.ward, tree.agency],
        recurrence="monthly",
        recurring_until=D(2025, 3, 31),
    )
    progress(u, part(t3, tree.ward), 30, D(2025, 1, 30))
    progress(u, part(t3, tree.ward), 60, D(2025, 2, 25))
    progress(u, part(t3, tree.agency), 20, D(2025, 1, 20))
    assign(u, tree.root, D(2025, 5, 15), [tree.commune])
    assign(u, tree.ward, D(2025, 2, 10), [tree.cell2], assigned_on=D(2025, 1, 6))


def test_tasks_of_the_first_quarter_worked_out_by_hand(tree, tasks):
    v = values(tree.root, Q1)
    # Final deadline in Q1: T1 ×3, T2 ×2, the cell's part of T2, T3 ×2 (last report 31/03),
    # T5 = 9 (T4 is due in May; the department only co-ordinates).
    assert v["tasks.assigned"] == 9
    # On time: the ward's T1 (20/02 ≤ 28/02) and T2 (31/03 ≤ 31/03), cell 1 (15/03 ≤ 20/03).
    assert v["tasks.done_on_time"] == 3
    # Late: the commune's T1, done 10/04 after 28/02 (counted with the quarter it was due).
    assert v["tasks.done_late"] == 1
    # Overdue on 31/03: the agency's T1 (28/02), the commune's T1 (done only on 10/04), the
    # agency's T3 (report due 28/02 missed), cell 2's T5 (10/02). Not the commune's T2:
    # due on 31/03 itself. Not the ward's T3: a report before each due date.
    assert v["tasks.overdue"] == 4
    # Every outcome is known today (2025 is past): 3 on time of 9.
    assert v["tasks.on_time_rate"] == Decimal("33.33")


def test_tasks_by_child_add_up(tree, tasks):
    kids = {"ward": tree.ward.pk, "commune": tree.commune.pk, "agency": tree.agency.pk}

    def child(code, period=Q1):
        got = by_child(tree.root, code, period)
        return {name: got[pk] for name, pk in kids.items()}

    # The ward: T1, T2, T3, its cells' T2 part and T5; the commune: T1, T2; the agency: T1, T3.
    assert child("tasks.assigned") == {"ward": 5, "commune": 2, "agency": 2}
    assert child("tasks.done_on_time") == {"ward": 3, "commune": 0, "agency": 0}
    assert child("tasks.done_late") == {"ward": 0, "commune": 1, "agency": 0}
    assert child("tasks.overdue") == {"ward": 1, "commune": 1, "agency": 2}
    assert child("tasks.on_time_rate") == {
        "ward": Decimal("60.00"),  # 3 of 5
        "commune": Decimal("0.00"),
        "agency": Decimal("0.00"),
    }
    # The ward's own subtree: its cells' tasks (cell 1 on time, cell 2 overdue) and its own.
    ward = values(tree.ward, Q1)
    assert (ward["tasks.assigned"], ward["tasks.overdue"]) == (5, 1)
    cells = by_child(tree.ward, "tasks.assigned", Q1)
    assert (cells[tree.cell1.pk], cells[tree.cell2.pk]) == (1, 1)


def test_second_quarter(tree, tasks):
    v = values(tree.root, Q2)
    # Due in Q2: only T4 (15/05), not done.
    assert (v["tasks.assigned"], v["tasks.done_on_time"], v["tasks.done_late"]) == (1, 0, 0)
    # Overdue on 30/06: the agency's T1 and T3, the commune's T2 (31/03) and T4 (15/05),
    # cell 2's T5, and now the ward's T3 (no report between 28/02 and the one due 31/03);
    # no longer the commune's T1 (done 10/04).
    assert v["tasks.overdue"] == 6
    assert v["tasks.on_time_rate"] == Decimal("0.00")


def test_a_running_period_counts_overdue_up_to_today(tree, tasks, monkeypatch):
    monkeypatch.setattr(indicators, "_today", lambda: D(2025, 3, 1))
    v = values(tree.root, Period.year(2025))
    # On 01/03/2025: the agency's T1 and the commune's T1 (deadline 28/02), the agency's T3
    # (28/02 report missed), cell 2's T5 (10/02).
    assert v["tasks.overdue"] == 4
    # Due in 2025: the 9 of Q1 and T4. Known on 01/03: the 4 done, and the agency's T1 and
    # cell 2's T5 past their deadline → 6; on time 3 → 50 %.
    assert v["tasks.assigned"] == 10
    assert v["tasks.on_time_rate"] == Decimal("50.00")


def test_a_task_is_overdue_from_the_day_after_its_deadline(tree, personas):
    """Due 31/03: not overdue at the end of the quarter ending that day, overdue at the end
    of April."""
    u = personas.admin
    assign(u, tree.root, D(2025, 3, 31), [tree.ward])
    assert values(tree.root, Q1)["tasks.overdue"] == 0
    assert values(tree.root, Period.month(2025, 4))["tasks.overdue"] == 1


def test_no_tasks_no_rate(tree):
    v = values(tree.root, Q1)
    assert v["tasks.assigned"] == 0 and v["tasks.on_time_rate"] is None


def doc(user, org, code, number, issuer, on):
    return services.document_register(
        actor=user,
        organization=org,
        data={
            "doc_type": DocumentType.objects.get(code=code),
            "number": number,
            "issuer": Issuer.objects.get(code=issuer),
            "issued_on": on,
            "issuing_body": "Ban Thường vụ",
            "title": "Văn bản thử",
        },
    )


def test_documents_issued_by_type(tree, personas):
    u = personas.admin
    doc(u, tree.root, "KH", "3", "TU", D(2025, 1, 14))
    doc(u, tree.root, "NQ", "4", "TU", D(2025, 2, 1))
    doc(u, tree.root, "QĐ", "5", "TU", D(2025, 3, 5))
    doc(u, tree.root, "TB", "6", "TU", D(2025, 3, 31))  # not a main type
    doc(u, tree.ward, "KH", "7", "ĐU", D(2025, 2, 10))
    doc(u, tree.commune, "BC", "8", "ĐU", D(2025, 4, 1))  # the next quarter
    doc(u, tree.root, "KH", "2", "TU", D(2024, 12, 31))  # the year before
    v = values(tree.root, Q1)
    assert v["documents.issued"] == 5
    assert (v["documents.issued_kh"], v["documents.issued_nq"], v["documents.issued_qd"]) == (
        2,
        1,
        1,
    )
    assert v["documents.issued_bc"] == v["documents.issued_ct"] == 0
    assert values(tree.root, Period.year(2025))["documents.issued_bc"] == 1
    # By child: the root's own register belongs to no child.
    issued = by_child(tree.root, "documents.issued", Q1)
    assert (issued[tree.ward.pk], issued[tree.commune.pk], issued[tree.agency.pk]) == (1, 0, 0)
    assert values(tree.ward, Q1)["documents.issued"] == 1


def test_one_batch_runs_each_shared_query_once(tree, tasks, django_assert_max_num_queries):
    # The tasks due, the overdue ones and their reports, the documents, the organizations
    # directly below.
    with django_assert_max_num_queries(5), registry.batch():
        for indicator in registry.all_indicators():
            if indicator.app == "directives":
                indicator.compute(tree.root, Q1)
                indicator.by_child(tree.root, Q1)


def test_type_codes():
    assert [indicators.type_code(c) for c in indicators.MAIN_TYPES] == [
        "nq",
        "ct",
        "kl",
        "kh",
        "ctr",
        "qd",
        "hd",
        "bc",
    ]
