"""The dashboard's long tables built in Python: same markup, every text escaped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

from tcxd.indicators.periods import Period
from tcxd.indicators.registry import Indicator, Unit
from tcxd.indicators.selectors import Progress, Row
from tcxd.indicators.templatetags.indicators import child_rows, indicator_options, indicator_rows


def make(code: str, label: str, unit: Unit = Unit.COUNT, help: str = "") -> Indicator:
    return Indicator(
        code=code,
        label=label,
        unit=unit,
        app="tests",
        group="<G>",
        compute=lambda org, period: 1,
        by_child=lambda org, period: {},
        help=help,
    )


def test_indicator_rows_escape_and_show_progress() -> None:
    plain = make("tests.a", "Cells <b>&</b>", help='Counted "so"')
    share = make("tests.b", "Share", Unit.PERCENT)
    progress = Progress(
        value=12,
        target=Decimal(50),
        ratio=Decimal("0.24"),
        pro_rata_target=Decimal("24.79"),
        target_period=Period.year(2026),
        source_document="NQ <1>",
        higher_is_better=True,
    )
    rows = [
        Row(plain, 1234, 1200, None),
        Row(share, Decimal("3.25"), None, None),
        Row(make("tests.c", "Admitted"), 12, 20, progress),
    ]
    with translation.override("vi"):
        html = indicator_rows(rows, dt.date(2026, 6, 30))
    assert "Cells &lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>" not in html
    assert "Counted &quot;so&quot;" in html and "Cách tính" in html
    assert "<strong>1.234</strong>" in html and "+34" in html  # Vietnamese digits, the change
    assert "3,25 %" in html and "—" in html  # no figure last year
    assert 'title="NQ &lt;1&gt;"' in html and "Năm 2026" in html
    assert "cần đạt đến 30/06/2026: 24,79" in html and "24,0 %" in html
    assert 'value="0.2400"' in html and "chậm" in html  # 12 < 24.79 due: behind
    assert html.count("<tr>") == 3


def test_child_rows_and_options_escape() -> None:
    ind = make("tests.ab", "A & B")
    kid = SimpleNamespace(pk=7, name="Chi bộ <1>", dissolved_on=dt.date(2025, 1, 1))
    html = child_rows([(kid, [(ind, 5), (ind, None)])], "/indicators/", "period=2026-H1&compare=x")
    assert 'href="/indicators/7/?period=2026-H1&amp;compare=x"' in html
    assert "Chi bộ &lt;1&gt;" in html and "badge-ended" in html
    assert '<td class="num">5</td><td class="num">—</td>' in html
    options = indicator_options([ind, make("tests.b", "C")], "tests.b")
    assert '<option value="tests.ab">&lt;G&gt; · A &amp; B</option>' in options
    assert '<option value="tests.b" selected>' in options
