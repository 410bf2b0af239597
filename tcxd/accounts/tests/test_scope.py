"""``accounts.scope``: what each persona may see and do on the standard fixture tree.

A role held at an organization covers its whole subtree and nothing else; the superuser
sees everything; an anonymous or inactive user sees nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tcxd.accounts.choices import Action, Role
from tcxd.accounts.models import RoleAssignment
from tcxd.accounts.scope import can, forget_scope, get_for, scope
from tcxd.members.models import Member
from tcxd.members.services import member_record_event
from tcxd.organizations.models import Organization
from tcxd.testing.factories import make_member, make_user

ALL = {"T", "T-AH", "T-AH-1", "T-AH-2", "T-AH-9", "T-BD", "T-BD-1", "T-UB", "T-UB-YT", "T-UB-YT-1"}
WARD = {"T-AH", "T-AH-1", "T-AH-2", "T-AH-9"}
CELL1 = {"T-AH-1"}
COMMUNE = {"T-BD", "T-BD-1"}
NONE: set[str] = set()

READ = {Action.VIEW, Action.EXPORT, Action.AUDIT}
ACTIONS = list(Action)
# The news site is the board's: only its leaders and specialists write (and leaders approve).
NEWS = {Action.PUBLISH, Action.APPROVE}

# persona → {action: organization codes in scope}, from ROLE_ACTIONS and where each
# persona's role is held (tcxd/testing/fixtures.py).
EXPECTED: dict[str, dict[str, set[str]]] = {
    "admin": {a: ALL for a in ACTIONS},
    # The board leader also checks the submissions of a review (and signs its report).
    "board_leader": {a: ALL if a in READ | {Action.REVIEW} | NEWS else NONE for a in ACTIONS},
    "board_specialist": {a: ALL if a != Action.APPROVE else NONE for a in ACTIONS},
    "deputy_secretary": {a: ALL if a in READ else NONE for a in ACTIONS},
    "ward_officer": {a: WARD if a not in NEWS else NONE for a in ACTIONS},
    "cell_secretary": {
        a: CELL1 if a in (Action.VIEW, Action.CHANGE, Action.EXPORT) else NONE for a in ACTIONS
    },
    "outsider": {a: COMMUNE if a not in NEWS else NONE for a in ACTIONS},
    "anonymous": {a: NONE for a in ACTIONS},
    "inactive": {a: NONE for a in ACTIONS},
}


@pytest.fixture
def users(tree, personas):
    inactive = make_user(
        "former", role=Role.BOARD_SPECIALIST, organization=tree.root, is_active=False
    )
    return {**personas.all(), "anonymous": AnonymousUser(), "inactive": inactive}


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_scope_of_every_persona(tree, users, persona) -> None:
    user = users[persona]
    for action in ACTIONS:
        expected = EXPECTED[persona][action]
        assert codes(scope(Organization.objects.all(), user, action)) == expected, action
        for org in Organization.objects.all():
            assert can(user, action, org.path) == (org.code in expected), (action, org.code)


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_get_for_answers_404_outside_scope(tree, users, persona) -> None:
    user = users[persona]
    visible = EXPECTED[persona][Action.VIEW]
    for org in Organization.objects.all():
        if org.code in visible:
            assert get_for(user, Organization, org.pk, Action.VIEW) == org
        else:
            with pytest.raises(Http404):
                get_for(user, Organization, org.pk, Action.VIEW)


def test_get_for_with_a_missing_or_malformed_key_is_404(tree, personas) -> None:
    with pytest.raises(Http404):
        get_for(personas.admin, Organization, 999_999, Action.VIEW)
    with pytest.raises(Http404):
        get_for(personas.admin, Organization, "abc", Action.VIEW)
    with pytest.raises(Http404):
        get_for(personas.ward_officer, Organization.objects.all(), "1; DROP", Action.VIEW)


def test_a_role_at_the_ward_covers_its_cells_not_the_commune(tree, personas) -> None:
    officer = personas.ward_officer
    assert can(officer, Action.CHANGE, tree.cell2.path)
    assert can(officer, Action.CHANGE, tree.ward.path)
    assert not can(officer, Action.CHANGE, tree.root.path)  # the level above
    assert not can(officer, Action.CHANGE, tree.commune_cell.path)
    assert not can(officer, Action.CHANGE, None)
    assert not can(officer, Action.CHANGE, "")
    assert can(personas.admin, Action.CHANGE, None)


def test_members_are_scoped_by_home_and_host_cell(tree, personas) -> None:
    """A member of the commune on a temporary transfer into a ward cell is seen by the ward
    officer (host) and by the commune's officer (home), and by neither cell secretary of
    the other cells."""
    home = make_member(personas.admin, tree.commune_cell, admitted_on=dt.date(2015, 1, 1))
    ward_member = make_member(personas.admin, tree.cell2, admitted_on=dt.date(2015, 1, 1))
    member_record_event(
        actor=personas.admin,
        member=home,
        kind="temporary_transfer",
        occurred_on=dt.date(2024, 1, 1),
        expected_version=home.version,
        organization=tree.cell1,
    )
    members = Member.objects.all()
    assert set(scope(members, personas.ward_officer, Action.VIEW)) == {home, ward_member}
    assert set(scope(members, personas.outsider, Action.VIEW)) == {home}
    assert set(scope(members, personas.cell_secretary, Action.VIEW)) == {home}
    assert set(scope(members, AnonymousUser(), Action.VIEW)) == set()
    assert get_for(personas.cell_secretary, Member, home.pk, Action.VIEW) == home
    with pytest.raises(Http404):
        get_for(personas.cell_secretary, Member, ward_member.pk, Action.VIEW)
    with pytest.raises(Http404):
        get_for(personas.outsider, Member, ward_member.pk, Action.CHANGE)


def test_roles_at_several_organizations_add_up(tree) -> None:
    user = make_user("two-cells", role=Role.CELL_SECRETARY, organization=tree.cell2)
    RoleAssignment.objects.create(
        user=user, organization=tree.commune_cell, role=Role.CELL_SECRETARY
    )
    assert codes(scope(Organization.objects.all(), user, Action.VIEW)) == {"T-AH-2", "T-BD-1"}


def test_scope_is_cached_until_forgotten(tree) -> None:
    user = make_user("moving", role=Role.CELL_SECRETARY, organization=tree.cell2)
    assert codes(scope(Organization.objects.all(), user, Action.VIEW)) == {"T-AH-2"}
    RoleAssignment.objects.create(user=user, organization=tree.ward, role=Role.CELL_SECRETARY)
    assert codes(scope(Organization.objects.all(), user, Action.VIEW)) == {"T-AH-2"}
    forget_scope(user)
    assert codes(scope(Organization.objects.all(), user, Action.VIEW)) == WARD


def test_a_model_without_scope_paths_cannot_be_scoped(tree, personas) -> None:
    with pytest.raises(TypeError):
        scope(RoleAssignment.objects.all(), personas.ward_officer, Action.VIEW)


def test_argon2_is_the_first_password_hasher() -> None:
    """QUALITY.md, Security: passwords are hashed with Argon2. The test suite swaps in a
    fast hasher (autouse fixture), so the settings module itself is read."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    import tcxd.settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("mật-khẩu-thử", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("mật-khẩu-thử", encoded)
    assert not hasher.verify("mat-khau-thu", encoded)
