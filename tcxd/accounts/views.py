from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        # LoginView puts the host name ("localhost:8000") in ``site_name``, which would
        # replace the platform's name in the page title, the top bar and the footer.
        context["site_name"] = settings.TCXD_SITE_NAME
        return context


def locked(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:  # type: ignore[type-arg,no-untyped-def]
    return render(request, "accounts/locked.html", status=429)
