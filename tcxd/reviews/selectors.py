"""Reads of the review workflow, always within the user's scope."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope
from tcxd.indicators.registry import all_indicators, batch
from tcxd.organizations.models import Organization

from .choices import EDITABLE_STATUSES, SubmissionStatus
from .figures import figures_by_child, figures_of, indicator_rows
from .models import Report, Review, Submission

# The indicators of the per-organization table of the default template (Bảng 2), in order
# of preference; the first three that exist are used.
KEY_CODES = (
    "members.end_total",
    "members.admitted",
    "members.admission_rate",
    "members.net_change",
    "villages.head_member_share",
)


def reviews_for(user: Any) -> QuerySet[Review]:
    """Reviews opened by an organization the user may see, with their progress."""
    return (
        scope(Review.objects.all(), user, Action.VIEW)
        .select_related("organization")
        .annotate(
            total=Count("submissions"),
            accepted=Count("submissions", filter=Q(submissions__status=SubmissionStatus.ACCEPTED)),
            sent=Count("submissions", filter=~Q(submissions__status__in=EDITABLE_STATUSES)),
        )
        .order_by("-opened_at", "-id")
    )


def submissions_for(user: Any) -> QuerySet[Submission]:
    """Submissions of organizations the user may see (what they send upwards)."""
    return (
        scope(Submission.objects.all(), user, Action.VIEW)
        .select_related("review", "review__organization", "organization")
        .order_by("-review__opened_at", "organization_path")
    )


@dataclasses.dataclass(frozen=True)
class Progress:
    total: int
    draft: int
    waiting: int
    returned: int
    accepted: int
    late: list[Submission]


def progress(review: Review, submissions: list[Submission], today: dt.date) -> Progress:
    by_status = {s: 0 for s in SubmissionStatus.values}
    for s in submissions:
        by_status[s.status] += 1
    return Progress(
        total=len(submissions),
        draft=by_status[SubmissionStatus.DRAFT],
        waiting=by_status[SubmissionStatus.SUBMITTED] + by_status[SubmissionStatus.RESUBMITTED],
        returned=by_status[SubmissionStatus.RETURNED],
        accepted=by_status[SubmissionStatus.ACCEPTED],
        late=[s for s in submissions if s.is_late(today)],
    )


def review_submissions(review: Review) -> list[Submission]:
    subs = list(review.submissions.select_related("organization").order_by("organization_path"))
    for s in subs:
        s.review = review  # avoid one query per row in is_late()
    return subs


def live_figures(submission: Submission) -> dict[str, Any]:
    """The figures a draft would send now (a sent submission shows its frozen ones)."""
    with batch():
        return figures_of(submission.organization, submission.review.period)


def reports_of(review: Review, user: Any) -> QuerySet[Report]:
    return scope(review.reports.all(), user, Action.VIEW).defer("docx", "xlsx", "data")


# --- the report's data -----------------------------------------------------------------


def issuer_defaults(organization: Organization) -> dict[str, Any]:
    """What the heading of the report says by default for the opener (editable)."""
    name = organization.name
    place = name
    upper = name
    for prefix, body in (
        ("Đảng bộ thành phố ", "Thành ủy "),
        ("Đảng bộ tỉnh ", "Tỉnh ủy "),
        ("Đảng bộ phường ", "Đảng ủy phường "),
        ("Đảng bộ xã ", "Đảng ủy xã "),
        ("Đảng bộ ", "Đảng ủy "),
    ):
        if name.startswith(prefix):
            place = name.removeprefix(prefix)
            upper = body + place
            break
    top = organization.depth == 1
    return {
        "place": place,
        "issuer_upper": upper.upper(),
        "issuer": "BAN TỔ CHỨC" if top else "BAN XÂY DỰNG ĐẢNG",
        "symbol": "BC/BTCTU" if top else "BC/ĐU",
        "sign_for": "K/T TRƯỞNG BAN",
        "signer_title": "PHÓ TRƯỞNG BAN",
        "signer_name": "",
        "recipients": [
            "Ban Tổ chức Trung ương (để báo cáo)" if top else "Ban Tổ chức Thành ủy (để báo cáo)",
            "Thường trực Thành ủy (để báo cáo)" if top else "Thường trực Đảng ủy (để báo cáo)",
            "Các tổ chức đảng trực thuộc",
            "Lưu VP, TH" if top else "Lưu VP",
        ],
    }


def next_report_number(review: Review) -> int:
    """The next number of a report issued by the same organization (numbers run on
    within the organization's series; a new version of the same report keeps its own)."""
    latest = review.reports.aggregate(n=Max("number"))["n"]
    if latest:
        return int(latest)
    used = Report.objects.filter(review__organization=review.organization).aggregate(
        n=Max("number")
    )["n"]
    return int(used or 0) + 1


def report_data(
    *, review: Review, heading: Mapping[str, Any], narrative: Mapping[str, str]
) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data: frozen with the report."""
    period = review.period
    org = review.organization
    submissions = review_submissions(review)
    indicators = all_indicators()
    with batch():
        totals = figures_of(org, period)
        by_child = figures_by_child(org, period)
        last_year = figures_of(org, period.same_period_last_year())
    codes = {i.code for i in indicators}
    today = timezone.localdate()
    return {
        "review": {
            "id": review.pk,
            "title": review.title,
            "kind": review.kind,
            "period_key": period.key,
            "period_label": period.label,
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "deadline_on": review.deadline_on.isoformat(),
        },
        "organization": {"id": org.pk, "name": org.name, "code": org.code},
        "number": int(heading["number"]),
        "symbol": heading["symbol"],
        "issued_on": heading["issued_on"].isoformat(),
        "place": heading["place"],
        "issuer_upper": heading["issuer_upper"],
        "issuer": heading["issuer"],
        "summary": heading.get("summary") or review.title,
        "sign_for": heading["sign_for"],
        "signer_title": heading["signer_title"],
        "signer_name": heading["signer_name"],
        "recipients": list(heading["recipients"]),
        "narrative": dict(narrative),
        "indicators": indicator_rows(indicators),
        "key_codes": [c for c in KEY_CODES if c in codes][:3],
        "totals": totals,
        "last_year": last_year,
        "children": [
            {
                "id": s.organization_id,
                "name": s.organization.name,
                "code": s.organization.code,
                "submitted_on": _local_date(s.first_submitted_at),
                "accepted_on": _local_date(s.accepted_at),
                "late": s.is_late(today),
                "figures": by_child.get(s.organization_id, {}),
            }
            for s in submissions
        ],
    }


def _local_date(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).date().isoformat() if value else None
