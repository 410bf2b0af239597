"""Demo data of this app, added to the demo city by ``seed_demo``: the city's Party
agencies, the Fatherland Front and mass organisations and two public service units, with
job positions, approved headcount 2021–2026 consistent with the recorded staff changes, the
2022–2026 roadmap with the board's targets (the Ho Chi Minh Communist Youth Union behind
them), people in posts (a few not meeting their post's standard), courses, records and the
2026 training plans.

The staff who were there before 2022 are written in bulk (one arrival each, dated when they
were recruited); every change from 2022 on, the targets, appointments and training records
go through the services."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable

from tcxd.accounts.models import User
from tcxd.demo import names
from tcxd.demo.city import ADMIN_USERNAME, TODAY
from tcxd.members.models import Person
from tcxd.members.services import person_values
from tcxd.organizations.models import Organization
from tcxd.rules.selectors import rule_book

from . import selectors, services
from .choices import AgencyKind, ChangeKind, CourseKind, PositionGroup, Sector
from .models import Agency, StaffChange, TrainingRecord

D = dt.date
BASE_YEAR = 2021
BEHIND = "TD"  # the agency that is behind its roadmap

# name, code, sector, kind, organization code (own party organization) or None, base.
AGENCIES = [
    ("Văn phòng Thành ủy", "VPTU", Sector.PARTY, AgencyKind.CADRES, "HUE-CQD-VPTU", 62),
    ("Ban Tổ chức Thành ủy", "BTCTU", Sector.PARTY, AgencyKind.CADRES, "HUE-CQD-BTCTU", 34),
    (
        "Ban Tuyên giáo và Dân vận Thành ủy",
        "BTGDV",
        Sector.PARTY,
        AgencyKind.CADRES,
        "HUE-CQD-BTGDV",
        38,
    ),
    ("Ủy ban Kiểm tra Thành ủy", "UBKT", Sector.PARTY, AgencyKind.CADRES, "HUE-CQD-UBKT", 30),
    ("Ban Nội chính Thành ủy", "BNC", Sector.PARTY, AgencyKind.CADRES, "HUE-CQD-BNC", 20),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
        "MTTQ",
        Sector.FRONT,
        AgencyKind.CADRES,
        None,
        44,
    ),
    ("Thành đoàn Huế", "TD", Sector.FRONT, AgencyKind.CADRES, None, 26),
    ("Hội Liên hiệp Phụ nữ thành phố", "HLHPN", Sector.FRONT, AgencyKind.CADRES, None, 21),
    ("Hội Nông dân thành phố", "HND", Sector.FRONT, AgencyKind.CADRES, None, 19),
    ("Liên đoàn Lao động thành phố", "LDLD", Sector.FRONT, AgencyKind.CADRES, None, 28),
    (
        "Báo và Phát thanh, Truyền hình Huế",
        "BAOHUE",
        Sector.PUBLIC_SERVICE,
        AgencyKind.PUBLIC_EMPLOYEES,
        "HUE-CQD-BAOHUE",
        118,
    ),
    (
        "Trường Chính trị Nguyễn Chí Thanh",
        "TCT",
        Sector.PUBLIC_SERVICE,
        AgencyKind.PUBLIC_EMPLOYEES,
        "HUE-CQD-TCT",
        54,
    ),
]
HEAD_TITLE = {"VPTU": "Chánh Văn phòng", "UBKT": "Chủ nhiệm", "MTTQ": "Chủ tịch"}
HEAD_TITLE.update({"TD": "Bí thư Thành đoàn", "HLHPN": "Chủ tịch", "HND": "Chủ tịch"})
HEAD_TITLE.update({"LDLD": "Chủ tịch", "BAOHUE": "Tổng Biên tập", "TCT": "Hiệu trưởng"})
DEPUTY_TITLE = {"VPTU": "Phó Chánh Văn phòng", "UBKT": "Phó Chủ nhiệm", "TD": "Phó Bí thư"}
DEPUTY_TITLE.update({"BAOHUE": "Phó Tổng Biên tập", "TCT": "Phó Hiệu trưởng"})

# title, group, rank, degree, theory, state management, slots; None: the agency's own.
POSITIONS = [
    (None, PositionGroup.LEADERSHIP, "Chuyên viên cao cấp", "university", "advanced", "senior", 1),
    (
        "deputy",
        PositionGroup.LEADERSHIP,
        "Chuyên viên chính",
        "university",
        "advanced",
        "principal",
        3,
    ),
    (
        "Trưởng phòng",
        PositionGroup.LEADERSHIP,
        "Chuyên viên chính",
        "university",
        "advanced",
        "principal",
        3,
    ),
    (
        "Phó Trưởng phòng",
        PositionGroup.LEADERSHIP,
        "Chuyên viên",
        "university",
        "intermediate",
        "specialist",
        4,
    ),
    (
        "Chuyên viên nghiên cứu, tham mưu",
        PositionGroup.PROFESSIONAL,
        "Chuyên viên",
        "university",
        "",
        "",
        60,
    ),
    ("Kế toán", PositionGroup.SHARED, "Kế toán viên", "university", "", "", 2),
    ("Văn thư, lưu trữ", PositionGroup.SUPPORT, "Văn thư viên", "college", "", "", 2),
]
DEPARTURE_KINDS = [
    (ChangeKind.RETIREMENT, 0.45),
    (ChangeKind.STREAMLINING, 0.25),
    (ChangeKind.TRANSFER_OUT, 0.2),
    (ChangeKind.RESIGNATION, 0.1),
]


def _day(rng: random.Random, year: int, last: dt.date = TODAY) -> dt.date:
    end = min(D(year, 12, 20), last)
    start = D(year, 1, 10)
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed + 8008)
        self.names = names.NameGenerator(random.Random(seed + 8009))
        self.actor = User.objects.get(username=ADMIN_USERNAME)
        self.root = Organization.objects.get(depth=1, code="HUE")
        self.cqd = Organization.objects.get(code="HUE-CQD")

    def person(self, *, theory: str, degree: str = "university") -> Person:
        rng = self.rng
        gender = "female" if rng.random() < 0.45 else "male"
        birth = D(rng.randint(1968, 1996), rng.randint(1, 12), rng.randint(1, 28))
        family, middle, given = self.names.person(gender, birth_year=birth.year)
        return Person(
            **person_values(
                {
                    "full_name": names.full_name([family, middle, given]),
                    "birth_on": birth,
                    "gender": gender,
                    "ethnicity": "Kinh",
                    "professional_level": degree,
                    "theory_level": theory,
                }
            )
        )

    def agencies(self) -> list[Agency]:
        orgs = {o.code: o for o in Organization.objects.filter(code__startswith="HUE-CQD")}
        made = []
        for name, code, sector, kind, org_code, _base in AGENCIES:
            org = orgs.get(org_code or "", self.cqd)
            made.append(
                services.agency_create(
                    actor=self.actor,
                    organization=org,
                    data={
                        "name": name,
                        "code": code,
                        "sector": sector,
                        "kind": kind,
                        "budget_paid": True,
                        "has_party_organization": org_code is not None,
                    },
                )
            )
        return made

    def staff(self, agencies: list[Agency]) -> dict[int, list[Person]]:
        """The people working in each agency at the end of 2021 (a few posts vacant) and a
        few contracts, each with one arrival."""
        rng = self.rng
        people: list[tuple[Agency, Person, bool]] = []
        for agency, (*_x, base) in zip(agencies, AGENCIES, strict=True):
            for _i in range(base - rng.randint(1, 3)):
                theory = rng.choices(
                    ["advanced", "intermediate", "elementary", "none"], [3, 4, 2, 1]
                )[0]
                people.append((agency, self.person(theory=theory), True))
            for _i in range(rng.randint(2, 5)):
                people.append((agency, self.person(theory="none", degree="college"), False))
        Person.objects.bulk_create([p for _a, p, _h in people], batch_size=500)
        changes = []
        for agency, person, in_headcount in people:
            hired = D(max(person.birth_on.year + 23, 1992), rng.randint(1, 12), rng.randint(1, 28))  # type: ignore[union-attr]
            hired = min(hired, D(2021, 6, 30))
            changes.append(
                StaffChange(
                    agency=agency,
                    agency_path=agency.organization_path,
                    kind=ChangeKind.RECRUITMENT if rng.random() < 0.8 else ChangeKind.TRANSFER_IN,
                    occurred_on=hired,
                    person=person,
                    in_headcount=in_headcount,
                    recorded_by=self.actor,
                )
            )
        StaffChange.objects.bulk_create(changes, batch_size=1000)
        result: dict[int, list[Person]] = {a.pk: [] for a in agencies}
        for agency, person, in_headcount in people:
            if in_headcount:
                result[agency.pk].append(person)
        return result

    def roadmap(self, agencies: list[Agency], staff: dict[int, list[Person]]) -> None:
        rng = self.rng
        years = list(range(BASE_YEAR + 1, 2027))
        targets: dict[tuple[int, int], int] = {}
        totals = {AgencyKind.CADRES: 0, AgencyKind.PUBLIC_EMPLOYEES: 0}
        for agency, (*_x, base) in zip(agencies, AGENCIES, strict=True):
            share = 5 if agency.kind == AgencyKind.CADRES else 10
            total = math.ceil(base * share / 100)
            per_year = [total // 5 + (1 if i < total % 5 else 0) for i in range(5)]
            rng.shuffle(per_year)
            for year, n in zip(years, per_year, strict=True):
                targets[(agency.pk, year)] = n
            totals[AgencyKind(agency.kind)] += total
            approved = base
            for year in range(BASE_YEAR, 2027):
                if year > BASE_YEAR:
                    approved -= targets[(agency.pk, year)]
                services.headcount_record(
                    actor=self.actor,
                    agency=agency,
                    year=year,
                    approved=approved,
                    contracts=5,
                    decision_number=f"{rng.randint(100, 999)}-QĐ/TU",
                    decided_on=D(year - 1, 12, rng.randint(10, 28)),
                )
            self.history(agency, staff[agency.pk], targets, years)
        roadmap = services.roadmap_set(
            actor=self.actor,
            organization=self.root,
            cadres_target=totals[AgencyKind.CADRES],
            employees_target=totals[AgencyKind.PUBLIC_EMPLOYEES],
            decision_number="Đề án 05-ĐA/TU ngày 15/9/2022",
        )
        services.roadmap_targets_set(actor=self.actor, roadmap=roadmap, targets=targets)

    def history(
        self,
        agency: Agency,
        people: list[Person],
        targets: dict[tuple[int, int], int],
        years: list[int],
    ) -> None:
        """Changes 2022 → today: each year the target met (net), with a recruitment now and
        then; the agency behind its roadmap loses only one person in all those years."""
        rng = self.rng
        people.sort(key=lambda p: p.birth_on)  # type: ignore[arg-type, return-value]
        for year in years:
            if D(year, 1, 10) > TODAY:
                break
            net = targets[(agency.pk, year)]
            if agency.code == BEHIND:
                net = 1 if year == 2023 else 0
            elif year == TODAY.year:
                net = max(net - 1, 0)  # the year is not over
            arrivals = 1 if rng.random() < 0.4 and net else 0
            days = sorted(_day(rng, year) for _i in range(net + arrivals))
            for day in days[: net + arrivals]:
                kind = rng.choices(
                    [k for k, _w in DEPARTURE_KINDS], [w for _k, w in DEPARTURE_KINDS]
                )[0]
                person = (
                    people.pop(0)
                    if kind == ChangeKind.RETIREMENT
                    else people.pop(rng.randrange(len(people)))
                )
                services.staff_change_record(
                    actor=self.actor,
                    agency=agency,
                    kind=kind,
                    occurred_on=day,
                    person=person,
                    decision_number=f"{rng.randint(10, 999)}-QĐ/TU",
                )
            for _i in range(arrivals):
                person = self.person(theory="elementary")
                person.save()
                services.staff_change_record(
                    actor=self.actor,
                    agency=agency,
                    kind=ChangeKind.RECRUITMENT,
                    occurred_on=days[-1] + dt.timedelta(days=5),
                    person=person,
                    decision_number=f"{rng.randint(10, 999)}-QĐ/TU",
                )
                people.append(person)

    def posts(self, agencies: list[Agency]) -> list[tuple[Agency, Person]]:
        """Positions and their holders. Holders meet their post's standard (their state
        management certificates, from before 2021, are written in bulk), except about one
        in seven who lacks the political theory the post requires (the gap list)."""
        rng = self.rng
        gaps: list[tuple[Agency, Person]] = []
        old = {
            level: services.course_create(
                actor=self.actor,
                organization=self.root,
                data={
                    "title": title,
                    "kind": CourseKind.STATE_MANAGEMENT,
                    "level": level,
                    "provider": "Học viện Hành chính quốc gia",
                    "starts_on": start,
                    "ends_on": start + dt.timedelta(days=60),
                },
            )
            for level, title, start in [
                ("senior", "Bồi dưỡng QLNN ngạch chuyên viên cao cấp năm 2019", D(2019, 3, 4)),
                ("principal", "Bồi dưỡng QLNN ngạch chuyên viên chính năm 2019", D(2019, 5, 6)),
                ("specialist", "Bồi dưỡng QLNN ngạch chuyên viên năm 2018", D(2018, 6, 4)),
            ]
        }
        certificates: list[TrainingRecord] = []
        for agency in agencies:
            staff = [
                p
                for p, inh in selectors.staff_people(agency, TODAY)
                if inh and p.birth_on and p.birth_on.year >= 1972
            ]
            rng.shuffle(staff)
            for title, group, rank, degree, theory, state, slots in POSITIONS:
                if title is None:
                    title = HEAD_TITLE.get(agency.code, "Trưởng ban")
                elif title == "deputy":
                    title = DEPUTY_TITLE.get(agency.code, "Phó Trưởng ban")
                position = services.position_save(
                    actor=self.actor,
                    agency=agency,
                    data={
                        "title": title,
                        "group": group,
                        "rank": rank,
                        "degree_required": degree,
                        "theory_required": theory,
                        "state_management_required": state,
                        "slots": slots,
                    },
                )
                if group != PositionGroup.LEADERSHIP:
                    continue
                for _i in range(min(slots, max(len(staff) - 4, 0))):
                    person = staff.pop()
                    lacking = rng.random() < 0.15
                    if lacking:
                        gaps.append((agency, person))
                    person.theory_level = (
                        {"advanced": "intermediate", "intermediate": "elementary"}[theory]
                        if lacking
                        else "advanced"
                    )
                    person.save(update_fields=["theory_level"])
                    course = old[state]
                    certificates.append(
                        TrainingRecord(
                            person=person,
                            course=course,
                            agency=agency,
                            agency_path=agency.organization_path,
                            status="completed",
                            completed_on=course.ends_on,
                            recorded_by=self.actor,
                        )
                    )
                    start = D(rng.randint(2021, 2026), rng.randint(1, 12), 1)
                    start = min(start, D(2026, 10, 1))
                    services.appointment_record(
                        actor=self.actor,
                        position=position,
                        person=person,
                        kind="appointment" if rng.random() < 0.7 else "rotation",
                        starts_on=start,
                        decision_number=f"{rng.randint(10, 999)}-QĐ/TU",
                    )
        TrainingRecord.objects.bulk_create(certificates)
        return gaps

    def training(self, agencies: list[Agency], gaps: list[tuple[Agency, Person]]) -> None:
        rng = self.rng
        courses = {}
        for key, title, kind, level, start, end in [
            (
                "cc25",
                "Cao cấp lý luận chính trị hệ không tập trung, khóa 2025–2026",
                CourseKind.POLITICAL_THEORY,
                "advanced",
                D(2025, 3, 3),
                D(2026, 9, 30),
            ),
            (
                "tc26",
                "Trung cấp lý luận chính trị hệ vừa làm vừa học, khóa 48",
                CourseKind.POLITICAL_THEORY,
                "intermediate",
                D(2026, 2, 23),
                D(2026, 10, 16),
            ),
            (
                "tc25",
                "Trung cấp lý luận chính trị, khóa 47",
                CourseKind.POLITICAL_THEORY,
                "intermediate",
                D(2025, 3, 10),
                D(2025, 11, 14),
            ),
            (
                "cvc26",
                "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính năm 2026",
                CourseKind.STATE_MANAGEMENT,
                "principal",
                D(2026, 5, 4),
                D(2026, 8, 28),
            ),
            (
                "cv26",
                "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên năm 2026",
                CourseKind.STATE_MANAGEMENT,
                "specialist",
                D(2026, 6, 1),
                D(2026, 7, 31),
            ),
            (
                "nv26",
                "Bồi dưỡng nghiệp vụ công tác tổ chức xây dựng Đảng năm 2026",
                CourseKind.OTHER,
                "",
                D(2026, 4, 6),
                D(2026, 4, 10),
            ),
            (
                "it26",
                "Ứng dụng công nghệ thông tin và chuyển đổi số trong cơ quan Đảng",
                CourseKind.LANGUAGE_IT,
                "",
                D(2026, 9, 7),
                D(2026, 9, 11),
            ),
        ]:
            courses[key] = services.course_create(
                actor=self.actor,
                organization=self.root,
                data={
                    "title": title,
                    "kind": kind,
                    "level": level,
                    "provider": "Trường Chính trị Nguyễn Chí Thanh",
                    "starts_on": start,
                    "ends_on": end,
                },
            )
        # Half of the people lacking political theory went to a course and completed it.
        for index, (agency, person) in enumerate(gaps):
            course = courses["cc25"] if person.theory_level == "intermediate" else courses["tc26"]
            done = index % 3 != 0
            services.record_save(
                actor=self.actor,
                course=course,
                person=person,
                agency=agency,
                status="completed" if done else "attending",
                completed_on=course.ends_on + dt.timedelta(days=14) if done else None,
                certificate_number=f"{index + 1:04d}/GCN" if done else "",
            )
        # The 2026 plans: a few people per agency for state management and IT; some done.
        for agency in agencies:
            staff = [p for p, inh in selectors.staff_people(agency, TODAY) if inh]
            for person in rng.sample(staff, min(4, len(staff))):
                kind, key = rng.choice(
                    [(CourseKind.STATE_MANAGEMENT, "cv26"), (CourseKind.LANGUAGE_IT, "it26")]
                )
                services.plan_entry_add(
                    actor=self.actor,
                    agency=agency,
                    year=2026,
                    person=person,
                    kind=kind,
                    level="specialist" if kind == CourseKind.STATE_MANAGEMENT else "",
                )
                if rng.random() < 0.6:
                    course = courses[key]
                    services.record_save(
                        actor=self.actor,
                        course=course,
                        person=person,
                        agency=agency,
                        status="completed",
                        completed_on=course.ends_on,
                        certificate_number=f"{rng.randint(1, 999):03d}/GCN",
                    )


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    progress("Staffing: agencies, headcount 2021–2026, roadmap, posts, training …")
    builder = Builder(seed)
    with rule_book():
        agencies = builder.agencies()
        staff = builder.staff(agencies)
        builder.roadmap(agencies, staff)
        gaps = builder.posts(agencies)
        builder.training(agencies, gaps)
    progress(f"  {len(agencies)} agencies, {StaffChange.objects.count():,} staff changes")
