"""Template filters of the dashboard: values by unit, in Vietnamese number format."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from tcxd.indicators.charts import number
from tcxd.indicators.registry import Unit

register = template.Library()


@register.filter
def indicator_value(value: Any, indicator: Any) -> str:
    """1.234 · 3,25 % · 0,5000 (a count, a percentage, a ratio)."""
    if value is None:
        return "—"
    unit = getattr(indicator, "unit", indicator)
    if unit == Unit.PERCENT:
        return f"{number(value, 2)} %"
    if unit == Unit.RATIO:
        return number(value, 4)
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return number(value, 2)
    return number(value)


@register.filter
def signed(value: Any, indicator: Any) -> str:
    """The change since last year with its sign: +12, −3, ±0."""
    if value is None:
        return "—"
    if value == 0:
        return "±0"
    text = indicator_value(abs(value), indicator)
    return ("+" if value > 0 else "−") + text


@register.filter
def percent(value: Any) -> str:
    """A ratio as a percentage: 0.5 → 50,0 %."""
    if value is None:
        return "—"
    return f"{number(Decimal(value) * 100, 1)} %"


@register.filter
def progress_max(value: Any) -> str:
    """For <progress>: the ratio capped at 1, with a dot (HTML wants a float)."""
    if value is None:
        return "0"
    return f"{min(float(value), 1.0):.4f}"
