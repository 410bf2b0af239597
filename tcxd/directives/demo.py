"""Demo data of this app, added to the demo city by ``seed_demo``: the register with the
seven documents of the seed paragraph and the chain above them, a few of the city's own
documents of 2025–2026, the tasks they give to every commune, ward and committee directly
under the city (some done on time, some late, some overdue on the demo's today, a monthly
report, some split among cells), the conference task of the half-year review, and the
board's work programme for 2026.

Everything goes through the services (rules and audit apply), dated on or before the
demo's today (``demo.city.TODAY``). The documents of the seed are real; the dates of
21-KL/TW, 05-CT/TW and 28-NQ/TW are not in the seed paragraph (docs/directives.md). The
city's documents of 2025–2026 and all the tasks are invented for the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from tcxd.accounts.models import User
from tcxd.demo.city import PERSONA_WARD, TODAY
from tcxd.organizations.models import Organization

from . import services
from .choices import AssignmentRole, LinkKind, Recurrence, WorkItemStatus
from .models import Assignment, Document, DocumentType, Issuer, Task

D = dt.date

# symbol, date, issuing body, title; the seven of the seed first.
DOCUMENTS = [
    (
        "05-CT/TW",
        D(2016, 5, 15),
        "Bộ Chính trị",
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "21-KL/TW",
        D(2021, 10, 25),
        "Ban Chấp hành Trung ương Đảng khóa XIII",
        "Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, "
        "đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, "
        "lối sống, biểu hiện “tự diễn biến”, “tự chuyển hóa”",
    ),
    (
        "29-KH/TU",
        D(2022, 1, 14),
        "Ban Thường vụ Tỉnh ủy",
        "Về thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa XIII về "
        "đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy "
        "lùi, xử lý nghiêm cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối "
        "sống, biểu hiện “tự diễn biến”, “tự chuyển hóa”",
    ),
    (
        "21-NQ/TW",
        D(2022, 6, 16),
        "Ban Chấp hành Trung ương khóa XIII",
        "Về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ "
        "đảng viên trong giai đoạn mới",
    ),
    (
        "17-CTr/TU",
        D(2022, 11, 22),
        "Tỉnh ủy",
        "Thực hiện Nghị quyết 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII "
        "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ "
        "đảng viên trong giai đoạn mới",
    ),
    (
        "28-NQ/TW",
        D(2022, 11, 17),
        "Ban Chấp hành Trung ương Đảng khóa XIII",
        "Về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính "
        "trị trong giai đoạn mới",
    ),
    (
        "110-KH/TU",
        D(2023, 4, 4),
        "Ban Thường vụ Tỉnh ủy",
        "Về việc thực hiện Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII "
        "về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính "
        "trị trong giai đoạn mới",
    ),
    # The city's own, invented for the demo.
    (
        "12-KH/TU",
        D(2025, 12, 8),
        "Ban Thường vụ Thành ủy",
        "Về tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học "
        "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "05-KH/BTCTU",
        D(2026, 1, 15),
        "Ban Tổ chức Thành ủy",
        "Triển khai thực hiện Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương khóa XIII "
        "và Chương trình hành động số 17-CTr/TU về củng cố, xây dựng tổ chức cơ sở đảng năm "
        "2026",
    ),
    (
        "08-HD/BTCTU",
        D(2026, 2, 10),
        "Ban Tổ chức Thành ủy",
        "Hướng dẫn rà soát, kiện toàn chi bộ thôn, tổ dân phố và chi bộ cơ quan sau sắp xếp "
        "tổ chức bộ máy",
    ),
    (
        "150-QĐ/TU",
        D(2026, 3, 20),
        "Ban Thường vụ Thành ủy",
        "Quy định chế độ báo cáo định kỳ trong công tác tổ chức xây dựng Đảng",
    ),
    (
        "31-BC/BTCTU",
        D(2026, 6, 5),
        "Ban Tổ chức Thành ủy",
        "Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 05-KH/BTCTU về củng cố, xây dựng "
        "tổ chức cơ sở đảng",
    ),
]
SEED_SYMBOLS = [d[0] for d in DOCUMENTS[:7]]

# source, relation, target
LINKS = [
    ("29-KH/TU", LinkKind.IMPLEMENTS, "21-KL/TW"),
    ("17-CTr/TU", LinkKind.IMPLEMENTS, "21-NQ/TW"),
    ("110-KH/TU", LinkKind.IMPLEMENTS, "28-NQ/TW"),
    ("12-KH/TU", LinkKind.IMPLEMENTS, "05-CT/TW"),
    ("05-KH/BTCTU", LinkKind.IMPLEMENTS, "21-NQ/TW"),
    ("08-HD/BTCTU", LinkKind.GUIDES, "05-KH/BTCTU"),
]


def _parse(symbol: str) -> tuple[str, str, str]:
    number, rest = symbol.split("-", 1)
    code, issuer = rest.split("/")
    return number, code, issuer


def _days(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day from ``start`` to ``end`` (both included), never after the demo's today."""
    end = min(end, TODAY)
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


class DemoDirectives:
    def __init__(self, *, seed: int, progress: Callable[[str], None]) -> None:
        self.rng = random.Random(seed * 104_729 + 5)
        self.progress = progress
        self.board = User.objects.get(username="chuyenvien")
        self.ward_officer = User.objects.get(username="canbo.thuanhoa")
        self.root = Organization.objects.get(depth=1)
        self.below = list(Organization.objects.filter(depth=2).order_by("path"))
        self.ward = next(o for o in self.below if o.short_name == PERSONA_WARD)
        self.documents: dict[str, Document] = {}

    def actor(self, org: Organization) -> Any:
        return self.ward_officer if org.path.startswith(self.ward.path) else self.board

    # --- register ----------------------------------------------------------------------

    def register(self) -> None:
        types = {t.code: t for t in DocumentType.objects.all()}
        issuers = {i.code: i for i in Issuer.objects.all()}
        for symbol, on, body, title in DOCUMENTS:
            number, code, issuer = _parse(symbol)
            self.documents[symbol] = services.document_register(
                actor=self.board,
                organization=self.root,
                data={
                    "doc_type": types[code],
                    "number": number,
                    "issuer": issuers[issuer],
                    "issued_on": on,
                    "issuing_body": body,
                    "title": title,
                },
            )
        for source, kind, target in LINKS:
            services.document_link(
                actor=self.board,
                source=self.documents[source],
                target=self.documents[target],
                kind=kind,
            )

    # --- tasks -------------------------------------------------------------------------

    def assign(
        self, symbol: str | None, title: str, on: dt.date, deadline: dt.date, **kw: Any
    ) -> Task:
        return services.task_assign(
            actor=self.board,
            assigned_by=self.root,
            title=title,
            deadline=deadline,
            leads=kw.pop("leads", self.below),
            document=self.documents[symbol] if symbol else None,
            assigned_on=on,
            **kw,
        )

    def report(self, a: Assignment, pct: int, on: dt.date, text: str) -> None:
        services.progress_report(
            actor=self.actor(a.organization),
            assignment=a,
            expected_version=None,
            progress=pct,
            text=text,
            reported_on=on,
        )

    def done(self, a: Assignment, on: dt.date, text: str) -> None:
        services.mark_done(
            actor=self.actor(a.organization),
            assignment=a,
            expected_version=None,
            text=text,
            done_on=on,
        )

    def outcomes(
        self,
        task: Task,
        *,
        on_time: float,
        late: float,
        start: dt.date,
        late_until: dt.date,
        product: str,
        split: list[Assignment] | None = None,
    ) -> None:
        """Each lead assignment of ``task``: done on time (share ``on_time``), done late
        (``late``), or still in progress with a report halfway."""
        split_ids = {a.pk for a in split or []}
        for a in self._leads(task):
            if a.pk in split_ids:
                continue
            draw = self.rng.random()
            if draw < on_time:  # done straight away (fewer service calls: a faster demo)
                self.done(a, _days(self.rng, start + dt.timedelta(days=1), task.deadline), product)
            elif draw < on_time + late:
                self.report(a, self.rng.choice([30, 50]), start, "Đang triển khai thực hiện.")
                late_on = _days(self.rng, task.deadline + dt.timedelta(days=3), late_until)
                self.done(a, late_on, product + " (chậm so với thời hạn)")
            else:
                self.report(
                    a,
                    self.rng.choice([20, 40, 60, 70, 80]),
                    start,
                    "Đang rà soát; một số nội dung chưa hoàn thành do nhân sự thay đổi "
                    "sau sắp xếp.",
                )

    def _leads(self, task: Task) -> list[Assignment]:
        return list(
            task.assignments.filter(role=AssignmentRole.LEAD)
            .select_related("organization", "task")
            .order_by("organization_path")
        )

    def split(
        self, task: Task, orgs: list[Organization], deadline: dt.date, all_done: bool
    ) -> list[Assignment]:
        """Split these organizations' assignments among three of their cells each; the
        cells do their parts (but one, when not ``all_done``), then the assignment is done."""
        parts = []
        for n, org in enumerate(orgs):
            a = task.assignments.get(organization=org)
            cells = list(
                Organization.objects.filter(
                    path__startswith=org.path, depth=org.depth + 1, kind__code="cell"
                ).order_by("path")[:3]
            )
            if not cells:
                continue
            sub = services.task_assign(
                actor=self.actor(org),
                assigned_by=org,
                title="Rà soát, kiện toàn chi bộ; báo cáo về Đảng ủy",
                deadline=deadline,
                leads=cells,
                parent=a,
                assigned_on=task.assigned_on + dt.timedelta(days=5),
                expected_product="Báo cáo của chi bộ",
            )
            finished = True
            for k, cell_part in enumerate(self._leads(sub)):
                if not all_done and n == len(orgs) - 1 and k == 0:
                    self.report(cell_part, 50, deadline - dt.timedelta(days=10), "Đang rà soát.")
                    finished = False
                    continue
                self.done(
                    cell_part, deadline - dt.timedelta(days=3 + k), "Đã rà soát, kiện toàn chi ủy."
                )
            a.refresh_from_db()
            if finished:
                self.done(a, deadline + dt.timedelta(days=2), "Đã hoàn thành rà soát ở các chi bộ.")
            parts.append(a)
        return parts

    def tasks(self) -> None:
        others = [
            o for o in self.below if o.kind.code == "commune_committee" and o.pk != self.ward.pk
        ]
        consolidate = self.assign(
            "05-KH/BTCTU",
            "Rà soát, kiện toàn chi bộ thôn, tổ dân phố và chi bộ cơ quan sau sắp xếp; báo cáo "
            "kết quả về Ban Tổ chức Thành ủy",
            D(2026, 1, 20),
            D(2026, 3, 31),
            expected_product="Báo cáo kết quả rà soát, kiện toàn",
        )
        split = self.split(consolidate, [self.ward, others[0]], D(2026, 3, 20), True)
        split += self.split(consolidate, [others[1]], D(2026, 3, 20), False)
        self.outcomes(
            consolidate,
            on_time=0.65,
            late=0.2,
            start=D(2026, 2, 25),
            late_until=D(2026, 5, 30),
            product="Đã hoàn thành rà soát, kiện toàn; gửi báo cáo kết quả.",
            split=split,
        )

        sources = self.assign(
            "17-CTr/TU",
            "Xây dựng kế hoạch tạo nguồn, phát triển đảng viên ở thôn, tổ dân phố chưa có đảng "
            "viên hoặc chưa có chi bộ",
            D(2026, 3, 2),
            D(2026, 6, 30),
            expected_product="Kế hoạch của cấp ủy",
        )
        self.outcomes(
            sources,
            on_time=0.55,
            late=0.25,
            start=D(2026, 5, 15),
            late_until=D(2026, 9, 30),
            product="Đã ban hành kế hoạch tạo nguồn phát triển đảng viên.",
        )

        self.monthly_reports()

        self_check = self.assign(
            "29-KH/TU",
            "Tự kiểm tra, rà soát, phát hiện cán bộ, đảng viên có biểu hiện suy thoái về tư "
            "tưởng chính trị, đạo đức, lối sống; báo cáo kết quả",
            D(2026, 8, 3),
            D(2026, 10, 15),
            expected_product="Báo cáo kết quả tự kiểm tra",
        )
        self.outcomes(
            self_check,
            on_time=0.4,
            late=0.1,
            start=D(2026, 9, 15),
            late_until=TODAY,
            product="Đã tự kiểm tra; gửi báo cáo kết quả.",
        )

        rules = self.assign(
            "110-KH/TU",
            "Rà soát, sửa đổi, bổ sung quy chế làm việc của cấp ủy nhiệm kỳ 2025–2030",
            D(2026, 9, 15),
            D(2026, 11, 30),
            expected_product="Quy chế làm việc đã sửa đổi",
        )
        for a in self._leads(rules):
            draw = self.rng.random()
            if draw < 0.15:
                self.done(
                    a, _days(self.rng, D(2026, 10, 10), TODAY), "Đã ban hành quy chế sửa đổi."
                )
            elif draw < 0.8:
                self.report(a, self.rng.choice([20, 40, 50, 70]), D(2026, 10, 20), "Đang dự thảo.")

        review = self.assign(
            "12-KH/TU",
            "Tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW; gửi báo cáo tổng kết về Thành ủy",
            D(2026, 10, 12),
            D(2026, 12, 15),
            expected_product="Báo cáo tổng kết",
        )
        for a in self._leads(review)[::4]:
            self.report(a, 10, D(2026, 10, 28), "Đã xây dựng đề cương báo cáo.")

    def monthly_reports(self) -> None:
        """Reports due on the 25th of each month from July 2026; a few organizations miss
        September's or October's."""
        task = self.assign(
            "150-QĐ/TU",
            "Báo cáo tình hình, kết quả công tác tổ chức xây dựng Đảng hằng tháng",
            D(2026, 6, 23),
            D(2026, 7, 25),
            recurrence=Recurrence.MONTHLY,
            recurring_until=D(2026, 12, 25),
            expected_product="Báo cáo tháng",
        )
        for a in self._leads(task):
            skip = self.rng.choice([None] * 8 + [9, 10])  # a month without a report
            for month in range(7, 11):
                if month == skip:
                    continue
                day = D(2026, month, self.rng.randint(18, 25))
                if day > TODAY:
                    break
                self.report(a, (month - 6) * 15, day, f"Báo cáo tháng {month}/2026.")

    def conference_task(self) -> None:
        """The half-year review conference's task to the persona ward, in the tracker."""
        from tcxd.reviews.models import Conference

        conference = Conference.objects.order_by("held_on").first()
        if conference is None:
            return
        for task in services.tasks_from_conference(actor=self.board, conference=conference):
            for a in self._leads(task):
                self.report(a, 60, task.deadline - dt.timedelta(days=20), "Đã dự thảo kế hoạch.")
                self.done(a, task.deadline - dt.timedelta(days=4), "Đã ban hành kế hoạch.")

    # --- work programme ----------------------------------------------------------------

    def programme(self) -> None:
        owner_party = "Phòng Tổ chức đảng, đảng viên"
        owner_base = "Phòng Cơ sở đảng"
        owner_cadre = "Phòng Tổ chức cán bộ"
        lead = "Lãnh đạo Ban"
        items: list[tuple[int | None, int | None, str, str, str | None, str]] = [
            (
                1,
                None,
                "Triển khai Kế hoạch củng cố, xây dựng tổ chức cơ sở đảng năm 2026",
                lead,
                "05-KH/BTCTU",
                "",
            ),
            (
                1,
                None,
                "Tham mưu Kế hoạch tổng kết 10 năm thực hiện Chỉ thị 05-CT/TW",
                owner_base,
                "12-KH/TU",
                "",
            ),
            (
                2,
                None,
                "Ban hành Hướng dẫn rà soát, kiện toàn chi bộ sau sắp xếp",
                owner_base,
                "08-HD/BTCTU",
                "",
            ),
            (
                2,
                None,
                "Thẩm định đề án thành lập chi bộ ở thôn, tổ dân phố chưa có chi bộ",
                owner_party,
                None,
                "",
            ),
            (3, None, "Trình Ban Thường vụ Quy định chế độ báo cáo định kỳ", lead, "150-QĐ/TU", ""),
            (3, None, "Sơ kết quý I việc rà soát, kiện toàn chi bộ", owner_base, None, ""),
            (
                4,
                None,
                "Kiểm tra việc thực hiện Chương trình hành động 17-CTr/TU tại 5 đảng bộ xã, phường",
                owner_party,
                "17-CTr/TU",
                "",
            ),
            (
                5,
                None,
                "Tổng hợp danh sách quần chúng ưu tú ở thôn, tổ dân phố chưa có đảng viên",
                owner_party,
                None,
                "",
            ),
            (
                6,
                None,
                "Báo cáo kết quả 6 tháng thực hiện Kế hoạch 05-KH/BTCTU",
                owner_base,
                "31-BC/BTCTU",
                "",
            ),
            (
                6,
                None,
                "Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm",
                lead,
                None,
                "",
            ),
            (
                7,
                None,
                "Bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy viên cơ sở",
                owner_base,
                None,
                "postponed:Lùi sang quý IV do trùng lịch hội nghị.",
            ),
            (
                7,
                None,
                "Theo dõi việc xây dựng kế hoạch tạo nguồn phát triển đảng viên",
                owner_party,
                "17-CTr/TU",
                "",
            ),
            (8, None, "Chỉ đạo tự kiểm tra theo Kế hoạch 29-KH/TU", lead, "29-KH/TU", ""),
            (
                9,
                None,
                "Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030",
                owner_cadre,
                None,
                "postponed:Lùi sang tháng 12 theo chỉ đạo của Thường trực Thành ủy.",
            ),
            (
                10,
                None,
                "Tổng hợp kết quả tự kiểm tra theo Kế hoạch 29-KH/TU",
                owner_party,
                "29-KH/TU",
                "",
            ),
            (
                11,
                None,
                "Hướng dẫn rà soát quy chế làm việc của cấp ủy theo Kế hoạch 110-KH/TU",
                owner_base,
                "110-KH/TU",
                "",
            ),
            (
                11,
                None,
                "Chuẩn bị tổng kết 10 năm thực hiện Chỉ thị 05-CT/TW",
                owner_base,
                "12-KH/TU",
                "",
            ),
            (12, None, "Hội nghị tổng kết công tác tổ chức xây dựng Đảng năm 2026", lead, None, ""),
            (
                12,
                None,
                "Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030 (lùi từ tháng 9)",
                owner_cadre,
                None,
                "",
            ),
            (
                None,
                4,
                "Kiểm tra chuyên đề công tác đảng viên ở 10 đảng bộ xã, phường",
                owner_party,
                None,
                "",
            ),
            (
                None,
                4,
                "Bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy viên cơ sở (lùi từ tháng 7)",
                owner_base,
                None,
                "",
            ),
        ]
        for month, quarter, title, owner, symbol, note in items:
            if note.startswith("postponed:"):
                status, note = WorkItemStatus.POSTPONED, note.split(":", 1)[1]
            elif month is not None and month < TODAY.month:
                status = WorkItemStatus.DONE
            elif month == TODAY.month or quarter == (TODAY.month - 1) // 3 + 1:
                status = WorkItemStatus.IN_PROGRESS
            else:
                status = WorkItemStatus.PLANNED
            services.work_item_save(
                actor=self.board,
                organization=self.root,
                data={
                    "year": TODAY.year,
                    "month": month,
                    "quarter": quarter,
                    "title": title,
                    "owner": owner,
                    "status": status,
                    "document": self.documents.get(symbol) if symbol else None,
                    "note": note,
                },
            )


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    if not Organization.objects.filter(depth=1).exists():
        return
    demo = DemoDirectives(seed=seed, progress=progress)
    progress("Directives: the register, the seed's seven documents and the chain above them …")
    demo.register()
    progress(f"Directives: tasks to the {len(demo.below)} organizations below the city …")
    demo.tasks()
    demo.conference_task()
    progress("Directives: the board's work programme for 2026 …")
    demo.programme()
