"""The directives part of the demo city (built with the small demo city)."""

from __future__ import annotations

import datetime as dt

import pytest

from tcxd.accounts.models import User
from tcxd.audit.models import AuditEntry
from tcxd.demo.city import TODAY, build_demo_city
from tcxd.directives import demo, indicators, selectors
from tcxd.directives.choices import AssignmentRole, AssignmentStatus, WorkItemStatus
from tcxd.directives.models import Assignment, Document, Task, WorkItem
from tcxd.indicators import registry
from tcxd.indicators.periods import Period
from tcxd.organizations.models import Organization

D = dt.date
SEED_PARAGRAPH = (
    "tiếp tục thực hiện có hiệu quả Kế hoạch số 29-KH/TU, ngày 14/01/2022 của Ban Thường vụ "
    "Tỉnh ủy về thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa XIII về "
    "đẩy mạnh xây dựng, chỉnh đốn Đảng …, gắn với thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị "
    "về đẩy mạnh học tập …; Chương trình hành động số 17-CTr/TU, ngày 22/11/2022 của Tỉnh ủy "
    "về thực hiện Nghị quyết 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII "
    "về tăng cường củng cố …; Kế hoạch số 110-KH/TU, ngày 04/4/2023 của Ban Thường vụ Tỉnh ủy "
    "về việc thực hiện Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII về …"
)


@pytest.mark.slow
def test_demo_register_tasks_and_programme(db, monkeypatch) -> None:
    lines: list[str] = []
    build_demo_city(seed=3, members=300, progress=lines.append)
    assert any(line.startswith("Directives:") for line in lines)
    board = User.objects.get(username="chuyenvien")

    # The seven documents of the seed, as the seed writes them, and the chain.
    docs = {d.symbol: d for d in Document.objects.select_related("doc_type", "issuer")}
    assert len(docs) == len(demo.DOCUMENTS) == 12
    seven = {s: (docs[s].issued_on, docs[s].issuing_body) for s in demo.SEED_SYMBOLS}
    assert seven == {
        "29-KH/TU": (D(2022, 1, 14), "Ban Thường vụ Tỉnh ủy"),
        "21-KL/TW": (D(2021, 10, 25), "Ban Chấp hành Trung ương Đảng khóa XIII"),
        "05-CT/TW": (D(2016, 5, 15), "Bộ Chính trị"),
        "17-CTr/TU": (D(2022, 11, 22), "Tỉnh ủy"),
        "21-NQ/TW": (D(2022, 6, 16), "Ban Chấp hành Trung ương khóa XIII"),
        "110-KH/TU": (D(2023, 4, 4), "Ban Thường vụ Tỉnh ủy"),
        "28-NQ/TW": (D(2022, 11, 17), "Ban Chấp hành Trung ương Đảng khóa XIII"),
    }
    assert docs["29-KH/TU"].term == "2020–2025" and docs["05-CT/TW"].term == "2016–2021"

    def chain(symbol):
        return [(kind, d.symbol) for kind, d in selectors.chain_up(docs[symbol])]

    assert chain("29-KH/TU") == [("implements", "21-KL/TW")]
    assert chain("17-CTr/TU") == [("implements", "21-NQ/TW")]
    assert chain("110-KH/TU") == [("implements", "28-NQ/TW")]
    assert chain("08-HD/BTCTU") == [("guides", "05-KH/BTCTU"), ("implements", "21-NQ/TW")]
    # Every Party reference of the seed paragraph is found in the register.
    refs = selectors.references_in(SEED_PARAGRAPH)
    assert len(refs) == 7
    found = selectors.documents_by_symbol(board, refs)
    assert {d.symbol for d in found.values()} == set(demo.SEED_SYMBOLS)
    assert AuditEntry.objects.filter(action="directives.document_registered").count() == 12

    # Tasks: every organization directly below the city leads each of the city's six.
    below = Organization.objects.filter(depth=2).count()
    assert below == 46  # 40 communes and wards, 6 committees of agencies and forces
    root = Organization.objects.get(depth=1)
    city_tasks = Task.objects.filter(assigned_by=root, conference_task__isnull=True)
    assert city_tasks.count() == 6
    for task in city_tasks:
        assert task.assignments.filter(role=AssignmentRole.LEAD).count() == below
    monthly = city_tasks.get(recurrence="monthly")
    assert (monthly.deadline, monthly.recurring_until) == (D(2026, 7, 25), D(2026, 12, 25))
    # Three communes split their part among three cells; the last one's parts are not
    # all done, so its own part is still open.
    subtasks = Task.objects.filter(parent__isnull=False)
    assert subtasks.count() == 3
    assert all(t.assignments.count() == 3 for t in subtasks)
    parents = Assignment.objects.filter(subtasks__isnull=False).distinct()
    assert sorted(a.status for a in parents) == ["done", "done", "in_progress"]
    # The review conference's task to the persona ward, done.
    conf = Task.objects.get(conference_task__isnull=False)
    assert conf.assignments.get().status == AssignmentStatus.DONE

    # On the demo's today: some done on time, some late, some overdue, some in progress.
    monkeypatch.setattr(indicators, "_today", lambda: TODAY)
    with registry.batch():
        year = {
            code: registry.get(code).compute(root, Period.year(2026))
            for code in ("tasks.done_on_time", "tasks.done_late", "tasks.overdue")
        }
    assert all(value is not None and value > 0 for value in year.values()), year
    overdue = selectors.overdue_assignments(Assignment.objects.all(), TODAY)
    assert len(overdue) == year["tasks.overdue"]
    assert any(a.task_id == monthly.pk for a in overdue)  # a missed monthly report
    assert Assignment.objects.filter(status=AssignmentStatus.IN_PROGRESS).exists()
    assert Assignment.objects.filter(status=AssignmentStatus.OPEN).exists()

    # The board's work programme for 2026: every month, done before November, November in
    # progress, December planned, two postponed.
    items = WorkItem.objects.filter(organization=root, year=2026)
    assert set(items.exclude(month=None).values_list("month", flat=True)) == set(range(1, 13))
    assert items.filter(status=WorkItemStatus.POSTPONED).count() == 2
    assert set(items.filter(month=11).values_list("status", flat=True)) == {"in_progress"}
    assert set(items.filter(month=12).values_list("status", flat=True)) == {"planned"}
    assert not items.filter(month__lt=11).exclude(status__in=["done", "postponed"]).exists()
    assert items.filter(document=docs["05-KH/BTCTU"]).exists()
