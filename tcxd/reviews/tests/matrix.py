"""Objects of the review app for the permission matrix (tcxd/tests/test_permission_matrix.py):
a review opened by the city root with a draft submission from the ward and one from the
other commune, a generated report and a conference. Made once per test and kept on the
matrix's ``World``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tcxd.accounts.models import User
from tcxd.organizations.models import Organization

from ..models import Conference, Report, Review, Submission


@dataclasses.dataclass
class ReviewObjects:
    review: Review
    ward_submission: Submission
    report: Report
    conference: Conference


def review_objects(world: Any) -> ReviewObjects:
    cached = getattr(world, "_reviews", None)
    if cached is not None:
        return cached
    ward = world.ward
    root = Organization.objects.get(path=ward.path[: Organization.steplen])
    opener = User.objects.filter(is_superuser=True).get()
    review = Review.objects.create(
        organization=root,
        organization_path=root.path,
        kind="half_year",
        period_key="2026-H1",
        title="Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026",
        deadline_on=dt.date(2026, 6, 20),
        opened_by=opener,
    )
    subs = [
        Submission.objects.create(review=review, organization=org, organization_path=org.path)
        for org in Organization.objects.get_children(root)
    ]
    report = Report.objects.create(
        review=review,
        organization_path=root.path,
        version=1,
        number=1,
        symbol="BC/BTCTU",
        issued_on=dt.date(2026, 7, 3),
        data={},
        docx=b"docx",
        xlsx=b"xlsx",
        generated_by=opener,
    )
    conference = Conference.objects.create(
        review=review,
        held_on=dt.date(2026, 7, 10),
        place="Hội trường",
        chair_name="Nguyễn Văn Bình",
        chair_position="Phó Bí thư Thường trực",
        attendees=[{"position": "Lãnh đạo Ban", "name": "Trần Văn Minh"}],
        conclusions="Kết luận.",
        recorded_by=opener,
    )
    ward_submission = next(s for s in subs if s.organization_id == ward.pk)
    world._reviews = ReviewObjects(review, ward_submission, report, conference)
    return world._reviews


def submission_draft(world: Any) -> dict[str, Any]:
    sub = review_objects(world).ward_submission
    return {"results": "Kết quả", "version": str(sub.version), "save": "1"}
