"""The JSON API: one NinjaAPI, a router per app, session or token auth, one error shape."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import APIKeyHeader, SessionAuth

from tcxd.accounts.models import ApiToken
from tcxd.core.errors import DomainError


class TokenAuth(APIKeyHeader):
    """``Authorization: Token <key>`` — only the SHA-256 of the key is stored."""

    param_name = "Authorization"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not key or not key.startswith("Token "):
            return None
        digest = ApiToken.digest_of(key.removeprefix("Token ").strip())
        token = ApiToken.objects.select_related("user").filter(digest=digest).first()
        if token is None or not token.user.is_active:
            return None
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        request.user = token.user
        return token.user


api = NinjaAPI(
    title="TCXD API",
    version="1",
    description="Organizations and members, within the caller's scope.",
    auth=[SessionAuth(), TokenAuth()],
    urls_namespace="api",
)


def _error(
    request: HttpRequest, code: str, message: str, status: int, fields: dict | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": message, "fields": fields or {}}, status=status
    )


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.code, exc.message, 400, exc.fields)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, "not_found", "Not found.", 404)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "unauthorized", "Sign in or send a valid token.", 401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        name = ".".join(str(p) for p in error.get("loc", [])[1:]) or "request"
        fields.setdefault(name, []).append(str(error.get("msg", "")))
    return _error(request, "invalid", "The request is not valid.", 422, fields)


from tcxd.members.api import router as members_router  # noqa: E402
from tcxd.organizations.api import router as organizations_router  # noqa: E402

api.add_router("/organizations", organizations_router)
api.add_router("/members", members_router)
