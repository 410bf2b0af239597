"""Demo data of this app, added to the demo city by ``seed_demo``: a year of meetings
(11/2025 to 10/2026) for every cell of three communes and wards (the personas' ward
first): regular meetings every month with realistic gaps (some postponed with a reason,
some simply missing, so overdue), a topical meeting most quarters (separate or combined
with the regular one), roll calls from the registry at each date with absences with and
without reason (a few members who often stay away without reason), party dues, and
scores with the sheet in force.

Written in bulk for speed (well under 10 s); the values follow the same rules as the
services: the roll is ``selectors.roster``'s reading of the membership periods, the
automatic criteria those of ``selectors.auto_checks``."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction

from tcxd.accounts.models import User
from tcxd.audit.services import build_entry, record_many
from tcxd.demo.city import ADMIN_USERNAME, PERSONA_WARD, TODAY
from tcxd.members.choices import CURRENT_STATUSES
from tcxd.members.models import MembershipPeriod
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_book

from . import selectors
from .choices import MeetingKind, Presence, RosterGroup, SlotKind
from .models import Attendance, Meeting, Postponement, ResolutionTask

FIRST_MONTH = (2025, 11)
MONTHS = 12
COMMUNES = 3

TOPICS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng Đảng",
    "Nâng cao vai trò tiên phong, gương mẫu của đảng viên ở khu dân cư",
    "Phát huy dân chủ ở cơ sở, giữ gìn an ninh trật tự trên địa bàn",
    "Chuyển đổi số trong sinh hoạt chi bộ: sử dụng Sổ tay đảng viên điện tử",
    "Công tác phát triển đảng viên ở khu dân cư",
]
EXCUSES = [
    "Ốm",
    "Đi công tác",
    "Việc gia đình",
    "Trực cơ quan",
    "Đi khám bệnh",
    "Tuổi cao, sức yếu",
]
POSTPONE_REASONS = [
    "Mưa bão, ngập lụt trên địa bàn",
    "Trùng lịch bầu cử đại biểu Quốc hội và Hội đồng nhân dân",
    "Bí thư chi bộ đi học tập trung",
    "Tập trung phòng, chống dịch bệnh",
]
TASKS = [
    ("Vận động nhân dân tổng vệ sinh môi trường khu dân cư", "Tổ trưởng tổ dân phố"),
    ("Thu đảng phí tháng, nộp về Đảng ủy đúng hạn", "Đồng chí chi ủy viên phụ trách"),
    ("Rà soát quần chúng ưu tú, giới thiệu đi học lớp nhận thức về Đảng", "Bí thư chi bộ"),
    ("Nắm tình hình an ninh trật tự, báo cáo cấp ủy", "Đồng chí phó bí thư"),
]


def _month(index: int) -> tuple[int, int]:
    y, m = FIRST_MONTH
    n = y * 12 + m - 1 + index
    return n // 12, n % 12 + 1


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed * 104729 + 9)
        self.meetings: list[Meeting] = []
        self.lines: list[list[Attendance]] = []
        self.tasks: list[list[ResolutionTask]] = []
        self.posts: list[Postponement] = []

    def build(self) -> tuple[int, int, int]:
        actor = User.objects.get(username=ADMIN_USERNAME)
        communes = list(
            Organization.objects.filter(kind__code="commune_committee").order_by("path")
        )
        communes.sort(key=lambda c: c.short_name != PERSONA_WARD)
        cells: list[Organization] = []
        for commune in communes[:COMMUNES]:
            cells += list(selectors.cells_under(commune))
        periods = self.periods(cells)
        sheet_cache: dict[int, Any] = {}
        chronic = set()
        for cell in cells:
            for p in periods[cell.pk]:
                if self.rng.random() < 0.04:
                    chronic.add(p.member_id)
        for cell in cells:
            for index in range(MONTHS):
                self.month(cell, index, periods[cell.pk], chronic, actor, sheet_cache)
        with transaction.atomic():
            Meeting.objects.bulk_create(self.meetings, batch_size=500)
            rows = []
            tasks = []
            for meeting, lines, task_rows in zip(
                self.meetings, self.lines, self.tasks, strict=True
            ):
                for line in lines:
                    line.meeting = meeting
                rows += lines
                for t in task_rows:
                    t.meeting = meeting
                tasks += task_rows
            Attendance.objects.bulk_create(rows, batch_size=2000)
            ResolutionTask.objects.bulk_create(tasks, batch_size=2000)
            Postponement.objects.bulk_create(self.posts, batch_size=500)
            record_many(
                build_entry(
                    actor=actor,
                    action="meetings.create",
                    target=m,
                    organization=m.organization,
                    changes={"kind": m.kind, "held_on": m.held_on, "demo": True},
                )
                for m in self.meetings
            )
        return len(self.meetings), len(rows), len(self.posts)

    def periods(self, cells: list[Organization]) -> dict[int, list[MembershipPeriod]]:
        ids = [c.pk for c in cells]
        first = dt.date(*_month(0), 1)
        by_cell: dict[int, list[MembershipPeriod]] = defaultdict(list)
        rows = (
            MembershipPeriod.objects.filter(status__in=CURRENT_STATUSES, start_on__lte=TODAY)
            .exclude(end_on__lte=first)
            .filter(organization_id__in=ids)
            .union(
                MembershipPeriod.objects.filter(status__in=CURRENT_STATUSES, start_on__lte=TODAY)
                .exclude(end_on__lte=first)
                .filter(host_organization_id__in=ids)
            )
        )
        for p in rows:
            org_id, host_id = p.organization_id, p.host_organization_id
            if org_id is not None and org_id in ids:
                by_cell[org_id].append(p)
            if host_id is not None and host_id in ids and host_id != org_id:
                by_cell[host_id].append(p)
        return by_cell

    def roll(
        self, cell: Organization, periods: list[MembershipPeriod], on: dt.date
    ) -> list[tuple[int, str]]:
        """(member id, group) as ``selectors.roster`` reads the periods."""
        result: list[tuple[int, str]] = []
        for p in periods:
            if p.start_on > on or (p.end_on is not None and p.end_on <= on):
                continue
            if p.organization_id == cell.pk and p.host_organization_id not in (None, cell.pk):
                result.append((p.member_id, RosterGroup.AWAY))
            elif p.is_exempt:
                result.append((p.member_id, RosterGroup.EXEMPT))
            elif p.organization_id == cell.pk:
                result.append((p.member_id, RosterGroup.REGISTERED))
            else:
                result.append((p.member_id, RosterGroup.HOSTED))
        return result

    def month(
        self,
        cell: Organization,
        index: int,
        periods: list[MembershipPeriod],
        chronic: set[int],
        actor: Any,
        sheets: dict[int, Any],
    ) -> None:
        rng = self.rng
        year, month = _month(index)
        start = dt.date(year, month, 1)
        if not (cell.exists_on(start) and cell.exists_on(selectors._month_end(year, month))):
            return
        quarter_end = month % 3 == 0
        topical_kind = None
        if quarter_end and rng.random() < 0.88:
            topical_kind = MeetingKind.COMBINED if rng.random() < 0.6 else MeetingKind.TOPICAL
        gap = rng.random()
        if gap < 0.05:  # postponed, with the reason
            self.posts.append(
                Postponement(
                    organization=cell,
                    organization_path=cell.path,
                    slot=SlotKind.REGULAR,
                    period_start=start,
                    reason=rng.choice(POSTPONE_REASONS),
                    recorded_by=actor,
                )
            )
        elif gap >= 0.09:  # otherwise held (4 % of the months are simply missing: overdue)
            kind = topical_kind if topical_kind == MeetingKind.COMBINED else MeetingKind.REGULAR
            self.meeting(cell, start, kind, periods, chronic, actor, sheets)
        if topical_kind == MeetingKind.TOPICAL:
            self.meeting(
                cell,
                start + dt.timedelta(days=14),
                MeetingKind.TOPICAL,
                periods,
                chronic,
                actor,
                sheets,
            )

    def meeting(
        self,
        cell: Organization,
        month_start: dt.date,
        kind: str,
        periods: list[MembershipPeriod],
        chronic: set[int],
        actor: Any,
        sheets: dict[int, Any],
    ) -> None:
        rng = self.rng
        day = month_start + dt.timedelta(days=rng.randint(2, 9))
        if day >= TODAY:
            return
        roll = self.roll(cell, periods, day)
        if not roll:
            return
        evening = rng.random() < 0.7
        start = dt.time(19, 30) if evening else dt.time(14, 0)
        minutes = rng.choice([75, 90, 95, 100, 105, 120, 130, 150])
        if kind == MeetingKind.COMBINED:
            minutes += 30
        end_dt = dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes)
        end = end_dt.time() if end_dt.date() == day else dt.time(23, 59)
        lines = []
        counts = {p: 0 for p in Presence.values}
        expected = 0
        for member_id, group in roll:
            presence = ""
            reason = ""
            if group in (RosterGroup.REGISTERED, RosterGroup.HOSTED):
                expected += 1
                r = rng.random()
                unexcused = 0.35 if member_id in chronic else 0.015
                if r < unexcused:
                    presence = Presence.UNEXCUSED
                elif r < unexcused + 0.08:
                    presence, reason = Presence.EXCUSED, rng.choice(EXCUSES)
                else:
                    presence = Presence.PRESENT
                counts[presence] += 1
            elif group == RosterGroup.EXEMPT and rng.random() < 0.2:
                presence = Presence.PRESENT
            lines.append(
                Attendance(
                    member_id=member_id,
                    group=group,
                    presence=presence,
                    reason=reason,
                    dues_paid=presence == Presence.PRESENT and rng.random() < 0.96,
                    held_on=day,
                    organization_path=cell.path,
                )
            )
        label = f"{day.month}/{day.year}"
        topic = rng.choice(TOPICS) if kind in (MeetingKind.TOPICAL, MeetingKind.COMBINED) else ""
        shared = day - dt.timedelta(days=rng.choice([0, 1, 2, 3])) if rng.random() < 0.85 else None
        meeting = Meeting(
            organization=cell,
            organization_path=cell.path,
            kind=kind,
            held_on=day,
            starts_at=start,
            ends_at=end,
            place=f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}"
            if evening
            else "Hội trường Đảng ủy",
            topic=topic,
            upper_attendee="Đồng chí Đảng ủy viên phụ trách địa bàn" if rng.random() < 0.5 else "",
            agenda=(
                f"Đánh giá kết quả thực hiện nghị quyết tháng trước\nBàn nhiệm vụ tháng {label}"
                + (f"\nSinh hoạt chuyên đề: {topic}" if topic else "")
            ),
            documents=f"Dự thảo nghị quyết chi bộ tháng {label}",
            documents_shared_on=shared,
            minutes=(
                "Đồng chí Bí thư khai mạc, nêu lý do, điểm danh; chi bộ thông qua chương trình.\n"
                "Các đồng chí đảng viên thảo luận, đóng góp ý kiến vào dự thảo nghị quyết."
            )
            if rng.random() < 0.92
            else "",
            speakers_count=rng.randint(2, max(2, counts[Presence.PRESENT] // 2)),
            results=f"Chi bộ hoàn thành cơ bản các nhiệm vụ đề ra trong tháng {label}.",
            tasks_text="\n".join(t for t, _who in rng.sample(TASKS, 2)),
            assignment="Đồng chí Bí thư phụ trách chung; các chi ủy viên theo dõi từng tổ.",
            self_assessment="Buổi sinh hoạt đúng quy trình, nội dung thiết thực.",
            expected_count=expected,
            present_count=counts[Presence.PRESENT],
            excused_count=counts[Presence.EXCUSED],
            unexcused_count=counts[Presence.UNEXCUSED],
            recorded_by=actor,
        )
        if rng.random() < 0.85:
            self.score(meeting, cell, sheets)
        self.meetings.append(meeting)
        self.lines.append(lines)
        month_end = selectors._month_end(day.year, day.month)
        self.tasks.append(
            [
                ResolutionTask(
                    position=n,
                    description=t,
                    assignee=who,
                    due_on=month_end,
                )
                for n, (t, who) in enumerate(rng.sample(TASKS, 2))
            ]
        )

    def score(self, meeting: Meeting, cell: Organization, sheets: dict[int, Any]) -> None:
        key = meeting.held_on >= dt.date(2025, 10, 28)
        sheet = sheets.get(key)
        if sheet is None:
            sheet = sheets[key] = selectors.sheet_in_force(cell, meeting.held_on)
        checks = selectors.auto_checks(meeting)
        points = {}
        for item in sheet.items:
            auto = item.get("auto")
            if auto:
                points[item["code"]] = item["max"] if checks[auto].met else 0
            else:
                points[item["code"]] = max(0, item["max"] - self.rng.choice([0, 1, 2, 3, 4, 5]))
        total = sum(points.values())
        level = sheet.level_of(total)
        meeting.scoring_sheet = sheet
        meeting.score_points = points
        meeting.score_total = total
        meeting.score_level = level["code"]
        meeting.score_level_name = level["name"]
        meeting.scored_by = meeting.recorded_by
        from django.utils import timezone

        meeting.scored_at = timezone.make_aware(
            dt.datetime.combine(meeting.held_on, meeting.ends_at)
        )


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    progress("Cell meetings: a year of meetings in three communes and wards …")
    started = time.perf_counter()
    with rule_book():
        meetings, lines, posts = Builder(seed).build()
    progress(
        f"  {meetings:,} meetings, {lines:,} roll-call lines, {posts:,} postponements in "
        f"{time.perf_counter() - started:.1f} s"
    )
