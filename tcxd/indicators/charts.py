"""Small server-rendered SVG charts (no script, no inline style: presentation attributes
only, which the Content-Security-Policy allows). Pure: numbers in, markup out."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

RED, GOLD, GREY, INK, MUTED, LINE = "#a4161a", "#d99a00", "#9aa1ab", "#1d1d1f", "#555b63", "#d9dce1"


def number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """Vietnamese number format: 1.234,5."""
    if value is None:
        return "—"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


@dataclasses.dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | int | Decimal | None]
    color: str = RED


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(  # every text below goes through escape()
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def line_chart(
    title: str, labels: Sequence[str], series: Series, *, width: int = 560, height: int = 220
) -> SafeString:
    """A line with a dot and its value at each point (members at each month's end)."""
    left, right, top, bottom = 48, 24, 16, 28
    values = [float(v) for v in series.values if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    span = high - low
    low, high = (low - span * 0.15, high + span * 0.15) if span else (low - 1, high + 1)
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)

    def y(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{LINE}"/>'
    ]
    for fraction in (0, 0.5, 1):
        tick = low + (high - low) * fraction
        body.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(number(tick))}</text>"
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
            f'stroke="{LINE}" stroke-dasharray="2 3"/>'
        )
    points = []
    for index, (label, value) in enumerate(zip(labels, series.values, strict=True)):
        x = left + index * step
        body.append(
            f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="{MUTED}">'
            f"{escape(label)}</text>"
        )
        if value is not None:
            points.append((x, y(float(value)), value))
    if points:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _v in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{series.color}" stroke-width="2"/>'
        )
        for x, yy, v in points:
            body.append(
                f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3" fill="{series.color}">'
                f"<title>{escape(number(v))}</title></circle>"
            )
        x, yy, v = points[-1]
        body.append(
            f'<text x="{x:.1f}" y="{yy - 8:.1f}" text-anchor="end" fill="{INK}" '
            f'font-weight="bold">{escape(number(v))}</text>'
        )
    return _svg(width, height, title, body)


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 560,
    height: int = 220,
) -> SafeString:
    """Grouped vertical bars (changes by month: admissions beside exits)."""
    left, right, top, bottom = 36, 12, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for s in series for v in s.values if v is not None]
    high = _nice_max(max(values, default=0))
    slot = plot_w / max(len(labels), 1)
    bar = slot * 0.7 / max(len(series), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{LINE}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" fill="{MUTED}">'
        f"{escape(number(high))}</text>",
    ]
    for index, label in enumerate(labels):
        x0 = left + index * slot + slot * 0.15
        body.append(
            f'<text x="{left + index * slot + slot / 2:.1f}" y="{height - 8}" '
            f'text-anchor="middle" fill="{MUTED}">{escape(label)}</text>'
        )
        for s_index, s in enumerate(series):
            value = s.values[index]
            if not value:
                continue
            h = float(value) / high * plot_h
            x = x0 + s_index * bar
            body.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}" fill="{s.color}"><title>{escape(s.label)}: '
                f"{escape(number(value))}</title></rect>"
            )
    legend_x = left
    for s in series:
        body.append(
            f'<rect x="{legend_x}" y="4" width="10" height="10" fill="{s.color}"/>'
            f'<text x="{legend_x + 14}" y="13" fill="{INK}">{escape(s.label)}</text>'
        )
        legend_x += 14 + 7 * len(s.label) + 16
    return _svg(width, height, title, body)


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: float | int | Decimal | None
    href: str = ""


def ranking_chart(
    title: str,
    bars: Sequence[Bar],
    *,
    decimals: int = 0,
    suffix: str = "",
    reference: tuple[float, str] | None = None,
    width: int = 840,
) -> SafeString:
    """Horizontal bars, one per organization, largest first; each label links to the
    organization's dashboard. ``reference`` draws a vertical line (e.g. a target rate)."""
    row, label_w, value_w, top = 20, 330, 70, 8
    ordered = sorted(bars, key=lambda b: (b.value is None, -(float(b.value or 0))))
    height = top * 2 + row * max(len(ordered), 1)
    high = _nice_max(
        max([float(b.value or 0) for b in ordered] + [reference[0] if reference else 0])
    )
    plot_w = width - label_w - value_w
    body = []
    for index, b in enumerate(ordered):
        y = top + index * row
        text = escape(b.label if len(b.label) <= 42 else b.label[:41] + "…")
        label = (
            f'<a href="{escape(b.href)}"><text x="{label_w - 8}" y="{y + 14}" '
            f'text-anchor="end" fill="{INK}">{text}</text></a>'
            if b.href
            else f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end" fill="{INK}">'
            f"{text}</text>"
        )
        body.append(label)
        w = float(b.value or 0) / high * plot_w
        if b.value is not None:
            body.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 6}" '
                f'fill="{RED}"><title>{escape(b.label)}: {escape(number(b.value, decimals))}'
                f"{escape(suffix)}</title></rect>"
            )
        body.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + 14}" fill="{MUTED}">'
            f"{escape(number(b.value, decimals))}{escape(suffix) if b.value is not None else ''}"
            f"</text>"
        )
    if reference:
        x = label_w + reference[0] / high * plot_w
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - top + 4}" '
            f'stroke="{GOLD}" stroke-width="2" stroke-dasharray="4 3">'
            f"<title>{escape(reference[1])}</title></line>"
        )
    return _svg(width, height, title, body)
