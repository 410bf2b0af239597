"""The demo city's targets (built with the small demo city)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tcxd.demo.city import build_demo_city
from tcxd.indicators.models import Target
from tcxd.indicators.periods import Period
from tcxd.indicators.selectors import progress
from tcxd.members.selectors import member_counts
from tcxd.organizations.models import Organization


def test_demo_targets(db) -> None:
    build_demo_city(seed=3, members=300, progress=lambda _line: None)
    root = Organization.objects.get(depth=1)
    communes = Organization.objects.filter(depth=2, kind__has_villages=True)
    assert communes.count() == 40
    # Per year 2024–2026: the city's admissions and admission rate, each commune's admissions;
    # for the term 2025–2030: four for the city, three for each commune.
    assert Target.objects.count() == 3 * (2 + 40) + 4 + 3 * 40
    for year in (2024, 2025, 2026):
        city = Target.objects.get(
            indicator="members.admitted", organization=root, period_start=dt.date(year, 1, 1)
        )
        start = member_counts(root, dt.date(year - 1, 12, 31))["total"]
        assert city.value == round(start * 0.035)  # the middle of NQ 21's 3–4 %
        assert f"phát triển đảng viên năm {year}" in city.source_document
        assert (
            Target.objects.filter(
                indicator="members.admitted", period_kind="year", period_start__year=year
            )
            .exclude(organization=root)
            .count()
            == 40
        )
    term = Target.objects.get(
        indicator="villages.without_cell", organization=root, period_kind="term"
    )
    assert term.period == Period.term(2025, 2030) and term.value == Decimal("0.00")
    assert "Đại hội đại biểu Đảng bộ thành phố Huế" in term.source_document
    # The half-year dashboard finds the year's target and shares it out.
    p = progress("members.admission_rate", root, Period.half(2026, 1))
    assert p.target == Decimal("3.00") and p.pro_rata_target == Decimal("1.49")  # 3 × 181/365
