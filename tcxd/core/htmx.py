"""One view per screen: the whole page, or a named partial of the same template for HTMX."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render ``template``, or only ``template#partial`` when htmx asks for it."""
    if partial and getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)
