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


@pytest.mark.django_db
def test_kept_between_requests_until_the_apps_data_or_the_day_changes(settings, monkeypatch):
    """``kept`` serves the value from the cache in the next batch (request) and computes it
    again after any recorded write of the named app or of organizations and rules, a row
    added without the services, or a new day; a read (a view) or another app's write
    leaves it."""
    import datetime as dt

    from django.core.cache import cache

    from tcxd.audit.services import record
    from tcxd.rules.choices import DayKind
    from tcxd.rules.models import CalendarException

    settings.TCXD_INDICATOR_CACHE = True  # off by default under pytest
    cache.clear()
    calls = []

    def value() -> int:
        with registry.batch():
            return registry.kept(("tests.kept",), lambda: calls.append(1) or len(calls), "meetings")

    try:
        assert value() == 1
        assert value() == 1  # kept
        with registry.batch():
            people = registry.kept(("tests.people",), lambda: len(calls), "meetings", "members")
        record(actor=None, action="meetings.view")
        record(actor=None, action="news.save")
        record(actor=None, action="members.person_update")
        assert value() == 1  # a read, other apps' writes: still kept
        with registry.batch():  # what depends on people's details is computed again
            assert registry.kept(("tests.people",), lambda: -1, "meetings", "members") == -1
        assert people == 1
        record(actor=None, action="meetings.change")
        assert value() == 2  # an edit of a meeting (its row keeps its id): recorded, seen
        assert value() == 2
        record(actor=None, action="organizations.dissolve")
        assert value() == 3
        CalendarException.objects.create(
            day=dt.date(2031, 1, 2), kind=DayKind.DAY_OFF, name="x", legal_basis="x"
        )
        assert value() == 4  # a row added without the services (its table's last id)
        tomorrow = registry.timezone.localdate() + dt.timedelta(days=1)
        monkeypatch.setattr(registry.timezone, "localdate", lambda: tomorrow)
        assert value() == 5  # a new day: overdue tasks and slots move
        assert value() == 5
    finally:
        cache.clear()


@pytest.mark.django_db
def test_every_stamp_of_a_page_is_one_statement(django_assert_max_num_queries):
    from tcxd.indicators.membership import data_stamp

    with registry.batch(), django_assert_max_num_queries(1):
        registry.app_stamp("meetings", "directives", "staffing", "votes")
        registry.app_stamp("admissions", "members")
        data_stamp()


@pytest.mark.django_db
def test_tables_filled_by_reads_are_not_stamped():
    """The monthly tallies are computed on first read: were they stamped, the read that
    fills them would empty the cache it fills."""
    import datetime as dt

    from tcxd.members import rollup
    from tcxd.members.models import MemberTallyMonth

    with registry.batch():
        before = registry.app_stamp("members")
    rollup.ensure([dt.date(2024, 6, 30)])
    assert MemberTallyMonth.objects.filter(month_end=dt.date(2024, 6, 30)).exists()
    with registry.batch():
        assert registry.app_stamp("members") == before
