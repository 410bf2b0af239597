"""Demo data of this app, added to the demo city by ``seed_demo``: a completed review of
"6 tháng đầu năm 2026" (every organization below sent, one returned and resent, all
accepted, the report generated, the conference recorded) and an open review of "Năm 2026"
with some submissions late. Everything goes through the services, dated in the past."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from tcxd.accounts.models import User
from tcxd.indicators.periods import Period
from tcxd.organizations.models import Organization

from . import selectors, services
from .choices import SubmissionStatus

TZ_HOUR = 9

RESULTS = [
    "Cấp ủy đã lãnh đạo, chỉ đạo thực hiện nghiêm túc Chương trình công tác năm {year}; "
    "kiện toàn kịp thời các chi bộ sau khi sắp xếp tổ chức bộ máy.",
    "Công tác phát triển đảng viên được quan tâm; các chi bộ đã lập danh sách quần chúng ưu tú "
    "và cử đi học lớp nhận thức về Đảng.",
    "Thực hiện tốt việc quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng đúng quy định.",
    "Nâng cao chất lượng sinh hoạt chi bộ; duy trì sinh hoạt chuyên đề hằng quý.",
]
LIMITATIONS = [
    "Số lượng kết nạp đảng viên mới còn ít so với chỉ tiêu; nguyên nhân chủ yếu là nguồn "
    "quần chúng ưu tú ở khu dân cư còn hạn chế, nhiều đoàn viên thanh niên đi làm ăn xa.",
    "Tỷ lệ trưởng thôn, tổ trưởng tổ dân phố là đảng viên chưa cao; việc giới thiệu đảng viên "
    "ứng cử chưa được quan tâm đúng mức.",
    "Một số chi bộ sinh hoạt chưa đều, nội dung sinh hoạt còn đơn điệu.",
]
DIRECTIONS = [
    "Tiếp tục rà soát, tạo nguồn phát triển đảng viên, phấn đấu hoàn thành chỉ tiêu kết nạp năm "
    "{year}.",
    "Chỉ đạo giới thiệu đảng viên ứng cử trưởng thôn, tổ trưởng tổ dân phố; thành lập chi bộ ở "
    "các thôn, tổ dân phố chưa có chi bộ.",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn của Ban Tổ chức Trung ương.",
]
PROPOSALS = [
    "Đề nghị Ban Tổ chức Thành ủy mở thêm lớp bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy "
    "viên cơ sở.",
    "",
]


def _at(day: dt.date, hour: int = TZ_HOUR) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _narrative(rng: random.Random, year: int) -> dict[str, str]:
    return {
        "results": "\n".join(s.format(year=year) for s in rng.sample(RESULTS, 3)),
        "limitations": "\n".join(rng.sample(LIMITATIONS, 2)),
        "directions": "\n".join(s.format(year=year) for s in rng.sample(DIRECTIONS, 2)),
        "proposals": rng.choice(PROPOSALS),
    }


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    rng = random.Random(seed * 7919 + 3)
    root = Organization.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    board = User.objects.get(username="chuyenvien")
    leader = User.objects.get(username="truongban")
    ward_officer = User.objects.get(username="canbo.thuanhoa")

    progress("Reviews: the half-year review of 2026 and its report …")
    h1 = services.review_open(
        actor=board,
        organization=root,
        kind="half_year",
        period=Period.half(2026, 1),
        deadline_on=dt.date(2026, 6, 20),
        at=_at(dt.date(2026, 6, 1), 8),
    )
    subs = selectors.review_submissions(h1)
    returned = next((s for s in subs if s.organization.short_name == "Phường Thuận Hóa"), subs[0])
    for n, sub in enumerate(subs):
        sent_on = dt.date(2026, 6, 8) + dt.timedelta(days=n % 12)  # three of them after the 20th
        sender = ward_officer if sub.pk == returned.pk else board
        sub = services.submission_update(
            actor=sender,
            submission=sub,
            expected_version=None,
            narrative=_narrative(rng, 2026),
            figure_comments={"members.admitted": "Đã đối chiếu với quyết định kết nạp."}
            if n % 5 == 0
            else {},
            send=True,
            at=_at(sent_on),
        )
        if sub.pk == returned.pk:
            services.submission_return(
                actor=board,
                submission=sub,
                comment="Đề nghị bổ sung nguyên nhân của hạn chế trong công tác kết nạp đảng "
                "viên ở khu dân cư và giải pháp khắc phục.",
                expected_version=None,
                at=_at(sent_on + dt.timedelta(days=2), 14),
            )
            sub = services.submission_update(
                actor=ward_officer,
                submission=sub,
                expected_version=None,
                narrative={
                    **_narrative(rng, 2026),
                    "limitations": LIMITATIONS[0]
                    + "\nGiải pháp: giao chi bộ các tổ dân phố rà soát đoàn viên ưu tú hằng quý.",
                },
                figure_comments={},
                send=True,
                at=_at(sent_on + dt.timedelta(days=3)),
            )
        services.submission_accept(
            actor=board,
            submission=sub,
            expected_version=None,
            at=_at(dt.date(2026, 6, 24) + dt.timedelta(days=n % 5), 15),
        )
    defaults = selectors.issuer_defaults(root)
    services.report_generate(
        actor=board,
        review=h1,
        heading={
            **defaults,
            "number": 45,
            "issued_on": dt.date(2026, 7, 3),
            "summary": h1.title,
            "signer_name": "Hoàng Minh Khoa",
        },
        narrative={
            "results": "\n".join(s.format(year=2026) for s in RESULTS),
            "limitations": "\n".join(LIMITATIONS),
            "directions": "\n".join(s.format(year=2026) for s in DIRECTIONS),
            "proposals": PROPOSALS[0],
        },
        at=_at(dt.date(2026, 7, 3), 10),
    )
    services.conference_record(
        actor=board,
        review=h1,
        held_on=dt.date(2026, 7, 10),
        place="Hội trường Thành ủy Huế",
        chair_name="Trần Quốc Việt",
        chair_position="Phó Bí thư Thường trực Thành ủy",
        attendees=[
            {"position": "Lãnh đạo Ban Tổ chức Thành ủy", "name": "Hoàng Minh Khoa, Lê Thị Thu"},
            {
                "position": "Trưởng ban, phó trưởng ban xây dựng Đảng các đảng ủy xã, phường",
                "name": "80 đồng chí",
            },
            {"position": "Lãnh đạo các đảng ủy trực thuộc", "name": "12 đồng chí"},
        ],
        conclusions=(
            "Hội nghị đánh giá cao kết quả công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026.\n"
            "Yêu cầu các cấp ủy tập trung khắc phục hạn chế về kết nạp đảng viên và tỷ lệ "
            "trưởng thôn, tổ trưởng tổ dân phố là đảng viên."
        ),
        tasks=[
            {
                "description": "Rà soát, báo cáo danh sách thôn, tổ dân phố chưa có chi bộ.",
                "organization": None,
                "due_on": dt.date(2026, 9, 30),
            },
            {
                "description": "Xây dựng kế hoạch tạo nguồn kết nạp đảng viên ở khu dân cư.",
                "organization": returned.organization,
                "due_on": dt.date(2026, 8, 31),
            },
        ],
    )

    progress("Reviews: the year-end review of 2026, still open, some submissions late …")
    year = services.review_open(
        actor=leader,
        organization=root,
        kind="year",
        period=Period.year(2026),
        deadline_on=dt.date(2026, 11, 20),
        at=_at(dt.date(2026, 10, 20), 8),
    )
    for n, sub in enumerate(selectors.review_submissions(year)):
        if n % 3 == 2:
            continue  # not sent: late after 20/11/2026
        sub = services.submission_update(
            actor=board,
            submission=sub,
            expected_version=None,
            narrative=_narrative(rng, 2027),
            figure_comments={},
            send=n % 3 == 0,
            at=_at(dt.date(2026, 11, 5) + dt.timedelta(days=n % 18)),
        )
        if sub.status == SubmissionStatus.SUBMITTED and n % 2 == 0:
            services.submission_accept(
                actor=board,
                submission=sub,
                expected_version=None,
                at=_at(dt.date(2026, 11, 24), 15),
            )
