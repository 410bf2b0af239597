"""The registry: autodiscovery, order, lookups, shared queries inside a batch."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tcxd.indicators import registry
from tcxd.indicators.registry import Indicator, Unit


def make(code: str) -> Indicator:
    return Indicator(
        code=code,
        label=code,
        unit=Unit.COUNT,
        app="tests",
        group="tests",
        compute=lambda org, period: 1,
        by_child=lambda org, period: {},
    )


@pytest.fixture
def scratch():
    before = dict(registry._REGISTRY)
    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(before)


def test_membership_and_village_indicators_are_discovered():
    codes = [i.code for i in registry.all_indicators()]
    assert "members.admitted" in codes and "villages.head_member_share" in codes
    # Membership indicators come first, in declaration order.
    assert codes.index("members.start_total") < codes.index("members.admitted")
    assert codes.index("members.admitted") < codes.index("villages.head_member_share")
    assert registry.get("members.admission_rate").unit == Unit.PERCENT


def test_register_get_and_order(scratch):
    first, second = make("tests.a"), make("tests.b")
    registry.register(first)
    registry.register(second)
    registry.register(first)  # the same definition again (a module imported twice): fine
    assert registry.all_indicators()[-2:] == [first, second]
    assert registry.get("tests.b") is second
    with pytest.raises(KeyError):
        registry.get("tests.none")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(Indicator(**{**make("tests.a").__dict__, "unit": Unit.DAYS}))


def test_shared_runs_once_inside_a_batch_and_every_time_outside():
    calls = []

    def query():
        calls.append(1)
        return len(calls)

    assert registry.shared("k", query) == 1
    assert registry.shared("k", query) == 2
    with registry.batch():
        assert registry.shared("k", query) == 3
        with registry.batch():
            assert registry.shared("k", query) == 3
        assert registry.shared("other", query) == 4
    assert registry.shared("k", query) == 5


def test_share_and_ratio():
    assert registry.share(1, 3) == Decimal("33.33")
    assert registry.share(2, 3) == Decimal("66.67")
    assert registry.share(0, 5) == Decimal("0.00")
    assert registry.share(3, 0) is None
    assert registry.ratio(1, 4) == Decimal("0.2500")
    assert registry.ratio(1, 0) is None
