"""The demo city builds through the services and is what the README promises (small run)."""

from __future__ import annotations

import pytest

from tcxd.accounts.models import RoleAssignment
from tcxd.demo.city import PERSONAS, build_demo_city
from tcxd.members.models import Member
from tcxd.organizations.models import Organization, Village


@pytest.mark.slow
def test_small_demo_city_has_the_real_communes_the_personas_and_valid_histories(db) -> None:
    summary = build_demo_city(seed=3, members=300, progress=lambda _line: None)
    # The 40 communes and wards of Thành phố Huế after 01/07/2025 (NQ 1675/NQ-UBTVQH15).
    communes = Organization.objects.filter(kind__code="commune_committee")
    assert communes.count() == 40
    assert communes.filter(name__startswith="Đảng bộ phường").count() == 21
    assert communes.filter(short_name="Phường Thuận Hóa").exists()
    assert Village.objects.count() == summary.villages > 0
    assert (
        summary.current_members
        == Member.objects.filter(status__in=["official", "probationary"]).count()
    )
    assert summary.current_members >= 300  # every cell gets at least a few members
    # One account per persona, each with its role.
    usernames = {name for name, *_rest in PERSONAS}
    assert set(RoleAssignment.objects.values_list("user__username", flat=True)) == usernames
    # A second build on the same database is refused (make demo reuses it instead).
    with pytest.raises(RuntimeError):
        build_demo_city(seed=3, members=300, progress=lambda _line: None)
