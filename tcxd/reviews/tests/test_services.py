"""The review workflow: open → draft → submitted → returned → resubmitted → accepted,
with scope, audit, optimistic locking, lateness and frozen figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError
from tcxd.indicators.periods import Period
from tcxd.testing.factories import make_member

from .. import services
from ..choices import StepKind, SubmissionStatus
from ..models import Review, Submission
from .conftest import H1_2026, MEMBERS_END, NARRATIVE, OFFICIAL_SHARE, send

pytestmark = pytest.mark.django_db


def test_opening_a_review_gives_each_organization_below_a_draft(city) -> None:
    review = city.review
    tree = city.tree
    assert review.period_key == "2026-H1"
    assert review.title == "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026"
    subs = {s.organization_id: s for s in review.submissions.all()}
    assert set(subs) == {tree.ward.pk, tree.commune.pk, tree.agency.pk}
    assert {s.status for s in subs.values()} == {SubmissionStatus.DRAFT}
    entry = AuditEntry.objects.get(action="reviews.open")
    assert entry.changes["submissions"] == 3
    assert entry.organization_path == tree.root.path


def test_a_ward_review_skips_the_cell_dissolved_before_the_period(tree, personas, indicators):
    review = services.review_open(
        actor=personas.ward_officer,
        organization=tree.ward,
        kind="year",
        period=Period.year(2026),
        deadline_on=dt.date(2026, 12, 10),
    )
    orgs = set(review.submissions.values_list("organization_id", flat=True))
    assert orgs == {tree.cell1.pk, tree.cell2.pk}  # T-AH-9 was dissolved on 01/01/2024


@pytest.mark.parametrize(
    ("kind", "period", "deadline", "code"),
    [
        ("half_year", Period.year(2026), dt.date(2026, 12, 1), "review_period_kind"),
        ("year", Period.half(2026, 2), dt.date(2026, 12, 1), "review_period_kind"),
        ("midterm", Period.term(2025, 2030), dt.date(2027, 12, 1), "review_period_kind"),
        # the deadline may fall inside the period (reports are often due before it ends),
        # not before it starts: 31/12/2025 is one day early
        ("half_year", Period.half(2026, 1), dt.date(2025, 12, 31), "review_deadline"),
    ],
)
def test_opening_refuses_a_period_that_does_not_fit(tree, personas, kind, period, deadline, code):
    with pytest.raises(DomainError) as exc:
        services.review_open(
            actor=personas.board_specialist,
            organization=tree.root,
            kind=kind,
            period=period,
            deadline_on=deadline,
        )
    assert exc.value.code == code
    assert not Review.objects.exists() and not Submission.objects.exists()


def test_the_deadline_may_be_the_first_day_of_the_period(tree, personas) -> None:
    review = services.review_open(
        actor=personas.board_specialist,
        organization=tree.root,
        kind="half_year",
        period=H1_2026,
        deadline_on=dt.date(2026, 1, 1),
    )
    assert review.submissions.count() == 3


def test_only_reviewers_of_the_organization_open_a_review(tree, personas) -> None:
    for actor in (personas.ward_officer, personas.deputy_secretary, personas.cell_secretary):
        with pytest.raises(DomainError) as exc:
            services.review_open(
                actor=actor,
                organization=tree.root,
                kind="half_year",
                period=H1_2026,
                deadline_on=dt.date(2026, 6, 20),
            )
        assert exc.value.code == "out_of_scope"
    assert not Review.objects.exists()


def test_the_same_review_cannot_be_opened_twice(city) -> None:
    with pytest.raises(DomainError) as exc:
        services.review_open(
            actor=city.personas.board_leader,
            organization=city.tree.root,
            kind="half_year",
            period=H1_2026,
            deadline_on=dt.date(2026, 6, 25),
        )
    assert "đã mở" in exc.value.message
    assert Review.objects.count() == 1 and Submission.objects.count() == 3


def test_the_full_workflow(city) -> None:
    tree, p = city.tree, city.personas
    sub = city.submission(tree.ward)

    # A draft is saved without sending; nothing is frozen yet.
    sub = services.submission_update(
        actor=p.ward_officer,
        submission=sub,
        expected_version=sub.version,
        narrative={"results": "  Kết  quả\r\n\r\nthứ hai  "},
        figure_comments={MEMBERS_END: "Đã rà soát", OFFICIAL_SHARE: "  "},
    )
    assert sub.status == SubmissionStatus.DRAFT
    assert sub.results == "Kết quả\nthứ hai"
    assert sub.figure_comments == {MEMBERS_END: "Đã rà soát"}
    assert sub.figures == {}

    # Sending without the required sections is refused, naming them.
    with pytest.raises(DomainError) as exc:
        services.submission_update(
            actor=p.ward_officer,
            submission=sub,
            expected_version=sub.version,
            narrative={"results": "Kết quả"},
            figure_comments={},
            send=True,
        )
    assert exc.value.code == "submission_incomplete"
    assert set(exc.value.fields) == {"limitations", "directions"}
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.DRAFT and sub.results == "Kết quả\nthứ hai"

    sub = send(city, tree.ward, p.ward_officer)
    assert sub.status == SubmissionStatus.SUBMITTED
    # Ward: 4 members on 30/06/2026, 3 of them official (75,00 %).
    assert sub.figures[MEMBERS_END] == 4
    assert Decimal(sub.figures[OFFICIAL_SHARE]) == Decimal("75.00")

    # Sent: the ward can no longer change it.
    with pytest.raises(DomainError) as exc:
        send(city, tree.ward, p.ward_officer)
    assert exc.value.code == "submission_locked"

    # The board returns it, but only with a comment.
    with pytest.raises(DomainError) as exc:
        services.submission_return(
            actor=p.board_specialist, submission=sub, comment=" ", expected_version=sub.version
        )
    assert exc.value.code == "return_comment"
    sub = services.submission_return(
        actor=p.board_specialist,
        submission=sub,
        comment="Bổ sung nguyên nhân hạn chế.",
        expected_version=sub.version,
    )
    assert sub.status == SubmissionStatus.RETURNED

    sub = send(city, tree.ward, p.ward_officer, limitations="Nguồn kết nạp ít, do thiếu việc làm.")
    assert sub.status == SubmissionStatus.RESUBMITTED
    sub = services.submission_accept(
        actor=p.board_leader, submission=sub, expected_version=sub.version
    )
    assert sub.status == SubmissionStatus.ACCEPTED and sub.accepted_at is not None

    steps = list(sub.steps.values_list("kind", "actor__username", "comment"))
    assert steps == [
        (StepKind.SUBMITTED, "ward", ""),
        (StepKind.RETURNED, "specialist", "Bổ sung nguyên nhân hạn chế."),
        (StepKind.RESUBMITTED, "ward", ""),
        (StepKind.ACCEPTED, "leader", ""),
    ]
    actions = list(
        AuditEntry.objects.filter(target_type="reviews.submission")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reviews.save",
        "reviews.submitted",
        "reviews.return",
        "reviews.resubmitted",
        "reviews.accept",
    ]


def test_only_the_opener_checks_and_only_the_organization_sends(city) -> None:
    tree, p = city.tree, city.personas
    with pytest.raises(DomainError) as exc:  # the other commune's officer
        send(city, tree.ward, p.outsider)
    assert exc.value.code == "out_of_scope"
    with pytest.raises(DomainError) as exc:  # the board leader reads, does not write for them
        send(city, tree.ward, p.board_leader)
    assert exc.value.code == "out_of_scope"
    sub = send(city, tree.ward, p.ward_officer)
    with pytest.raises(DomainError) as exc:  # nobody accepts their own submission
        services.submission_accept(actor=p.ward_officer, submission=sub, expected_version=None)
    assert exc.value.code == "out_of_scope"
    draft = city.submission(tree.commune)
    with pytest.raises(DomainError) as exc:  # nothing to check in a draft
        services.submission_accept(
            actor=p.board_specialist, submission=draft, expected_version=None
        )
    assert exc.value.code == "submission_not_waiting"


def test_a_stale_form_is_refused(city) -> None:
    tree, p = city.tree, city.personas
    sub = city.submission(tree.ward)
    opened = sub.version
    services.submission_update(
        actor=p.ward_officer,
        submission=sub,
        expected_version=opened,
        narrative=NARRATIVE,
        figure_comments={},
    )
    with pytest.raises(DomainError) as exc:
        services.submission_update(
            actor=p.board_specialist,
            submission=Submission.objects.get(pk=sub.pk),
            expected_version=opened,
            narrative={"results": "other"},
            figure_comments={},
        )
    assert exc.value.code == "stale"
    assert Submission.objects.get(pk=sub.pk).results == NARRATIVE["results"].replace("\r", "")


def test_lateness(city) -> None:
    tree, p = city.tree, city.personas
    deadline = city.review.deadline_on  # 20/06/2026
    sub = city.submission(tree.ward)
    assert not sub.is_late(deadline)  # on the deadline day, not yet late
    assert sub.is_late(deadline + dt.timedelta(days=1))
    sent = send(city, tree.ward, p.ward_officer)
    # Once sent, what counts is the day it was first sent: move the deadline around it.
    sent_on = timezone.localtime(sent.first_submitted_at).date()
    city.review.deadline_on = sent_on
    assert not sent.is_late(sent_on + dt.timedelta(days=30))
    city.review.deadline_on = sent_on - dt.timedelta(days=1)
    assert sent.is_late(sent_on)


def test_figures_are_frozen_when_sent(city) -> None:
    tree, p = city.tree, city.personas
    sub = send(city, tree.commune, p.outsider)
    assert sub.figures[MEMBERS_END] == 1
    make_member(
        p.board_specialist,
        tree.commune_cell,
        full_name="Mai Thị Lan",
        admitted_on=dt.date(2010, 1, 4),
        official_on=dt.date(2011, 1, 4),
    )
    sub.refresh_from_db()
    assert sub.figures[MEMBERS_END] == 1  # frozen: the new member does not change it
