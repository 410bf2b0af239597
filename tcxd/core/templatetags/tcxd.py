"""Template helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def choice_label(value: str, choices: Any) -> str:
    """The label of ``value`` in a TextChoices class or a dict."""
    mapping = dict(choices.choices) if hasattr(choices, "choices") else dict(choices)
    return str(mapping.get(value, value or ""))


@register.inclusion_tag("includes/status.html")
def status_badge(status: str) -> dict[str, Any]:
    from tcxd.members.choices import MemberStatus

    return {"status": status, "label": MemberStatus(status).label if status else ""}


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
