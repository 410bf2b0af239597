from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True


def locked(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:  # type: ignore[type-arg,no-untyped-def]
    return render(request, "accounts/locked.html", status=429)
