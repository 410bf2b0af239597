"""Wiring of the member pages: language, htmx partials, query counts, audit entries,
spreadsheets, the transfer form, stale saves, escaping, bad dates and bad imports."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tcxd.audit.models import AuditEntry
from tcxd.members.models import Member, MembershipEvent, Person
from tcxd.members.services import member_record_event
from tcxd.testing.factories import SPEC_IMPORT_HEADERS, make_member

STALE_EN = "Someone else saved this member's record after you opened it."


def vi_catalogue_has(msgid: str) -> str | None:
    """The Vietnamese text of ``msgid`` if the compiled catalogue has it, else None."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text if text != msgid else None


def english(client) -> None:  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def officer_client(client, personas):  # type: ignore[no-untyped-def]
    client.force_login(personas.ward_officer)
    return client


@pytest.fixture
def member(tree, personas):  # type: ignore[no-untyped-def]
    return make_member(
        personas.ward_officer,
        tree.cell1,
        full_name="Đặng Thị Ánh",
        admitted_on=dt.date(2015, 2, 3),
        official_on=dt.date(2016, 2, 3),
        citizen_id="001185000777",
        gender="female",
    )


@pytest.fixture
def many_members(tree, personas) -> list[Member]:  # type: ignore[no-untyped-def]
    """61 members over two cells, some official: more than a page (50) of each list."""
    members = []
    for i in range(61):
        members.append(
            make_member(
                personas.ward_officer,
                tree.cell1 if i % 2 else tree.cell2,
                full_name=f"Nguyễn Văn Thành {i:02d}",
                admitted_on=dt.date(2010, 1, 1) + dt.timedelta(days=i),
                official_on=dt.date(2011, 2, 1) if i % 3 == 0 else None,
            )
        )
    return members


# --- language -------------------------------------------------------------------------


def test_member_list_is_vietnamese_even_when_the_browser_asks_for_english(
    officer_client, member
) -> None:
    response = officer_client.get(reverse("members:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    content = response.content.decode()
    assert '<html lang="vi">' in content
    # The language switch names each language in itself (Django's own name for
    # Vietnamese is decomposed, hence NFC before comparing).
    switch = unicodedata.normalize("NFC", content)
    assert re.search(r'<option value="en"[^>]*>English</option>', switch)
    assert re.search(r'<option value="vi"[^>]*selected>Tiếng Việt</option>', switch)
    if vi_catalogue_has("Party members"):  # once the catalogue is compiled
        assert "đảng viên" in content.lower()
        assert "<h1>Party members</h1>" not in content


def test_member_list_is_english_with_the_language_cookie(officer_client, member) -> None:
    english(officer_client)
    response = officer_client.get(reverse("members:list"))
    assert response["Content-Language"] == "en"
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "<h1>Party members</h1>" in content
    assert "đảng viên" not in content.lower()


# --- htmx -----------------------------------------------------------------------------


def test_htmx_request_gets_only_the_results_partial(officer_client, member) -> None:
    response = officer_client.get(
        reverse("members:list"), {"q": "dang thi anh"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode().strip()
    assert response.status_code == 200
    assert content.startswith('<div id="results">')
    assert "<html" not in content
    assert 'role="search"' not in content  # the filter form is not repeated
    assert "Đặng Thị Ánh" in content


def test_plain_request_gets_the_whole_page(officer_client, member) -> None:
    content = officer_client.get(reverse("members:list")).content.decode()
    assert "<html" in content
    assert '<div id="results">' in content


# --- query counts ---------------------------------------------------------------------
# Every member list request needs, for the ward officer:
#   1 the session, 2 the user, 3 the user's roles (scope for "view"),
#   4 COUNT of the list, 5 the page rows (one query with person and organization joined),
#   6 the user's roles again for "export" (the export button; cached per action).
LIST_BASE = 6


def _next_cursor(content: str) -> str:
    match = re.search(r'rel="next" href="\?([^"]+)"', content)
    assert match, "no Next link on the first page"
    query = html.unescape(match.group(1))
    return dict(p.split("=", 1) for p in query.split("&"))["cursor"]


def test_member_list_first_page_queries(
    officer_client, many_members, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(LIST_BASE):
        response = officer_client.get(reverse("members:list"))
    assert response.context["total"] == 61
    assert len(response.context["page"].rows) == 50


def test_member_list_search_queries(
    officer_client, many_members, django_assert_max_num_queries
) -> None:
    # + 1: the size of the ward's list without the search, which decides how to walk it.
    with django_assert_max_num_queries(LIST_BASE + 1):
        response = officer_client.get(reverse("members:list"), {"q": "nguyen thanh"})
    assert response.context["total"] == 61
    assert len(response.context["page"].rows) == 50


def test_member_list_deep_page_queries(
    officer_client, many_members, django_assert_max_num_queries
) -> None:
    cursor = _next_cursor(officer_client.get(reverse("members:list")).content.decode())
    with django_assert_max_num_queries(LIST_BASE):
        response = officer_client.get(reverse("members:list"), {"cursor": cursor})
    rows = response.context["page"].rows
    assert len(rows) == 11
    assert rows[-1]["person__full_name"] == "Nguyễn Văn Thành 60"


def test_member_list_organization_filter_queries(
    tree, officer_client, many_members, django_assert_max_num_queries
) -> None:
    # + 1: the organization named in the filter (within the scope).
    with django_assert_max_num_queries(LIST_BASE + 1):
        response = officer_client.get(reverse("members:list"), {"org": tree.cell1.pk})
    assert response.context["total"] == 30  # the odd ones, 1..59


def test_member_list_at_a_date_queries(
    officer_client, many_members, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(LIST_BASE):
        response = officer_client.get(reverse("members:list"), {"on": "05/01/2010"})
    # Admitted on 01/01/2010 + i days: members 0..4 were members on 05/01/2010.
    assert response.context["total"] == 5


def test_organization_page_queries(
    tree, officer_client, many_members, django_assert_max_num_queries
) -> None:
    # 1 session, 2 user, 3 roles, 4 the organization, 5 its children, 6 their paths,
    # 7 the counts of every child in one GROUP BY, 8 the breadcrumb, 9 the committee
    # seats, 10 the villages (the ward is a commune-level committee, which has villages).
    with django_assert_max_num_queries(10):
        response = officer_client.get(reverse("organizations:detail", args=[tree.ward.pk]))
    assert response.status_code == 200
    counts = dict((kid.code, c) for kid, c in response.context["children"])
    assert counts["T-AH-1"]["total"] == 30
    assert counts["T-AH-2"]["total"] == 31
    assert response.context["counts"]["total"] == 61


def test_audit_page_queries(officer_client, many_members, django_assert_max_num_queries) -> None:
    # 1 session, 2 user, 3 roles (scope of "audit"), 4 COUNT for the pager, 5 the page.
    with django_assert_max_num_queries(5):
        response = officer_client.get(reverse("audit:list"))
    assert len(response.context["page"].object_list) == 50


# --- audit of views and exports -------------------------------------------------------


def test_member_page_writes_one_view_entry(officer_client, personas, member) -> None:
    before = AuditEntry.objects.filter(action="members.view").count()
    response = officer_client.get(reverse("members:detail", args=[member.pk]))
    assert response.status_code == 200
    entries = AuditEntry.objects.filter(action="members.view")
    assert entries.count() == before + 1
    entry = entries.latest("id")
    assert entry.actor == personas.ward_officer
    assert entry.target_type == "members.member"
    assert entry.target_id == str(member.pk)


EXPORT_HEADERS_EN = [
    "No.",
    "Full name",
    "Date of birth",
    "Gender",
    "Citizen ID",
    "Party card number",
    "Status",
    "Admission decision date",
    "Official since",
    "Organization",
    "Organization code",
    "Ethnicity",
    "Religion",
    "Political theory level",
]


def test_export_is_a_real_workbook_and_is_audited(officer_client, tree, personas, member) -> None:
    make_member(personas.ward_officer, tree.cell2, full_name="Trần Văn Bình")
    english(officer_client)
    response = officer_client.get(reverse("members:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[3]) == EXPORT_HEADERS_EN  # title, subtitle, blank, then the header
    data = {row[1]: row for row in rows[4:]}
    assert set(data) == {"Đặng Thị Ánh", "Trần Văn Bình"}
    anh = data["Đặng Thị Ánh"]
    assert anh[4] == "001185000777"  # text, leading zeros kept
    assert anh[2] == dt.datetime(1980, 5, 17)  # a real date
    assert anh[3] == "Female"
    assert anh[6] == "Official member"
    assert anh[10] == "T-AH-1"
    id_cell = next(c for c in sheet.iter_rows(min_row=5) if c[1].value == "Đặng Thị Ánh")[4]
    assert id_cell.data_type == "s"
    entry = AuditEntry.objects.get(action="members.export")
    assert entry.actor == personas.ward_officer
    assert entry.changes["rows"] == 2


TEMPLATE_HEADERS = SPEC_IMPORT_HEADERS


def test_import_template_has_the_headers_on_row_1(officer_client) -> None:
    response = officer_client.get(reverse("members:import_template"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADERS
    example_id = sheet.cell(row=2, column=4)
    assert example_id.value == "046085000001"
    assert example_id.data_type == "s"


# --- the transfer form ----------------------------------------------------------------


def _transfer_data(member: Member, to, *, version: int | None = None, **extra) -> dict:  # type: ignore[no-untyped-def]
    data = {
        "occurred_on": "15/03/2025",
        "organization": str(to.pk),
        "decision_number": "25-QĐ/ĐU",
        "decision_on": "10/03/2025",
        "note": "",
        "version": str(member.version if version is None else version),
    }
    data.update(extra)
    return data


def test_transfer_form_moves_the_member_and_redirects(officer_client, tree, member) -> None:
    url = reverse("members:event_create", args=[member.pk, "transfer"])
    response = officer_client.post(url, _transfer_data(member, tree.cell2))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[member.pk])
    member.refresh_from_db()
    assert member.organization == tree.cell2
    event = MembershipEvent.objects.get(member=member, kind="transfer")
    assert event.occurred_on == dt.date(2025, 3, 15)
    assert event.from_organization == tree.cell1
    assert event.decision_number == "25-QĐ/ĐU"
    assert AuditEntry.objects.filter(action="members.transfer", target_id=str(member.pk)).exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_stale_form_is_refused_and_changes_nothing(
    officer_client, tree, personas, member, language
) -> None:
    if language == "en":
        english(officer_client)
    url = reverse("members:event_create", args=[member.pk, "transfer"])
    opened = officer_client.get(url).context["form"].initial["version"]
    # Meanwhile another officer records an exemption: the version moves on.
    member_record_event(
        actor=personas.board_specialist,
        member=member,
        kind="exempted",
        occurred_on=dt.date(2024, 1, 10),
        expected_version=opened,
    )
    member.refresh_from_db()
    after_other_save = member.version
    events = MembershipEvent.objects.filter(member=member).count()
    response = officer_client.post(url, _transfer_data(member, tree.cell2, version=opened))
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    if language == "en":
        assert STALE_EN in content
    else:
        assert response["Content-Language"] == "vi"
        vi_text = vi_catalogue_has(
            "Someone else saved this member's record after you opened it. Nothing was "
            "changed: reload the page to see their changes, then try again."
        )
        if vi_text:
            assert vi_text in content
            assert STALE_EN not in content
    member.refresh_from_db()
    assert member.organization == tree.cell1
    assert member.version == after_other_save
    assert MembershipEvent.objects.filter(member=member).count() == events
    assert not AuditEntry.objects.filter(action="members.transfer").exists()


def test_impossible_date_in_the_event_form_is_a_form_error(officer_client, tree, member) -> None:
    english(officer_client)
    url = reverse("members:event_create", args=[member.pk, "transfer"])
    response = officer_client.post(
        url, _transfer_data(member, tree.cell2, occurred_on="31/02/2024")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["occurred_on"]] == ["invalid"]
    assert "Enter a date as dd/mm/yyyy, e.g. 15/01/2024." in response.content.decode()
    member.refresh_from_db()
    assert member.organization == tree.cell1


# --- script in a name -----------------------------------------------------------------


def test_script_in_a_name_is_shown_as_text(officer_client, tree, personas) -> None:
    evil = make_member(
        personas.ward_officer, tree.cell1, full_name="<script>alert(1)</script> Nguyễn Văn An"
    )
    for url in (reverse("members:list"), reverse("members:detail", args=[evil.pk])):
        content = officer_client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Nguyễn Văn An" in content, url
        assert "<script>alert" not in content, url


# --- import page ----------------------------------------------------------------------


def test_import_page_with_a_bad_file_lists_the_problems_and_writes_nothing(
    officer_client, member
) -> None:
    csv = (
        "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày vào Đảng,Mã tổ chức đảng\r\n"
        "Lê Văn Cường,12/04/1979,Nam,046079000123,19/05/2008,T-AH-1\r\n"
        "Phạm Thị Dung,31/02/1980,Nữ,046180000124,19/05/2009,T-AH-2\r\n"
    ).encode()
    people, audit = Person.objects.count(), AuditEntry.objects.count()
    upload = io.BytesIO(csv)
    upload.name = "danh-sach.csv"
    response = officer_client.post(reverse("members:import"), {"file": upload})
    assert response.status_code == 400
    report = response.context["report"]
    assert [(p.row, p.column) for p in report.problems] == [(3, "Ngày sinh")]
    content = response.content.decode()
    assert 'id="import-report"' in content
    assert re.search(r'<td class="num">3</td><td>Ngày sinh</td>', content)
    assert Person.objects.count() == people
    assert not Person.objects.filter(full_name="Lê Văn Cường").exists()
    assert AuditEntry.objects.count() == audit
