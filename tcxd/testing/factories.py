"""Factories: valid objects by default, built through the services where rules apply."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory

from tcxd.accounts.models import RoleAssignment, User
from tcxd.members.models import Member
from tcxd.members.services import member_admit, member_record_event
from tcxd.organizations.models import Organization, OrganizationKind

_ids = itertools.count(1)


def next_citizen_id() -> str:
    return f"0460{next(_ids):08d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")


def make_user(
    username: str,
    *,
    role: str | None = None,
    organization: Organization | None = None,
    **extra: Any,
) -> User:
    user: User = UserFactory(username=username, **extra)  # type: ignore[assignment]
    user.save()
    if role and organization:
        RoleAssignment.objects.create(user=user, organization=organization, role=role)
    return user


def kind(code: str) -> OrganizationKind:
    return OrganizationKind.objects.get(code=code)


def make_org(
    parent: Organization | None, kind_code: str, code: str, name: str, **extra: Any
) -> Organization:
    fields = {"kind": kind(kind_code), "code": code, "name": name, **extra}
    from tcxd.core.text import fold

    fields["name_fold"] = fold(name)
    return (
        Organization.objects.add_child(parent, fields)
        if parent
        else Organization.objects.add_root(fields)
    )


def person_data(full_name: str = "Nguyễn Văn An", **extra: Any) -> dict[str, Any]:
    data = {
        "full_name": full_name,
        "birth_on": dt.date(1980, 5, 17),
        "gender": "male",
        "ethnicity": "Kinh",
        "citizen_id": next_citizen_id(),
    }
    data.update(extra)
    return data


def make_member(
    actor: User,
    organization: Organization,
    *,
    full_name: str = "Nguyễn Văn An",
    admitted_on: dt.date = dt.date(2010, 3, 26),
    official_on: dt.date | None = None,
    **person: Any,
) -> Member:
    """A member admitted on ``admitted_on`` (and recognised on ``official_on`` if given)."""
    member = member_admit(
        actor=actor,
        person_data=person_data(full_name, **person),
        organization=organization,
        admitted_on=admitted_on,
    )
    if official_on:
        member_record_event(
            actor=actor,
            member=member,
            kind="recognised_official",
            occurred_on=official_on,
            expected_version=member.version,
        )
        member.refresh_from_db()
    return member


# The import columns exactly as issue 2 names them (required first, then optional): the
# expected value for template and import tests, written from the issue, not from the code.
SPEC_IMPORT_HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Ngày vào Đảng",
    "Mã tổ chức đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Dân tộc",
    "Tôn giáo",
    "Quê quán",
    "Trình độ học vấn",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Nghề nghiệp",
]
