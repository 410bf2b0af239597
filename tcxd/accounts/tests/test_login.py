"""Signing in and out, and the lockout after repeated failures (django-axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

PASSWORD = "test-password-123"  # tcxd/testing/factories.py UserFactory


@pytest.fixture
def login_url() -> str:
    return reverse("accounts:login")


def sign_in(client, username: str, password: str, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_sign_in_page_renders(client, login_url) -> None:
    response = client.get(login_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="username"' in content
    assert 'name="password"' in content
    assert 'name="csrfmiddlewaretoken"' in content


def test_sign_in_page_carries_the_platform_name_not_the_host(client, login_url) -> None:
    content = client.get(login_url).content.decode()
    assert f"· {settings.TCXD_SITE_NAME}</title>" in content
    assert f"<strong>{settings.TCXD_SITE_NAME}</strong>" in content
    assert "testserver" not in content


def test_successful_sign_in_redirects_home(client, personas) -> None:
    response = sign_in(client, "ward", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.context["user"] == personas.ward_officer


def test_sign_in_follows_next_within_the_site(client, personas) -> None:
    response = client.post(
        reverse("accounts:login") + "?next=/members/",
        {"username": "ward", "password": PASSWORD, "next": "/members/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/members/"


def test_sign_in_does_not_follow_next_to_another_site(client, personas) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": "ward", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_shows_the_form_again(client, personas) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = sign_in(client, "ward", "not-the-password")
    assert response.status_code == 200
    assert "Wrong user name or password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_failure_short_of_the_limit_the_right_password_still_works(client, personas) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit >= 2
    for _ in range(limit - 1):
        assert sign_in(client, "ward", "not-the-password").status_code == 200
    response = sign_in(client, "ward", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_at_the_limit_the_account_is_locked_even_with_the_right_password(client, personas) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [sign_in(client, "ward", "not-the-password").status_code for _ in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    response = sign_in(client, "ward", PASSWORD)
    assert response.status_code == 429
    assert "Account locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_on_the_account_not_on_everyone(client, personas) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ward", "not-the-password")
    assert sign_in(client, "ward", PASSWORD).status_code == 429
    # Another account from the same address signs in normally.
    response = sign_in(client, "secretary", PASSWORD)
    assert response.status_code == 302


def test_the_lock_holds_from_another_address(client, personas) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ward", "not-the-password", REMOTE_ADDR="10.0.0.1")
    response = sign_in(client, "ward", PASSWORD, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429


def test_logout_needs_post(client, personas) -> None:
    client.force_login(personas.ward_officer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("members:list")).status_code == 200  # still signed in
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    after = client.get(reverse("members:list"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("accounts:login"))
