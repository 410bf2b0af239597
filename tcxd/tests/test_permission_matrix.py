"""The permission matrix: every page and every API route, for every persona.

One row per (route, method, object); each row says, persona by persona, which status the
request must get. The objects are a member registered in ``tree.cell1`` (inside the ward,
so visible to the ward officer and the cell secretary, and not to the outsider, an officer
of the other commune) and the ward ``tree.ward`` (not visible to the cell secretary, whose
role is held lower down, nor to the outsider).

Rules the rows encode (tcxd/accounts/choices.py ROLE_ACTIONS, tcxd/accounts/scope.py):

- anonymous: pages redirect to the sign-in page (302), the API answers 401;
- an object outside the persona's scope is 404, exactly as if it did not exist;
- board leader and standing deputy secretary may not record changes nor import: 404;
- a cell secretary may not import nor read the audit log: 404;
- an event kind that cannot be recorded through a form ("admitted") is 404 for everyone.

``test_every_route_is_in_the_matrix`` walks the URL resolver, so a new page or API route
without a row fails the suite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tcxd.directives.tests.matrix import directive_rows
from tcxd.meetings.tests.matrix import meeting_rows
from tcxd.news.tests.matrix import news_rows
from tcxd.reviews.tests.matrix import review_objects, submission_draft
from tcxd.staffing.tests.matrix import staffing_rows
from tcxd.testing.factories import make_member
from tcxd.testing.fixtures import PERSONA_NAMES
from tcxd.votes.tests.matrix import prepared, tallied

ANON = "anonymous"
SIGNED_IN = [p for p in PERSONA_NAMES if p != ANON]

# Who may do what, by persona (admin is a superuser and may do everything).
VIEW_ROOT = {"admin", "board_leader", "board_specialist", "deputy_secretary"}
CHANGERS_OF_CELL1 = {"admin", "board_specialist", "ward_officer", "cell_secretary"}
IMPORTERS = {"admin", "board_specialist", "ward_officer", "outsider"}
AUDIT_READERS = {"admin", "board_leader", "board_specialist", "deputy_secretary", "ward_officer"}
AUDIT_READERS |= {"outsider"}
# Action.REVIEW anywhere / at the city root (tcxd/accounts/choices.py).
REVIEWERS = {"admin", "board_leader", "board_specialist", "ward_officer", "outsider"}
CITY_REVIEWERS = {"admin", "board_leader", "board_specialist"}
# The city's tallied vote names the deputy secretary as a reader of its results.
VOTE_READERS = CITY_REVIEWERS | {"deputy_secretary"}


def statuses(page: bool, ok: int, allowed: set[str] | None = None, **others: int) -> dict:
    """Expected status per persona: ``ok`` for ``allowed`` (default: every signed-in
    persona), 404 for the other signed-in personas, the anonymous answer (302 on a page,
    401 on the API), and explicit exceptions in ``others``."""
    result = {ANON: 302 if page else 401}
    for persona in SIGNED_IN:
        result[persona] = ok if allowed is None or persona in allowed else 404
    result.update(others)
    assert set(result) == set(PERSONA_NAMES)
    return result


def everyone(status: int) -> dict:
    return dict.fromkeys(PERSONA_NAMES, status)


@dataclasses.dataclass
class World:
    member: Any
    ward: Any
    cell1: Any
    cell2: Any


@dataclasses.dataclass(frozen=True)
class Row:
    id: str
    name: str  # the URL name, with its namespace
    method: str
    expected: dict[str, int]
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    query: str = ""
    data: Callable[[World], dict[str, Any]] | None = None
    api: bool = False


def member_pk(w: World) -> dict[str, Any]:
    return {"pk": w.member.pk}


def ward_target(w: World) -> dict[str, Any]:
    from tcxd.indicators.models import Target

    target = Target.objects.create(
        indicator="members.admitted",
        organization=w.ward,
        period_kind="year",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        value=10,
        source_document="Kế hoạch số 218-KH/TU",
    )
    return {"pk": w.ward.pk, "target_pk": target.pk}


def ward_pk(w: World) -> dict[str, Any]:
    return {"pk": w.ward.pk}


def import_csv(w: World) -> dict[str, Any]:
    """A valid one-row file for a cell in the ward, sent as a dry run (nothing is kept)."""
    text = (
        "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày vào Đảng,Mã tổ chức đảng\r\n"
        "Trần Thị Bình,02/09/1975,Nữ,046175009999,19/05/2005,T-AH-1\r\n"
    )
    upload = SimpleUploadedFile("ds.csv", text.encode("utf-8"), content_type="text/csv")
    return {"file": upload, "dry_run": "true"}


def transfer_to_cell2(w: World) -> dict[str, Any]:
    return {
        "occurred_on": "15/03/2025",
        "organization": str(w.cell2.pk),
        "decision_number": "12-QĐ/ĐU",
        "decision_on": "10/03/2025",
        "note": "",
        "version": str(w.member.version),
    }


def person_edit_data(w: World) -> dict[str, Any]:
    p = w.member.person
    return {
        "full_name": p.full_name,
        "birth_on": p.birth_on.strftime("%d/%m/%Y"),
        "gender": p.gender,
        "citizen_id": p.citizen_id,
        "ethnicity": p.ethnicity,
        "religion": "",
        "hometown": "Phường An Hòa",
        "education": "12/12",
        "professional_level": "",
        "theory_level": "",
        "occupation": "",
        "version": str(w.member.version),
    }


def admission_case(w: World) -> dict[str, Any]:
    """An admission case of a candidate in ``cell1`` (made once per test)."""
    if not hasattr(w, "case"):
        from tcxd.accounts.models import User
        from tcxd.admissions.services import case_open
        from tcxd.members.services import person_create
        from tcxd.testing.factories import person_data

        officer = User.objects.get(username="ward")
        person = person_create(actor=officer, data=person_data("Hồ Văn Nam"), organization=w.cell1)
        w.case = case_open(  # type: ignore[attr-defined]
            actor=officer, person=person, organization=w.cell1, opened_on=dt.date(2025, 1, 6)
        )
    return {"pk": w.case.pk}  # type: ignore[attr-defined]


def certificate_step(w: World) -> dict[str, Any]:
    return {
        "occurred_on": "10/01/2025",
        "document_number": "125/GCN",
        "note": "",
        "version": str(w.case.version),  # type: ignore[attr-defined]
    }


ROWS: list[Row] = [
    # --- pages ----------------------------------------------------------------------
    Row("home", "home", "GET", statuses(True, 200)),
    # The sign-in page: a signed-in person is sent home (redirect_authenticated_user).
    Row("login", "accounts:login", "GET", {**everyone(302), ANON: 200}),
    Row(
        "login-post-wrong",
        "accounts:login",
        "POST",
        {**everyone(302), ANON: 200},
        data=lambda w: {"username": "nobody", "password": "wrong-password"},
    ),
    Row("logout-get", "accounts:logout", "GET", everyone(405)),
    Row("logout-post", "accounts:logout", "POST", everyone(302)),
    Row("org-index", "organizations:index", "GET", statuses(True, 200)),
    Row("org-pick", "organizations:pick", "GET", statuses(True, 200), query="org_q=to+dan+pho"),
    Row(
        "org-detail-ward",
        "organizations:detail",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=ward_pk,
    ),
    Row(
        "org-detail-cell1",
        "organizations:detail",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer", "cell_secretary"}),
        kwargs=lambda w: {"pk": w.cell1.pk},
    ),
    Row(
        "org-children-ward",
        "organizations:children",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=ward_pk,
    ),
    # --- indicators: dashboards (aggregates, not audited) and their export (audited) ------
    Row("indicators-index", "indicators:index", "GET", everyone(302)),
    Row(
        "indicators-dashboard-ward",
        "indicators:dashboard",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=ward_pk,
        query="period=2026-H1",
    ),
    Row(
        "indicators-dashboard-cell1",
        "indicators:dashboard",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer", "cell_secretary"}),
        kwargs=lambda w: {"pk": w.cell1.pk},
    ),
    Row(
        "indicators-export-ward",
        "indicators:export",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=ward_pk,
        query="period=2026-H1",
    ),
    Row(
        "indicators-targets-ward",
        "indicators:targets",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=ward_pk,
    ),
    Row(
        "indicators-targets-ward-post",
        "indicators:targets",
        "POST",
        # Viewers who do not manage organizations (board leader, deputy secretary): 404.
        statuses(True, 302, {"admin", "board_specialist", "ward_officer"}),
        kwargs=ward_pk,
        data=lambda w: {
            "indicator": "members.admitted",
            "period": "Năm 2026",
            "value": "12",
            "source_document": "Kế hoạch số 09-KH/TU",
        },
    ),
    Row(
        "indicators-target-delete",
        "indicators:target_delete",
        "POST",
        statuses(True, 302, {"admin", "board_specialist", "ward_officer"}),
        kwargs=ward_target,
    ),
    Row("member-list", "members:list", "GET", statuses(True, 200)),
    Row(
        "member-list-org-ward",
        "members:list",
        "GET",
        # An organization outside the scope is a filter error, shown on the page.
        statuses(True, 200),
        query="org={ward}",
    ),
    Row("member-export", "members:export", "GET", statuses(True, 200)),
    Row(
        "member-import-get",
        "members:import",
        "GET",
        statuses(True, 200, IMPORTERS),
    ),
    Row(
        "member-import-post",
        "members:import",
        "POST",
        # The outsider may import, but not into a cell of the ward: a problem report (400).
        statuses(True, 200, IMPORTERS, outsider=400),
        data=import_csv,
    ),
    Row("member-import-template", "members:import_template", "GET", statuses(True, 200)),
    Row(
        "member-detail",
        "members:detail",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer", "cell_secretary"}),
        kwargs=member_pk,
    ),
    Row(
        "member-edit-get",
        "members:edit",
        "GET",
        statuses(True, 200, CHANGERS_OF_CELL1),
        kwargs=member_pk,
    ),
    Row(
        "member-edit-post",
        "members:edit",
        "POST",
        statuses(True, 302, CHANGERS_OF_CELL1),
        kwargs=member_pk,
        data=person_edit_data,
    ),
    Row(
        "event-transfer-get",
        "members:event_create",
        "GET",
        statuses(True, 200, CHANGERS_OF_CELL1),
        kwargs=lambda w: {"pk": w.member.pk, "kind": "transfer"},
    ),
    Row(
        "event-transfer-post",
        "members:event_create",
        "POST",
        # The cell secretary is not offered cell 2 (outside the cell): the form says so.
        statuses(True, 302, CHANGERS_OF_CELL1, cell_secretary=200),
        kwargs=lambda w: {"pk": w.member.pk, "kind": "transfer"},
        data=transfer_to_cell2,
    ),
    Row(
        "event-admitted-get",
        "members:event_create",
        "GET",
        {**everyone(404), ANON: 302},
        kwargs=lambda w: {"pk": w.member.pk, "kind": "admitted"},
    ),
    Row("admissions-board", "admissions:board", "GET", statuses(True, 200)),
    Row(
        "admissions-board-ward",
        "admissions:board",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        query="org={ward}",
    ),
    Row("admissions-deadlines", "admissions:deadlines", "GET", statuses(True, 200)),
    Row(
        "admissions-case-open",
        "admissions:case_open",
        "GET",
        statuses(True, 200, CHANGERS_OF_CELL1 | {"outsider"}),
    ),
    Row(
        "admissions-case",
        "admissions:case",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer", "cell_secretary"}),
        kwargs=admission_case,
    ),
    Row(
        "admissions-step-get",
        "admissions:step_create",
        "GET",
        statuses(True, 200, CHANGERS_OF_CELL1),
        kwargs=lambda w: {**admission_case(w), "kind": "certificate"},
    ),
    Row(
        "admissions-step-post",
        "admissions:step_create",
        "POST",
        statuses(True, 302, CHANGERS_OF_CELL1),
        kwargs=lambda w: {**admission_case(w), "kind": "certificate"},
        data=certificate_step,
    ),
    Row(
        "admissions-readmission-of-a-current-member",
        "admissions:readmission_open",
        "GET",
        {**everyone(404), ANON: 302},
        kwargs=lambda w: {"member_pk": w.member.pk},
    ),
    Row(
        "admissions-step-unknown",
        "admissions:step_create",
        "GET",
        {**everyone(404), ANON: 302},
        kwargs=lambda w: {**admission_case(w), "kind": "bogus"},
    ),
    Row("audit", "audit:list", "GET", statuses(True, 200, AUDIT_READERS)),
    # --- reviews (tcxd/reviews/tests/matrix.py: a review of the city root with a draft
    # submission from each organization below, a report and a conference). Opening and
    # checking need Action.REVIEW (board leader and specialist at the root, organization
    # officers at their own committee); a commune officer sees only its own submission.
    Row("reviews-index", "reviews:index", "GET", statuses(True, 200)),
    Row("reviews-open", "reviews:open", "GET", statuses(True, 200, REVIEWERS)),
    Row(
        "reviews-detail",
        "reviews:detail",
        "GET",
        statuses(True, 200, VIEW_ROOT),
        kwargs=lambda w: {"pk": review_objects(w).review.pk},
    ),
    Row(
        "reviews-report-new",
        "reviews:report_new",
        "GET",
        statuses(True, 200, CITY_REVIEWERS),
        kwargs=lambda w: {"pk": review_objects(w).review.pk},
    ),
    Row(
        "reviews-conference-new",
        "reviews:conference_new",
        "GET",
        statuses(True, 200, CITY_REVIEWERS),
        kwargs=lambda w: {"pk": review_objects(w).review.pk},
    ),
    Row(
        "reviews-submission-ward",
        "reviews:submission",
        "GET",
        statuses(True, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=lambda w: {"pk": review_objects(w).ward_submission.pk},
    ),
    Row(
        "reviews-submission-ward-save",
        "reviews:submission",
        "POST",
        statuses(True, 302, {"admin", "board_specialist", "ward_officer"}),
        kwargs=lambda w: {"pk": review_objects(w).ward_submission.pk},
        data=submission_draft,
    ),
    Row(
        # A draft has nothing to check: the reviewers are sent back with a message.
        "reviews-submission-return",
        "reviews:submission_return",
        "POST",
        statuses(True, 302, CITY_REVIEWERS),
        kwargs=lambda w: {"pk": review_objects(w).ward_submission.pk},
        data=lambda w: {"comment": "Bổ sung", "version": "0"},
    ),
    Row(
        "reviews-submission-accept",
        "reviews:submission_accept",
        "POST",
        statuses(True, 302, CITY_REVIEWERS),
        kwargs=lambda w: {"pk": review_objects(w).ward_submission.pk},
        data=lambda w: {"version": "0"},
    ),
    Row(
        "reviews-report-docx",
        "reviews:report_docx",
        "GET",
        statuses(True, 200, VIEW_ROOT),
        kwargs=lambda w: {"pk": review_objects(w).report.pk},
    ),
    Row(
        "reviews-report-xlsx",
        "reviews:report_xlsx",
        "GET",
        statuses(True, 200, VIEW_ROOT),
        kwargs=lambda w: {"pk": review_objects(w).report.pk},
    ),
    Row(
        "reviews-conference",
        "reviews:conference",
        "GET",
        statuses(True, 200, VIEW_ROOT),
        kwargs=lambda w: {"pk": review_objects(w).conference.pk},
    ),
    Row("reviews-templates", "reviews:templates", "GET", statuses(True, 200, REVIEWERS)),
    Row(
        "reviews-template-default",
        "reviews:template_download",
        "GET",
        statuses(True, 200, REVIEWERS),
        kwargs=lambda w: {"version": 0},
    ),
    # --- votes (tcxd/votes/tests/matrix.py: the city root's vote, tallied, the deputy
    # secretary named as a reader of the results; a second vote being prepared). The vote
    # and its preparation: Action.REVIEW at the organizing body; the results also the named
    # readers; the counting board's screens only its members (none of the personas); the
    # voting page is public. Steps refused by the state (codes, close, tally of a tallied
    # vote) come back to the vote with the message (302).
    Row("votes-index", "votes:index", "GET", statuses(True, 200)),
    Row("votes-create", "votes:create", "GET", statuses(True, 200, REVIEWERS)),
    Row("votes-vote", "votes:vote", "GET", statuses(True, 200, VOTE_READERS), kwargs=tallied),
    Row(
        "votes-prepare",
        "votes:prepare",
        "GET",
        statuses(True, 200, CITY_REVIEWERS),
        kwargs=prepared,
    ),
    Row("votes-open", "votes:open", "GET", statuses(True, 200, CITY_REVIEWERS), kwargs=prepared),
    Row(
        "votes-ballots-pdf",
        "votes:ballots_pdf",
        "GET",
        statuses(True, 200, CITY_REVIEWERS),
        kwargs=prepared,
        query="count=2",
    ),
    Row(
        "votes-codes",
        "votes:codes",
        "POST",
        statuses(True, 302, CITY_REVIEWERS),
        kwargs=tallied,
        data=lambda w: {"count": "1"},
    ),
    Row("votes-ballot", "votes:ballot", "GET", everyone(200), kwargs=tallied),
    Row("votes-ballot-done", "votes:ballot_done", "GET", everyone(200), kwargs=tallied),
    Row("votes-paper", "votes:paper", "GET", statuses(True, 200, set()), kwargs=tallied),
    Row(
        "votes-reconcile",
        "votes:reconcile",
        "GET",
        statuses(True, 200, set()),
        kwargs=lambda w: {**tallied(w), "sheet": 1},
    ),
    Row(
        "votes-close",
        "votes:close",
        "POST",
        statuses(True, 302, CITY_REVIEWERS),
        kwargs=tallied,
        data=lambda w: {"version": "1"},
    ),
    Row(
        "votes-tally",
        "votes:tally",
        "POST",
        statuses(True, 302, CITY_REVIEWERS),
        kwargs=tallied,
        data=lambda w: {"version": "1"},
    ),
    Row("votes-results", "votes:results", "GET", statuses(True, 200, VOTE_READERS), kwargs=tallied),
    Row(
        "votes-minutes",
        "votes:minutes_docx",
        "GET",
        statuses(True, 200, VOTE_READERS),
        kwargs=tallied,
    ),
    Row(
        "votes-xlsx",
        "votes:results_xlsx",
        "GET",
        statuses(True, 200, VOTE_READERS),
        kwargs=tallied,
    ),
    Row("votes-report", "votes:report", "GET", statuses(True, 200, CITY_REVIEWERS), kwargs=tallied),
    # --- API ------------------------------------------------------------------------
    # The API documentation and schema describe routes, not data: open to everyone.
    Row("api-schema", "api:openapi-json", "GET", everyone(200), api=True),
    Row("api-docs", "api:openapi-view", "GET", everyone(200), api=True),
    Row("api-root", "api:api-root", "GET", everyone(404), api=True),
    Row("api-org-tree", "api:organization_tree", "GET", statuses(False, 200), api=True),
    Row(
        "api-org-detail-ward",
        "api:organization_detail",
        "GET",
        statuses(False, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=lambda w: {"org_id": w.ward.pk},
        api=True,
    ),
    Row("api-member-list", "api:member_list", "GET", statuses(False, 200), api=True),
    Row(
        "api-members-of-ward",
        "api:members_of_organization",
        "GET",
        statuses(False, 200, VIEW_ROOT | {"ward_officer"}),
        kwargs=lambda w: {"org_id": w.ward.pk},
        api=True,
    ),
    Row(
        "api-member-detail",
        "api:member_detail",
        "GET",
        statuses(False, 200, VIEW_ROOT | {"ward_officer", "cell_secretary"}),
        kwargs=lambda w: {"member_id": w.member.pk},
        api=True,
    ),
    Row(
        "api-member-events",
        "api:member_events",
        "GET",
        statuses(False, 200, VIEW_ROOT | {"ward_officer", "cell_secretary"}),
        kwargs=lambda w: {"member_id": w.member.pk},
        api=True,
    ),
    Row(
        "api-member-import",
        "api:member_import",
        "POST",
        statuses(False, 200, IMPORTERS, outsider=400),
        data=import_csv,
        api=True,
    ),
]
ROWS += meeting_rows(Row, statuses)
ROWS += directive_rows(Row, statuses)

ROWS += staffing_rows(Row, statuses)
ROWS += news_rows(Row, statuses, everyone)

# Patterns that are not the application's pages (Django's own admin, static files, the
# language switch, which is a plain redirect for everyone).
EXCLUDED_PREFIXES = ("admin/", "static/", "i18n/")


@pytest.fixture
def world(tree, personas) -> World:  # type: ignore[no-untyped-def]
    member = make_member(
        personas.ward_officer,
        tree.cell1,
        full_name="Lê Thị Hoa",
        admitted_on=dt.date(2012, 6, 1),
        official_on=dt.date(2013, 6, 1),
    )
    return World(member=member, ward=tree.ward, cell1=tree.cell1, cell2=tree.cell2)


CASES = [
    pytest.param(row, persona, id=f"{row.id}-{persona}")
    for row in ROWS
    for persona in PERSONA_NAMES
]


@pytest.mark.parametrize(("row", "persona"), CASES)
def test_permission_matrix(client, personas, world, row: Row, persona: str) -> None:
    if persona != ANON:
        client.force_login(getattr(personas, persona))
    url = reverse(row.name, kwargs=row.kwargs(world))
    if row.query:
        url += "?" + row.query.format(ward=world.ward.pk)
    if row.method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, row.data(world) if row.data else {})
    expected = row.expected[persona]
    assert response.status_code == expected, (
        f"{row.method} {url} as {persona}: expected {expected}, got {response.status_code}"
    )
    login = reverse("accounts:login")
    if response.status_code == 302:
        location = response["Location"]
        if persona == ANON and row.name not in ("accounts:logout",):
            assert location.startswith(login + "?next="), location
        else:
            # A signed-in person is never bounced to the sign-in page.
            assert not location.startswith(login) or row.name == "accounts:logout", location
    if row.api and expected in (401, 404) and row.name != "api:api-root":
        body = response.json()
        assert body["code"] == {401: "unauthorized", 404: "not_found"}[expected]
        assert set(body) == {"code", "message", "fields"}


def _route_names(patterns: list, prefix: str = "", namespace: str = "") -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found |= _route_names(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or "<unnamed>"
            found.add((route, f"{namespace}:{name}" if namespace else name))
    return found


def test_every_route_is_in_the_matrix() -> None:
    routes = _route_names(get_resolver().url_patterns)
    assert ("members/<int:pk>/", "members:detail") in routes  # the walk itself works
    in_matrix = {row.name for row in ROWS}
    missing = sorted(
        f"{route} ({name})"
        for route, name in routes
        if not route.startswith(EXCLUDED_PREFIXES) and name not in in_matrix
    )
    assert not missing, f"routes without a row in the permission matrix: {missing}"


def test_every_api_method_is_in_the_matrix() -> None:
    """Each API operation (path and method) has a row, not just each path."""
    from tcxd.api import api

    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), op["operationId"])
        for path_item in schema["paths"].values()
        for method, op in path_item.items()
    }
    assert operations, "the OpenAPI document lists no operation"
    covered = {(row.method, row.name.removeprefix("api:")) for row in ROWS if row.api}
    uncovered = {
        f"{method} {op_id}"
        for method, op_id in operations
        if not any(op_id.endswith(name) and m == method for m, name in covered)
    }
    assert not uncovered, f"API operations without a row: {sorted(uncovered)}"
