"""Demo data of this app, added to the demo city by ``seed_demo``: targets.

- Admission targets for every year 2024–2026, for the city and each commune and ward: about
  3.5 % of the members at the start of the year (the middle of the 3–4 % of Nghị quyết
  21-NQ/TW), in the yearly plan of the city's standing committee. The 2024 and 2025 plans
  were made for the former districts; the demo keeps them against the communes and wards
  that now hold those cells (the registry keeps their history under today's tree).
- The yearly admission rate of the city: 3 % (the floor of Nghị quyết 21-NQ/TW).
- Congress-term targets 2025–2030 of the city and of each commune and ward, from their
  congress resolutions: admissions over the term, no village without party members and
  every village with its own cell by 2030, village heads who are members.

The documents are invented (numbers, dates) but written as such documents are; every
target goes through ``services.target_save`` (checked and audited like one typed in).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from tcxd.accounts.models import User
from tcxd.demo.city import ADMIN_USERNAME
from tcxd.members.selectors import member_counts_by_child
from tcxd.organizations.models import Organization

from .periods import Period
from .services import target_save

YEARS = (2024, 2025, 2026)
PLAN = {
    2024: "Kế hoạch số 152-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy về phát triển "
    "đảng viên năm 2024",
    2025: "Kế hoạch số 218-KH/TU ngày 10/01/2025 của Ban Thường vụ Thành ủy về phát triển "
    "đảng viên năm 2025 (giao lại theo đơn vị hành chính mới từ 01/7/2025)",
    2026: "Kế hoạch số 09-KH/TU ngày 15/01/2026 của Ban Thường vụ Thành ủy về phát triển "
    "đảng viên năm 2026",
}
NQ21 = "Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Hội nghị Trung ương 5 khóa XIII"
CITY_CONGRESS = (
    "Nghị quyết Đại hội đại biểu Đảng bộ thành phố Huế lần thứ XVII, nhiệm kỳ 2025–2030 "
    "(số liệu minh họa)"
)


def commune_congress(org: Organization) -> str:
    return f"Nghị quyết Đại hội {org.name} lần thứ I, nhiệm kỳ 2025–2030 (số liệu minh họa)"


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    rng = random.Random(seed * 7919 + 3)
    admin = User.objects.get(username=ADMIN_USERNAME)
    root = Organization.objects.get(depth=1)
    communes = list(Organization.objects.filter(depth=2, kind__has_villages=True).order_by("path"))
    progress("Targets: yearly admissions 2024–2026 and the congress term 2025–2030 …")
    count = 0

    def save(
        code: str,
        org: Organization,
        period: Period,
        value: int | Decimal,
        source: str,
        note: str = "",
    ) -> None:
        nonlocal count
        target_save(
            actor=admin,
            indicator=code,
            organization=org,
            period=period,
            value=value,
            source_document=source,
            note=note,
        )
        count += 1

    for year in YEARS:
        counts = member_counts_by_child(root, dt.date(year - 1, 12, 31))
        city_total = sum(c["total"] for c in counts.values())
        save("members.admitted", root, Period.year(year), round(city_total * 0.035), PLAN[year])
        save(
            "members.admission_rate",
            root,
            Period.year(year),
            Decimal("3.00"),
            NQ21,
            "Kết nạp mới hằng năm đạt 3–4 % tổng số đảng viên.",
        )
        for org in communes:
            members = counts.get(org.pk, {}).get("total", 0)
            value = max(1, round(members * rng.uniform(0.031, 0.039)))
            save("members.admitted", org, Period.year(year), value, PLAN[year])

    term = Period.term(2025, 2030)
    start = member_counts_by_child(root, term.start - dt.timedelta(days=1))
    city_total = sum(c["total"] for c in start.values())
    save(
        "members.admitted",
        root,
        term,
        round(city_total * 0.035 * 5 / 100) * 100,
        CITY_CONGRESS,
        "Kết nạp mới bình quân 3,5 % tổng số đảng viên mỗi năm.",
    )
    save(
        "villages.without_member",
        root,
        term,
        0,
        CITY_CONGRESS,
        "100 % thôn, tổ dân phố có đảng viên.",
    )
    save(
        "villages.without_cell",
        root,
        term,
        0,
        CITY_CONGRESS,
        "100 % thôn, tổ dân phố có chi bộ (Nghị quyết 21-NQ/TW, mục tiêu đến năm 2030).",
    )
    save(
        "villages.head_member_share",
        root,
        term,
        Decimal("80.00"),
        CITY_CONGRESS,
        "Phấn đấu 80 % trưởng thôn, tổ trưởng tổ dân phố là đảng viên.",
    )
    for org in communes:
        members = start.get(org.pk, {}).get("total", 0)
        save(
            "members.admitted", org, term, max(5, round(members * 0.035 * 5)), commune_congress(org)
        )
        save("villages.without_cell", org, term, 0, commune_congress(org))
        share = Decimal(rng.choice((70, 75, 80, 85)))
        save("villages.head_member_share", org, term, share, commune_congress(org))
    progress(f"  {count:,} targets")
