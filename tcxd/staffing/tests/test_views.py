"""Bad input through the pages: refused beside the form with the reason, nothing saved;
reading a person's staffing page is in the audit log."""

from __future__ import annotations

import pytest

from tcxd.audit.models import AuditEntry

from .. import services
from ..models import HeadcountDecision, RoadmapTarget
from .conftest import hire

pytestmark = pytest.mark.django_db


def test_a_negative_headcount_is_refused_on_the_page(client, world) -> None:
    client.force_login(world.actor)
    response = client.post(
        f"/staffing/agencies/{world.office.pk}/headcount/",
        {"year": "2026", "approved": "-3", "contracts": "0"},
    )
    assert response.status_code == 400
    assert "Biên chế được giao không thể nhỏ hơn 0." in response.content.decode()
    assert not HeadcountDecision.objects.exists()


def test_targets_that_do_not_add_up_are_refused_on_the_page(client, world) -> None:
    a = world.actor
    services.headcount_record(actor=a, agency=world.office, year=2021, approved=200)
    roadmap = services.roadmap_set(
        actor=a, organization=world.tree.root, cadres_target=10, employees_target=0
    )
    client.force_login(a)
    data = {"version": "0", f"t-{world.office.pk}-2022": "3", f"t-{world.office.pk}-2023": "4"}
    response = client.post(f"/staffing/roadmaps/{roadmap.pk}/targets/", data)
    assert response.status_code == 400
    assert (
        "chỉ tiêu các cơ quan cộng lại là 7, chỉ tiêu của thành phố là 10: còn thiếu 3"
        in response.content.decode()
    )
    assert not RoadmapTarget.objects.exists()


def test_the_person_page_is_scoped_and_audited(client, world) -> None:
    person = hire(world, world.office, "Hoàng Văn Nam")
    client.force_login(world.personas.outsider)
    assert client.get(f"/staffing/people/{person.pk}/").status_code == 404
    client.force_login(world.personas.ward_officer)
    response = client.get(f"/staffing/people/{person.pk}/")
    assert response.status_code == 200
    assert "Hoàng Văn Nam" in response.content.decode()
    entry = AuditEntry.objects.get(action="staffing.person_view")
    assert entry.target_id == str(person.pk)
