"""The JSON API: its OpenAPI document, token auth, the error shape, pagination, scope,
the import and the audit of reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tcxd.accounts.models import ApiToken
from tcxd.audit.models import AuditEntry
from tcxd.members.models import Member, Person
from tcxd.testing.factories import make_member

RAW_KEY = "tcxd-test-7f3a9c1e5b2d4f60"


@pytest.fixture
def token(personas) -> ApiToken:  # type: ignore[no-untyped-def]
    return ApiToken.objects.create(
        user=personas.ward_officer, name="script", digest=ApiToken.digest_of(RAW_KEY)
    )


@pytest.fixture
def member(tree, personas) -> Member:  # type: ignore[no-untyped-def]
    return make_member(personas.ward_officer, tree.cell1, full_name="Hoàng Văn Minh")


def auth(key: str = RAW_KEY) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def assert_error_shape(body: dict, code: str) -> None:
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["fields"], dict)


def test_openapi_document_lists_the_routes(client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        "/api/organizations": {"get"},
        "/api/organizations/{org_id}": {"get"},
        "/api/members": {"get"},
        "/api/members/organizations/{org_id}": {"get"},
        "/api/members/{member_id}": {"get"},
        "/api/members/{member_id}/events": {"get"},
        "/api/members/import": {"post"},
    }
    assert {path: set(item) for path, item in paths.items()} == expected


def test_docs_page_loads(client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_token_auth(client, token, member) -> None:
    assert token.last_used_at is None
    response = client.get("/api/members", **auth())
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["full_name"] == "Hoàng Văn Minh"
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_AUTHORIZATION": "Token wrong-key"},
        {"HTTP_AUTHORIZATION": f"Bearer {RAW_KEY}"},  # the scheme is "Token"
        {"HTTP_AUTHORIZATION": ApiToken.digest_of(RAW_KEY)},  # the stored digest is no key
        {},
    ],
    ids=["wrong-key", "wrong-scheme", "digest", "none"],
)
def test_bad_token_is_401_with_the_error_shape(client, token, member, header) -> None:
    response = client.get("/api/members", **header)
    assert response.status_code == 401
    assert_error_shape(response.json(), "unauthorized")


def test_token_of_a_disabled_user_is_refused(client, token, personas) -> None:
    personas.ward_officer.is_active = False
    personas.ward_officer.save()
    response = client.get("/api/members", **auth())
    assert response.status_code == 401
    assert_error_shape(response.json(), "unauthorized")


def test_member_list_pages_by_next_cursor(client, token, tree, personas) -> None:
    ids = {
        make_member(personas.ward_officer, tree.cell1, full_name=f"Võ Thị Lan {i:02d}").pk
        for i in range(57)
    }
    first = client.get("/api/members", **auth()).json()
    assert first["count"] == 57
    assert len(first["results"]) == 50
    assert first["prev_cursor"] is None
    assert first["next_cursor"]
    second = client.get("/api/members", {"cursor": first["next_cursor"]}, **auth()).json()
    assert len(second["results"]) == 7
    assert second["next_cursor"] is None
    names = [r["full_name"] for r in first["results"] + second["results"]]
    assert names == [f"Võ Thị Lan {i:02d}" for i in range(57)]
    assert {r["id"] for r in first["results"] + second["results"]} == ids


def test_member_list_search_without_diacritics(client, token, tree, personas, member) -> None:
    make_member(personas.ward_officer, tree.cell1, full_name="Đặng Văn Đức")
    body = client.get("/api/members", {"q": "dang van duc"}, **auth()).json()
    assert [r["full_name"] for r in body["results"]] == ["Đặng Văn Đức"]


def test_out_of_scope_member_is_404_not_found(client, personas, member) -> None:
    client.force_login(personas.outsider)
    for url in (f"/api/members/{member.pk}", f"/api/members/{member.pk}/events"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert_error_shape(response.json(), "not_found")
    assert not AuditEntry.objects.filter(action="members.view").exists()


def test_missing_member_is_404_like_an_out_of_scope_one(client, token) -> None:
    response = client.get("/api/members/999999", **auth())
    assert response.status_code == 404
    assert_error_shape(response.json(), "not_found")


def _csv(*rows: str) -> SimpleUploadedFile:
    header = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày vào Đảng,Mã tổ chức đảng\r\n"
    text = header + "".join(r + "\r\n" for r in rows)
    return SimpleUploadedFile("ds.csv", text.encode("utf-8"), content_type="text/csv")


def test_import_with_a_bad_file_is_400_with_problems(client, token, member) -> None:
    people = Person.objects.count()
    upload = _csv(
        "Lê Văn Cường,12/04/1979,Nam,046079000123,19/05/2008,T-AH-1",
        "Phạm Thị Dung,02/02/1980,Nữ,04618000012,19/05/2009,T-AH-2",  # 11 digits
        "Bùi Văn Em,03/03/1981,Nam,046081000125,19/05/2009,KHONG-CO",
    )
    response = client.post("/api/members/import", {"file": upload}, **auth())
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert body["created"] == 0
    assert [(p["row"], p["column"]) for p in body["problems"]] == [
        (3, "Số CCCD"),
        (4, "Mã tổ chức đảng"),
    ]
    assert all(p["message"] for p in body["problems"])
    assert Person.objects.count() == people


def test_import_with_a_good_file_creates_the_members(client, token, tree) -> None:
    upload = _csv("Lê Văn Cường,12/04/1979,Nam,046079000123,19/05/2008,T-AH-1")
    response = client.post("/api/members/import", {"file": upload}, **auth())
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["ok"], body["dry_run"], body["rows"], body["created"]) == (True, False, 1, 1)
    member = Member.objects.get(person__citizen_id="046079000123")
    assert member.organization == tree.cell1
    assert member.admitted_on == dt.date(2008, 5, 19)


def test_import_dry_run_keeps_nothing(client, token) -> None:
    upload = _csv("Lê Văn Cường,12/04/1979,Nam,046079000123,19/05/2008,T-AH-1")
    response = client.post("/api/members/import", {"file": upload, "dry_run": "true"}, **auth())
    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert not Person.objects.filter(citizen_id="046079000123").exists()


def test_member_detail_writes_an_audit_entry(client, token, personas, member) -> None:
    response = client.get(f"/api/members/{member.pk}", **auth())
    assert response.status_code == 200
    assert response.json()["full_name"] == "Hoàng Văn Minh"
    entry = AuditEntry.objects.get(action="members.view")
    assert entry.actor == personas.ward_officer
    assert entry.target_id == str(member.pk)
    assert entry.changes == {"via": "api"}
