"""Demo data of this app, added to the demo city by ``seed_demo``: admission cases in every
commune and ward, at every stage, some overdue, and the year's admissions.

Every case goes through ``services.case_open`` and ``services.step_record`` with the
system administrator as actor, so each step passes the same checks as one typed in a form
(order, deadlines counted in working days, vote thresholds on the cell's real vote base,
age, certificate, introducers), fills the audit log, and the ceremony admits the member
through the members service: the registry's admissions dated by these ceremonies come
from the cases. Dates are real calendar days before the demo's "today"
(``demo.city.TODAY``), chosen with ``rules.workdays`` so every deadline is met unless the
case is meant to be overdue (its next step is then simply not recorded). Candidates are
invented with ``demo.names``; the same seed gives the same cases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction

from tcxd.accounts.models import User
from tcxd.core.errors import DomainError
from tcxd.core.paths import prefix_q
from tcxd.demo import names
from tcxd.demo.city import ADMIN_USERNAME, PERSONA_WARD, TODAY
from tcxd.members.choices import Gender, MemberStatus
from tcxd.members.models import Member, Person
from tcxd.members.services import person_create
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_book
from tcxd.rules.values import add_months
from tcxd.rules.workdays import add_working_days

from . import pipeline, services
from .choices import IntroducerKind, RecognitionOutcome, Relation, StepKind, VerificationResult
from .models import AdmissionCase

# What every commune and ward gets, and what some get (with their chance).
EVERY_COMMUNE = [
    "dossier",
    "cell",
    "committee",
    "decision",
    "ceremony",
    "probation",
    "probation",
    "recognition",
    "official",
    "closed",
]
SOMETIMES = [("escalated", 0.25), ("struck_off", 0.15), ("probation_late", 0.2), ("official", 0.3)]
OVERDUE_CHANCE = 0.3  # of a case waiting for the committee, the decision or the ceremony
# The persona cell (``bithu.chibo``) gets these, one of them overdue.
PERSONA_CELL = ["cell", "decision!", "ceremony", "probation", "dossier"]
GRASSROOTS_CELLS = 6  # grassroots cells of agencies (no committee step) with two cases each
YEAR_START = dt.date(TODAY.year, 1, 1)


@dataclasses.dataclass
class Summary:
    cases: int = 0
    steps: int = 0
    skipped: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0


@dataclasses.dataclass
class Path:
    """Dates of one candidate's path, all computed forward from the cell resolution."""

    certificate: dt.date
    opened: dt.date
    dossier: list[dt.date]  # application, personal history, verification, introduction, comments
    resolution: dt.date
    committee: dt.date
    decision: dt.date
    received: dt.date
    ceremony: dt.date
    probation_ends: dt.date
    recognition: dt.date
    recognition_committee: dt.date
    recognition_decision: dt.date


class NoPath(Exception):
    """No dates found for a scenario (the random tries all missed)."""


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class Builder:
    def __init__(self, *, seed: int, progress: Callable[[str], None]) -> None:
        self.rng = random.Random(seed + 4001)
        self.names = names.NameGenerator(random.Random(seed + 4002))
        self.progress = progress
        self.actor = User.objects.get(username=ADMIN_USERNAME)
        self.citizen_ids = set(Person.objects.values_list("citizen_id", flat=True))
        self.summary = Summary()
        self.introducers: dict[int, list[Member]] = {}

    # --- dates --------------------------------------------------------------------------

    def path(self, resolution: dt.date) -> Path:
        rng, wd = self.rng, add_working_days
        opened = resolution - days(rng.randint(45, 100))
        application = opened
        history = opened + days(rng.randint(1, 5))
        verification = opened + days(rng.randint(10, 25))
        introduction = verification + days(rng.randint(1, 4))
        comments = introduction + days(rng.randint(1, 5))
        committee = wd(resolution, rng.randint(3, 12))
        decision = wd(committee, rng.randint(5, 40))  # at most 52 working days
        received = wd(decision, rng.randint(0, 3))
        ceremony = wd(received, rng.randint(5, 28))  # the limit is 30
        ends = add_months(ceremony, 12)
        recognition = wd(ends, rng.randint(2, 25))
        recognition_committee = wd(recognition, rng.randint(2, 6))
        return Path(
            certificate=opened - days(rng.randint(0, 300)),
            opened=opened,
            dossier=[application, history, verification, introduction, comments],
            resolution=resolution,
            committee=committee,
            decision=decision,
            received=received,
            ceremony=ceremony,
            probation_ends=ends,
            recognition=recognition,
            recognition_committee=recognition_committee,
            recognition_decision=wd(recognition_committee, rng.randint(3, 20)),
        )

    def find(self, first: dt.date, last: dt.date, fits: Callable[[Path], bool]) -> Path:
        """A path whose cell resolution falls between ``first`` and ``last`` and that
        ``fits`` (random tries; the windows below make a fit likely)."""
        span = (last - first).days
        for _try in range(200):
            candidate = self.path(first + days(self.rng.randint(0, span)))
            if fits(candidate):
                return candidate
        raise NoPath(f"no demo admission path fits between {first} and {last}")

    def plan(self, scenario: str) -> tuple[Path, str]:
        """The dates of ``scenario`` and the last step to record (its name)."""
        late = scenario.endswith("!")
        scenario = scenario.rstrip("!")
        t = TODAY
        if scenario == "dossier":
            return self.find(t - days(60), t + days(40), lambda p: p.opened <= t), "dossier"
        if scenario in ("cell", "closed"):
            return self.find(t - days(8), t + days(40), lambda p: p.dossier[-1] < t), "cell"
        if scenario == "committee":
            if late:
                return self.find(
                    t - days(160), t - days(95), lambda p: add_working_days(p.resolution, 60) < t
                ), "resolution"
            return self.find(t - days(12), t, lambda p: p.committee > t), "resolution"
        if scenario == "decision":
            if late:
                return self.find(
                    t - days(160), t - days(95), lambda p: add_working_days(p.resolution, 60) < t
                ), "committee"
            return self.find(
                t - days(50), t - days(5), lambda p: p.committee <= t < p.decision
            ), "committee"
        if scenario == "ceremony":
            if late:
                return self.find(
                    t - days(200), t - days(110), lambda p: add_working_days(p.received, 30) < t
                ), "decision"
            return self.find(
                t - days(110), t - days(20), lambda p: p.decision <= t < p.ceremony
            ), "decision"
        if scenario == "probation":  # this year's admissions
            return self.find(
                YEAR_START - days(70),
                t - days(40),
                lambda p: YEAR_START <= p.ceremony <= t,
            ), "ceremony"
        if scenario == "probation_late":  # probation over, the cell has not met yet
            return self.find(
                t - days(480), t - days(400), lambda p: add_working_days(p.probation_ends, 30) < t
            ), "ceremony"
        if scenario in ("recognition", "escalated"):
            return self.find(
                t - days(470),
                t - days(390),
                lambda p: p.recognition + days(16) <= t < p.recognition_decision,
            ), scenario
        if scenario in ("official", "struck_off"):  # decided on this year
            return self.find(
                t - days(640),
                t - days(420),
                lambda p: YEAR_START <= p.recognition_decision <= t,
            ), scenario
        raise ValueError(scenario)

    # --- people -------------------------------------------------------------------------

    def citizen_id(self, birth: dt.date, gender: str) -> str:
        digit = (0 if birth.year < 2000 else 2) + (1 if gender == Gender.FEMALE else 0)
        while True:
            value = f"046{digit}{birth.year % 100:02d}{self.rng.randrange(10**6):06d}"
            if value not in self.citizen_ids:
                self.citizen_ids.add(value)
                return value

    def candidate(self, commune: Organization, cell: Organization, resolution: dt.date) -> Person:
        rng = self.rng
        age = int(rng.triangular(19, 45, 24))
        birth = dt.date(resolution.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
        gender = Gender.FEMALE if rng.random() < 0.45 else Gender.MALE
        ethnicity = names.pick(rng, names.ethnicity_weights(commune.short_name))
        family, middle, given = self.names.person(
            gender,
            minority_ethnicity=None if ethnicity == names.KINH else ethnicity,
            birth_year=birth.year,
        )
        occupation = names.OCC_STUDENT if age < 22 else names.pick(rng, names.OCCUPATIONS)
        if occupation == names.OCC_RETIRED:
            occupation = names.OCC_FREELANCE
        education, _professional, _theory = names.education_profile(
            rng, birth.year, occupation, reference_year=TODAY.year
        )
        return person_create(
            actor=self.actor,
            data={
                "full_name": names.full_name([family, middle, given]),
                "birth_on": birth,
                "gender": gender,
                "ethnicity": ethnicity,
                "religion": names.pick(rng, names.RELIGIONS),
                "hometown": names.pick(rng, names.HOMETOWNS),
                "citizen_id": self.citizen_id(birth, gender),
                "education": education,
                "occupation": occupation,
            },
            organization=cell,
        )

    # --- one case -----------------------------------------------------------------------

    def step(self, case: AdmissionCase, kind: str, on: dt.date, **kwargs: Any) -> None:
        services.step_record(
            actor=self.actor, case=case, kind=kind, occurred_on=on, expected_version=None, **kwargs
        )
        self.summary.steps += 1

    def cell_vote(self, case: AdmissionCase, kind: str, on: dt.date, **kwargs: Any) -> None:
        fail = kwargs.pop("fail", False)
        base = services.vote_base(case.organization, on)["base"]
        threshold = pipeline.value("cell_vote", on).value
        if base <= 0:
            votes = 0  # the service refuses: nobody can vote
        elif fail:
            votes = threshold.minimum(base) - 1  # type: ignore[union-attr]
        else:
            votes = self.rng.randint(threshold.minimum(base), base)  # type: ignore[union-attr]
        self.step(case, kind, on, votes_for=votes, document_number=self.number("NQ/CB"), **kwargs)

    def committee_vote(self, case: AdmissionCase, kind: str, on: dt.date) -> None:
        seats = self.rng.randint(11, 19)
        votes = self.rng.randint(-(-2 * seats // 3), seats)
        self.step(
            case,
            kind,
            on,
            votes_for=votes,
            vote_base_value=seats,
            document_number=self.number("NQ/ĐU"),
        )

    def number(self, suffix: str) -> str:
        return f"{self.rng.randint(1, 250):02d}-{suffix}"

    def introduction(self, case: AdmissionCase, on: dt.date) -> list[dict[str, Any]]:
        pool = [m for m in self.introducers[case.organization_id] if m.official_on < on]  # type: ignore[operator]
        chosen = self.rng.sample(pool, min(2, len(pool)))
        rows: list[dict[str, Any]] = [
            {
                "kind": IntroducerKind.MEMBER,
                "member": m,
                "known_since": on - days(self.rng.randint(400, 2500)),
            }
            for m in chosen
        ]
        if len(rows) == 1 or (case.youth_union_member and self.rng.random() < 0.5):
            youth_union = {"kind": IntroducerKind.YOUTH_UNION, "name": "Ban Chấp hành Đoàn cơ sở"}
            rows = [*rows[:1], youth_union]
        return rows

    def case(self, commune: Organization, cell: Organization, scenario: str) -> None:
        path, until = self.plan(scenario)
        person = self.candidate(commune, cell, path.resolution)
        age = services.months_between(person.birth_on, path.resolution) // 12  # type: ignore[arg-type]
        case = services.case_open(
            actor=self.actor,
            person=person,
            organization=cell,
            opened_on=path.opened,
            youth_union_member=age < 30 and self.rng.random() < 0.8,
        )
        self.summary.cases += 1
        self.step(case, StepKind.CERTIFICATE, path.certificate, document_number="GCN/TTCT")
        application, history, verification, introduction, comments = path.dossier
        self.step(case, StepKind.APPLICATION, application)
        if until == "dossier":
            if history <= TODAY and self.rng.random() < 0.5:
                self.step(case, StepKind.PERSONAL_HISTORY, history)
            return
        self.step(case, StepKind.PERSONAL_HISTORY, history)
        parents = [
            (Relation.FATHER, self.names.full(Gender.MALE, birth_year=person.birth_on.year - 28)),  # type: ignore[union-attr]
            (Relation.MOTHER, self.names.full(Gender.FEMALE, birth_year=person.birth_on.year - 26)),  # type: ignore[union-attr]
        ]
        self.step(
            case,
            StepKind.VERIFICATION,
            verification,
            verifications=[
                {"relation": Relation.SELF, "name": person.full_name},
                *(
                    {"relation": r, "name": n, "result": VerificationResult.VERIFIED}
                    for r, n in parents
                ),
            ],
        )
        self.step(
            case,
            StepKind.INTRODUCTION,
            introduction,
            introducers=self.introduction(case, introduction),
        )
        self.step(case, StepKind.COMMENTS, comments)
        if until == "cell":
            if scenario == "closed":
                self.step(
                    case,
                    StepKind.CLOSED,
                    TODAY - days(self.rng.randint(0, 6)),
                    details={"reason": "Quần chúng chuyển nơi cư trú ra ngoài thành phố."},
                )
            return
        self.cell_vote(case, StepKind.CELL_RESOLUTION, path.resolution)
        if until == "resolution":
            return
        if pipeline.committee_required(cell):
            self.committee_vote(case, StepKind.COMMITTEE_RESOLUTION, path.committee)
        if until == "committee":
            return
        self.step(
            case,
            StepKind.DECISION,
            path.decision,
            received_on=path.received,
            document_number=self.number("QĐ/ĐU"),
        )
        if until == "decision":
            return
        self.step(case, StepKind.CEREMONY, path.ceremony)
        if until == "ceremony":
            return
        fail = until == "escalated"
        proposal = (
            RecognitionOutcome.STRUCK_OFF
            if until == "struck_off"
            else RecognitionOutcome.RECOGNISED
        )
        rounds = [path.recognition, path.recognition + days(7), path.recognition + days(14)]
        for on in rounds if fail else rounds[:1]:
            self.cell_vote(
                case,
                StepKind.RECOGNITION_CELL_RESOLUTION,
                on,
                fail=fail,
                details={"proposal": proposal},
            )
        if fail:
            return
        if pipeline.committee_required(cell) and path.recognition_committee <= TODAY:
            self.committee_vote(
                case, StepKind.RECOGNITION_COMMITTEE_RESOLUTION, path.recognition_committee
            )
        if until == "recognition":
            return
        self.step(
            case,
            StepKind.RECOGNITION_DECISION,
            path.recognition_decision,
            document_number=self.number("QĐ/ĐU"),
        )

    def try_case(
        self, commune: Organization, cells: list[Organization], scenario: str, tries: int = 3
    ) -> None:
        """One case in a savepoint, in a cell drawn from ``cells``: a refusal leaves no half
        case behind; the case is tried in another cell (a cell whose only official members
        were away or exempt on a past date has no vote base then), then reported."""
        for attempt in range(tries):
            cell = self.rng.choice(cells)
            try:
                with transaction.atomic():
                    self.case(commune, cell, scenario)
                return
            except (DomainError, NoPath) as error:
                if attempt == tries - 1:
                    message = getattr(error, "message", str(error))
                    self.summary.skipped.append(f"{cell.name} / {scenario}: {message}")

    # --- the city -----------------------------------------------------------------------

    def load_introducers(self, cells: list[Organization]) -> None:
        """Official members of each cell, who can introduce and make the vote base."""
        rows = (
            Member.objects.filter(
                organization__in=cells,
                status=MemberStatus.OFFICIAL,
                official_on__lte=TODAY - days(800),
                is_exempt=False,
                host_organization__isnull=True,
            )
            .select_related("person")
            .order_by("id")
        )
        for member in rows:
            self.introducers.setdefault(member.organization_id, []).append(member)  # type: ignore[arg-type]

    def usable(self, cells: list[Organization]) -> list[Organization]:
        return [c for c in cells if self.introducers.get(c.pk)]

    def build(self) -> Summary:
        started, cpu = time.perf_counter(), time.process_time()
        communes = list(
            Organization.objects.filter(kind__code="commune_committee").order_by("path")
        )
        cells = list(
            Organization.objects.filter(
                kind__holds_members=True, dissolved_on__isnull=True
            ).select_related("kind")
        )
        self.load_introducers(cells)
        by_commune: dict[int, list[Organization]] = {}
        for commune in communes:
            by_commune[commune.pk] = self.usable(
                [c for c in cells if c.path.startswith(commune.path)]
            )
        for index, commune in enumerate(communes):
            pool = by_commune[commune.pk]
            if not pool:
                self.summary.skipped.append(f"{commune.name}: no cell with an official member")
                continue
            scenarios = list(EVERY_COMMUNE)
            scenarios += [s for s, chance in SOMETIMES if self.rng.random() < chance]
            scenarios = [
                s + "!"
                if s in ("committee", "decision", "ceremony") and self.rng.random() < OVERDUE_CHANCE
                else s
                for s in scenarios
            ]
            if commune.short_name == PERSONA_WARD:
                persona_cell = (
                    Organization.objects.filter(
                        prefix_q("path", commune.path), kind__holds_members=True
                    )
                    .order_by("path")
                    .first()
                )
                if persona_cell is not None and persona_cell in self.usable([persona_cell]):
                    for scenario in PERSONA_CELL:
                        self.try_case(commune, [persona_cell], scenario)
            for scenario in scenarios:
                self.try_case(commune, pool, scenario)
            if index % 10 == 9:
                self.progress(f"  {self.summary.cases:,} admission cases")
        grassroots = self.usable(
            [c for c in cells if c.kind.code == "grassroots_cell"]  # type: ignore[union-attr]
        )[:GRASSROOTS_CELLS]
        for cell in grassroots:
            for scenario in ("decision", "probation"):
                self.try_case(cell, [cell], scenario)
        self.summary.seconds = time.perf_counter() - started
        self.summary.cpu_seconds = time.process_time() - cpu
        return self.summary


def build(*, seed: int, progress: Callable[[str], None]) -> Summary:
    progress("Admission cases in every commune and ward …")
    with rule_book():
        summary = Builder(seed=seed, progress=progress).build()
    progress(
        f"  {summary.cases:,} admission cases, {summary.steps:,} steps in "
        f"{summary.seconds:.1f} s ({summary.cpu_seconds:.1f} s of processor time)"
        + (f"; {len(summary.skipped)} skipped" if summary.skipped else "")
    )
    for line in summary.skipped[:10]:
        progress(f"    skipped: {line}")
    return summary
