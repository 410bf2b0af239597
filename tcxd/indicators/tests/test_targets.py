"""Targets (writes, refusals, audit) and progress against them, pro rata over time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError
from tcxd.indicators.models import Target
from tcxd.indicators.periods import Period
from tcxd.indicators.selectors import progress, target_for
from tcxd.indicators.services import target_delete, target_save

from .test_membership import people  # noqa: F401  (the hand-worked history)

D = dt.date
SOURCE = "Kế hoạch số 12-KH/TU ngày 05/01/2024 của Ban Thường vụ Thành ủy"


def save(actor, org, period, value, code="members.admitted", **extra):
    return target_save(
        actor=actor,
        indicator=code,
        organization=org,
        period=period,
        value=value,
        source_document=SOURCE,
        **extra,
    )


def test_save_is_audited_and_refuses_bad_input(tree, personas):
    t = save(personas.board_specialist, tree.ward, Period.year(2024), 12)
    entry = AuditEntry.objects.get(action="indicators.target_save")
    assert entry.changes["after"]["period"] == "2024" and entry.organization_path == tree.ward.path

    with pytest.raises(DomainError) as caught:
        save(personas.board_specialist, tree.ward, Period.year(2024), 15)
    assert caught.value.code == "invalid"  # one target per indicator, organization and period
    for value, code, extra in [
        (-1, "negative_target", {}),
        (3, "unknown_indicator", {"code": "members.nothing"}),
        (3, "source_required", {"source_document": "  "}),
    ]:
        with pytest.raises(DomainError) as caught:
            target_save(
                actor=personas.board_specialist,
                indicator=extra.get("code", "members.admitted"),
                organization=tree.ward,
                period=Period.year(2025),
                value=value,
                source_document=extra.get("source_document", SOURCE),
            )
        assert caught.value.code == code
    # A commune officer cannot set targets of another commune.
    with pytest.raises(DomainError) as caught:
        save(personas.outsider, tree.ward, Period.year(2025), 3)
    assert caught.value.code == "out_of_scope"
    assert Target.objects.count() == 1

    # Editing: the second of two people who opened the same version is refused.
    target_save(
        actor=personas.board_specialist,
        indicator="members.admitted",
        organization=tree.ward,
        period=Period.year(2024),
        value=14,
        source_document=SOURCE,
        target=t,
        expected_version=0,
    )
    with pytest.raises(DomainError) as caught:
        target_save(
            actor=personas.board_specialist,
            indicator="members.admitted",
            organization=tree.ward,
            period=Period.year(2024),
            value=16,
            source_document=SOURCE,
            target=Target.objects.get(),
            expected_version=0,
        )
    assert caught.value.code == "stale"
    assert Target.objects.get().value == Decimal("14.00")
    target_delete(actor=personas.board_specialist, target=Target.objects.get())
    assert not Target.objects.exists()
    assert AuditEntry.objects.filter(action="indicators.target_delete").count() == 1


def test_progress_pro_rata_inside_a_year(tree, personas, people):  # noqa: F811
    admin = personas.admin
    save(admin, tree.root, Period.year(2024), 4)
    half = progress("members.admitted", tree.root, Period.half(2024, 1))
    # F and G admitted in the first half: 2 of 4; due by 30/06: 4 × 182/366 = 1.99.
    assert (half.value, half.target, half.ratio) == (2, Decimal("4.00"), Decimal("0.5000"))
    assert half.pro_rata_target == Decimal("1.99")
    assert half.on_track is True
    assert half.target_period == Period.year(2024)
    # Progress on 31/03/2024 of the year target: only F so far; due 4 × 91/366 = 0.99.
    march = progress("members.admitted", tree.root, Period.year(2024), on=D(2024, 3, 31))
    assert (march.value, march.ratio, march.pro_rata_target) == (
        1,
        Decimal("0.2500"),
        Decimal("0.99"),
    )
    # A target of the half-year itself wins over the year's.
    save(admin, tree.root, Period.half(2024, 1), 3)
    assert target_for("members.admitted", tree.root, Period.half(2024, 1)).value == 3
    assert progress("members.admitted", tree.root, Period.half(2024, 1)).ratio == Decimal("0.6667")
    # No target for the ward: nothing to compare with.
    none = progress("members.admitted", tree.ward, Period.half(2024, 1))
    assert (none.value, none.target, none.ratio, none.on_track) == (1, None, None, None)


def test_level_targets_are_not_shared_out(tree, personas, people):  # noqa: F811
    save(personas.admin, tree.root, Period.term(2020, 2025), 10, code="members.end_total")
    p = progress("members.end_total", tree.root, Period.half(2024, 1))
    # 8 members on 30/06/2024 against a level of 10 for the term: the whole 10 is the bar.
    assert (p.value, p.pro_rata_target, p.ratio, p.on_track) == (
        8,
        Decimal("10.00"),
        Decimal("0.8000"),
        False,
    )


def test_a_ceiling_is_met_by_staying_under_it(tree, personas, people):  # noqa: F811
    save(personas.admin, tree.root, Period.year(2024), 0, code="members.expelled")
    p = progress("members.expelled", tree.root, Period.half(2024, 1))
    assert (p.value, p.target, p.ratio, p.on_track) == (1, Decimal("0.00"), None, False)
    q = progress("members.expelled", tree.commune, Period.half(2024, 1))
    assert q.target is None  # the city's target is the city's, not the commune's
