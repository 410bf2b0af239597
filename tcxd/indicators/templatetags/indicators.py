"""Template filters of the dashboard: values by unit, in Vietnamese number format."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


# --- the dashboard's long tables, built in Python ----------------------------------------
# A dashboard shows ~90 indicator rows and a row per organization below: through template
# tags and filters that is ~2,000 nodes and ~40 ms per page; the same markup built here
# takes a few milliseconds. Every text is escaped (``esc``); the translated labels of an
# indicator are escaped once per language (``_texts``): the catalogue does not change while
# the server runs.

_TEXTS: dict[tuple[str, str], tuple[str, str, str]] = {}


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _texts(indicator: Any) -> tuple[str, str, str]:
    """(label, help, group) of an indicator in the active language, escaped."""
    key = (get_language() or "", indicator.code)
    found = _TEXTS.get(key)
    if found is None:
        found = _TEXTS[key] = (
            esc(indicator.label),
            esc(indicator.help) if indicator.help else "",
            esc(indicator.group),
        )
    return found


def _badge(on_track: bool | None) -> str:
    if on_track is False:
        return f'<span class="badge badge-behind">{esc(_("behind"))}</span>'
    if on_track:
        return f'<span class="badge badge-official">{esc(_("on track"))}</span>'
    return ""


@register.simple_tag
def indicator_rows(rows: list[Any], upto_end: Any) -> str:
    """The <tr> of each indicator: label (with how it is counted), value, last year, change,
    target and progress."""
    help_label = esc(_("How it is counted"))
    progress_label = esc(_("Progress"))
    out = []
    for row in rows:
        ind = row.indicator
        label, help_text, _group = _texts(ind)
        if help_text:
            help_text = (
                f'<details class="help"><summary>{help_label}</summary>{help_text}</details>'
            )
        css = {True: " good", False: " bad"}.get(row.better, "")
        p = row.progress
        if p:
            period = esc(p.target_period.label) if p.target_period else ""
            target = (
                f"{esc(indicator_value(p.target, ind))}"
                f'<small class="hint" title="{esc(p.source_document)}">{period}</small>'
            )
            due = ""
            if p.pro_rata_target != p.target:
                text = _("due by %(date)s: %(due)s") % {
                    "date": upto_end.strftime("%d/%m/%Y"),
                    "due": indicator_value(p.pro_rata_target, ind),
                }
                due = f'<small class="hint">{esc(text)}</small>'
            progress = (
                f'<progress max="1" value="{progress_max(p.ratio)}" aria-label="'
                f'{progress_label}"></progress> {esc(percent(p.ratio))} {due} '
                f"{_badge(p.on_track)}"
            )
        else:
            target, progress = "—", ""
        out.append(
            f"<tr><td>{label}{help_text}</td>"
            f'<td class="num"><strong>{esc(indicator_value(row.value, ind))}</strong></td>'
            f'<td class="num">{esc(indicator_value(row.last_year, ind))}</td>'
            f'<td class="num"><span class="delta{css}">{esc(signed(row.delta, ind))}</span></td>'
            f'<td class="num">{target}</td><td>{progress}</td></tr>\n'
        )
    return mark_safe("".join(out))  # every text above went through esc()


@register.simple_tag
def child_rows(rows: list[Any], url: str, query: str) -> str:
    """The <tr> of each organization directly below: its link, a "dissolved" badge, and
    its value of each column indicator. ``url`` ends with "/" before the id."""
    dissolved = f' <span class="badge badge-ended">{esc(_("dissolved"))}</span>'
    out = []
    for kid, cells in rows:
        values = "".join(f'<td class="num">{esc(indicator_value(v, ind))}</td>' for ind, v in cells)
        out.append(
            f'<tr><td><a href="{esc(url)}{kid.pk}/?{esc(query)}">{esc(kid.name)}</a>'
            f"{dissolved if kid.dissolved_on else ''}</td>{values}</tr>\n"
        )
    return mark_safe("".join(out))  # every text above went through esc()


@register.simple_tag
def indicator_options(indicators: list[Any], selected: str) -> str:
    """The <option> of each indicator, "group · label", the selected one marked."""
    out = []
    for ind in indicators:
        label, _help, group = _texts(ind)
        mark = " selected" if ind.code == selected else ""
        out.append(f'<option value="{esc(ind.code)}"{mark}>{group} · {label}</option>')
    return mark_safe("".join(out))  # every text above went through esc()
