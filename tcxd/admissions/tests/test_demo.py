"""The admission cases of the demo city (small run): every stage in every commune and ward,
some overdue, the ceremonies in the registry, cases in the personas' scope."""

from __future__ import annotations

import pytest

from tcxd.accounts.choices import Action
from tcxd.accounts.models import User
from tcxd.accounts.scope import scope
from tcxd.admissions.choices import CaseKind, CaseStatus, Stage
from tcxd.admissions.models import AdmissionCase
from tcxd.demo.city import TODAY, build_demo_city
from tcxd.members.choices import EventKind
from tcxd.members.models import MembershipEvent
from tcxd.organizations.models import Organization

IN_EVERY_COMMUNE = {
    Stage.DOSSIER,
    Stage.CELL,
    Stage.COMMITTEE,
    Stage.DECISION,
    Stage.CEREMONY,
    Stage.PROBATION,
    Stage.RECOGNITION,
    Stage.DONE,
}


@pytest.mark.slow
def test_demo_cases_cover_every_stage_and_agree_with_the_registry(db) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    build_demo_city(seed=3, members=300, progress=lines.append)
    assert not [line for line in lines if "skipped" in line], lines

    cases = AdmissionCase.objects.all()
    assert set(cases.values_list("stage", flat=True)) == set(Stage.values)
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    communes = Organization.objects.filter(kind__code="commune_committee")
    assert communes.count() == 40
    for commune in communes:
        mine = cases.filter(organization_path__startswith=commune.path)
        stages = set(mine.values_list("stage", flat=True))
        assert stages >= IN_EVERY_COMMUNE, (commune.name, stages)
    # Overdue: still in progress, the deadline before the demo's today.
    overdue = cases.filter(status__in=[CaseStatus.OPEN, CaseStatus.PROBATION], due_on__lt=TODAY)
    assert overdue.count() >= 5
    # Nothing after the demo's today.
    assert not cases.filter(steps__occurred_on__gt=TODAY).exists()

    # Every ceremony admitted the member through the members service: one ADMITTED event
    # dated on the ceremony, party age from the decision, in the cell of the case.
    admitted = cases.filter(kind=CaseKind.ADMISSION, ceremony_on__isnull=False)
    year = admitted.filter(ceremony_on__year=TODAY.year)
    assert year.count() >= 40  # at least one of this year's admissions per commune
    events = {
        e.member_id: e
        for e in MembershipEvent.objects.filter(
            kind=EventKind.ADMITTED, member__admission_cases__in=admitted
        )
    }
    assert len(events) == admitted.count()
    for case in admitted.select_related("member"):
        event = events[case.member_id]
        assert (event.occurred_on, event.decision_on, event.organization_id) == (
            case.ceremony_on,
            case.admitted_on,
            case.organization_id,
        )
        assert case.member.admitted_on == case.admitted_on  # type: ignore[union-attr]
    # The registry's admissions of the year dated by these ceremonies are the cases'.
    from_cases = MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        occurred_on__year=TODAY.year,
        member__admission_cases__isnull=False,
    )
    assert from_cases.count() == year.count()

    # The demo personas see cases of their own scope, at least one overdue.
    for username, least in (("canbo.thuanhoa", 10), ("bithu.chibo", 3)):
        user = User.objects.get(username=username)
        visible = scope(AdmissionCase.objects.all(), user, Action.VIEW)
        assert visible.count() >= least, username
        assert visible.filter(
            status__in=[CaseStatus.OPEN, CaseStatus.PROBATION], due_on__lt=TODAY
        ).exists(), username
        assert visible.count() < cases.count()
