"""Figures of a review, read from the indicator registry (never typed), and how they are
kept in JSON (frozen submissions and reports) and printed the Vietnamese way."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import numberformat

from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, all_indicators, batch

Value = int | Decimal | None
JsonValue = int | str | None


def to_json(value: Value) -> JsonValue:
    """Integers stay integers; decimals become text so that nothing is rounded by JSON."""
    if value is None or isinstance(value, int):
        return value
    return str(value)


def from_json(value: JsonValue) -> Value:
    if value is None or isinstance(value, int):
        return value
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def figures_of(organization: Any, period: Period) -> dict[str, JsonValue]:
    """Every registered indicator for the subtree of ``organization`` (indicators that share
    a query share it: one ``batch``)."""
    with batch():
        return {ind.code: to_json(ind.compute(organization, period)) for ind in all_indicators()}


def figures_by_child(organization: Any, period: Period) -> dict[int, dict[str, JsonValue]]:
    """{child id: {code: value}} for every organization directly below, one ``by_child``
    call per indicator."""
    result: dict[int, dict[str, JsonValue]] = {}
    with batch():
        for ind in all_indicators():
            for child_id, value in ind.by_child(organization, period).items():
                result.setdefault(child_id, {})[ind.code] = to_json(value)
    return result


def format_value(value: JsonValue | Value, unit: str) -> str:
    """58.280 · 3,25% · 1,50 · "–" when not computable (Vietnamese separators)."""
    number = from_json(value) if not isinstance(value, Decimal) else value
    if number is None:
        return "–"
    places = 0 if isinstance(number, int) else 2
    if unit in ("percent", "ratio") and not isinstance(number, int):
        number = number.quantize(Decimal("0.01"))
    text = numberformat.format(
        number,
        decimal_sep=",",
        decimal_pos=places,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )
    return f"{text}%" if unit == "percent" else text


def indicator_rows(indicators: list[Indicator] | None = None) -> list[dict[str, Any]]:
    """The registry as plain data (labels in the active language), to freeze in a report."""
    return [
        {
            "code": ind.code,
            "label": str(ind.label),
            "unit": str(ind.unit),
            "group": str(ind.group),
            "app": ind.app,
        }
        for ind in (indicators if indicators is not None else all_indicators())
    ]
