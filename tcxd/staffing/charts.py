"""The roadmap chart: the cumulative target as a line against the reduction achieved as
bars, one point per year (pure, reusing the indicators' SVG pieces)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString

from tcxd.indicators.charts import GOLD, INK, LINE, MUTED, RED, _nice_max, _svg, number


def roadmap_chart(
    title: str,
    labels: Sequence[str],
    target: Sequence[int],
    achieved: Sequence[int | None],
    *,
    target_label: str,
    achieved_label: str,
    width: int = 560,
    height: int = 240,
) -> SafeString:
    left, right, top, bottom = 40, 16, 30, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for v in [*target, *achieved] if v is not None]
    high = _nice_max(max(values, default=0))
    slot = plot_w / max(len(labels), 1)

    def y(v: float) -> float:
        return top + plot_h - max(v, 0) / high * plot_h

    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{LINE}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" fill="{MUTED}">'
        f"{escape(number(high))}</text>",
    ]
    points = []
    for index, label in enumerate(labels):
        cx = left + index * slot + slot / 2
        body.append(
            f'<text x="{cx:.1f}" y="{height - 8}" text-anchor="middle" fill="{MUTED}">'
            f"{escape(label)}</text>"
        )
        value = achieved[index]
        if value is not None:
            h = max(float(value), 0) / high * plot_h
            body.append(
                f'<rect x="{cx - slot * 0.25:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{slot * 0.5:.1f}" height="{h:.1f}" fill="{RED}">'
                f"<title>{escape(achieved_label)} {escape(label)}: {escape(number(value))}</title>"
                f"</rect>"
                f'<text x="{cx:.1f}" y="{top + plot_h - h - 4:.1f}" text-anchor="middle" '
                f'fill="{INK}">{escape(number(value))}</text>'
            )
        points.append((cx, y(float(target[index])), target[index]))
    path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _v in points)
    body.append(
        f'<polyline points="{path}" fill="none" stroke="{GOLD}" stroke-width="2.5" '
        f'stroke-dasharray="6 3"/>'
    )
    for x, yy, v in points:
        body.append(
            f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="{GOLD}">'
            f"<title>{escape(target_label)}: {escape(number(v))}</title></circle>"
        )
    body.append(
        f'<line x1="{left}" y1="12" x2="{left + 18}" y2="12" stroke="{GOLD}" stroke-width="2.5" '
        f'stroke-dasharray="6 3"/><text x="{left + 24}" y="16" fill="{INK}">'
        f"{escape(target_label)}</text>"
    )
    x2 = left + 40 + 7 * len(target_label)
    body.append(
        f'<rect x="{x2}" y="6" width="10" height="10" fill="{RED}"/>'
        f'<text x="{x2 + 14}" y="16" fill="{INK}">{escape(achieved_label)}</text>'
    )
    return _svg(width, height, title, body)
