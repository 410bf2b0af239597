"""Dashboard pages: an organization's indicators for a period, and their export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, get_for
from tcxd.audit.services import record
from tcxd.core.errors import DomainError
from tcxd.organizations import selectors as org_selectors
from tcxd.organizations.models import Organization

from . import charts, registry, services
from .exports import build_dashboard_xlsx
from .forms import TargetForm
from .models import Target
from .periods import Period, PeriodKind
from .registry import Unit
from .selectors import Dashboard, dashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHILD_CODES = [
    "members.end_total",
    "members.admitted",
    "members.admission_rate",
    "members.net_change",
    "members.transferred_in",
    "members.transferred_out",
    "members.died",
    "villages.head_member_share",
    "villages.without_cell",
]
DEFAULT_COMPARE = "members.admission_rate"


def default_period(today: dt.date) -> Period:
    return Period.containing(PeriodKind.HALF, today)


def read_period(request: HttpRequest, today: dt.date) -> tuple[Period, str]:
    """The period asked for (key or Vietnamese label), or the current half-year and why."""
    text = request.GET.get("period", "").strip()
    if not text:
        return default_period(today), ""
    try:
        period = Period.parse(text)
    except DomainError as exc:
        return default_period(today), exc.message
    if period.start > today:
        return default_period(today), _("%(period)s has not begun yet.") % {"period": period.label}
    return period, ""


def next_period(period: Period, today: dt.date) -> Period | None:
    if period.kind in (PeriodKind.TERM, PeriodKind.MIDTERM):
        length = period.last_year - period.first_year
        make = Period.term if period.kind == PeriodKind.TERM else Period.midterm
        following = make(period.last_year, period.last_year + length)
    else:
        following = Period.containing(period.kind, period.end + dt.timedelta(days=1))
    return following if following.start <= today else None


def period_choices(today: dt.date) -> list[Period]:
    """Suggestions for the period box: recent half-years, years, quarters and the terms."""
    half = Period.containing(PeriodKind.HALF, today)
    quarter = Period.containing(PeriodKind.QUARTER, today)
    result = [half, half.previous(), half.same_period_last_year()]
    result += [Period.year(today.year), Period.year(today.year - 1), Period.year(today.year - 2)]
    result += [quarter, quarter.previous(), Period.month(today.year, today.month)]
    first = 2020 + 5 * ((today.year - 2020) // 5)
    for a in (first, first - 5):
        result += [Period.term(a, a + 5), Period.midterm(a, a + 5)]
    seen: dict[str, Period] = {}
    for p in result:
        if p.start <= today:
            seen.setdefault(p.key, p)
    return list(seen.values())


@login_required
def dashboard_index(request: HttpRequest) -> HttpResponse:
    """The dashboard of the highest organization the user sees."""
    root = org_selectors.root_organizations(request.user).order_by("path").first()
    if root is None:
        raise Http404
    return redirect("indicators:dashboard", pk=root.pk)


def _load(request: HttpRequest, pk: int, action: str) -> tuple[Organization, Period, str, str]:
    org = get_for(request.user, Organization.objects.select_related("kind"), pk, action)
    period, error = read_period(request, timezone.localdate())
    compare = request.GET.get("compare", DEFAULT_COMPARE)
    try:
        registry.get(compare)
    except KeyError:
        compare = DEFAULT_COMPARE
    return org, period, error, compare


def _build(org: Organization, period: Period, compare: str) -> Dashboard:
    codes = CHILD_CODES + ([compare] if compare not in CHILD_CODES else [])
    return dashboard(org, period, today=timezone.localdate(), child_codes=codes)


@login_required
def dashboard_view(request: HttpRequest, pk: int) -> HttpResponse:
    org, period, error, compare = _load(request, pk, Action.VIEW)
    data = _build(org, period, compare)
    today = timezone.localdate()
    url = reverse("indicators:dashboard", args=[0]).rsplit("0/", 1)[0]
    context: dict[str, Any] = {
        "nav": "indicators",
        "org": org,
        "d": data,
        "period_error": error,
        "period_text": request.GET.get("period", "") if error else period.label,
        "choices": period_choices(today),
        "previous": period.previous(),
        "next": next_period(period, today),
        "running": data.upto.end < period.end,
        "ancestors": org_selectors.ancestors_visible(request.user, org),
        "compare": compare,
        "compare_indicator": registry.get(compare),
        "indicators": registry.all_indicators(),
        "child_columns": [registry.get(code) for code in CHILD_CODES],
        "child_rows": [
            (kid, [(registry.get(code), values.get(code)) for code in CHILD_CODES])
            for kid, values in data.children
        ],
        "dashboard_url": url,
        "child_query": f"period={data.period.key}&compare={compare}",
        "charts": _charts(data, compare, url, period),
        "key": [data.rows[c] for c in KEY_CODES if c in data.rows],
    }
    return render(request, "indicators/dashboard.html", context)


KEY_CODES = [
    "members.end_total",
    "members.admitted",
    "members.admission_rate",
    "members.net_change",
]


def _charts(data: Dashboard, compare: str, url: str, period: Period) -> dict[str, Any]:
    months = [f"{m.start.month}/{m.start.year % 100:02d}" for m in data.trend.months]
    result: dict[str, Any] = {
        "members": charts.line_chart(
            _("Members at the end of each month"),
            months,
            charts.Series(_("Members"), data.trend.members),
        ),
        "changes": charts.bar_chart(
            _("Admissions and departures by month"),
            months,
            [
                charts.Series(_("Admitted"), data.trend.admitted, charts.RED),
                charts.Series(
                    _("Died, expelled, struck off, left, transferred out"),
                    data.trend.exits,
                    charts.GREY,
                ),
            ],
        ),
    }
    indicator = registry.get(compare)
    if data.children:
        row = data.rows.get(compare)
        reference = None
        if row and row.progress and row.progress.pro_rata_target is not None:
            reference = (
                float(row.progress.pro_rata_target),
                _("Target for the period: %(value)s")
                % {"value": charts.number(row.progress.pro_rata_target, 2)},
            )
        decimals = 2 if indicator.unit in (Unit.PERCENT, Unit.RATIO) else 0
        result["compare"] = charts.ranking_chart(
            str(indicator.label),
            [
                charts.Bar(
                    kid.short_name or kid.name,
                    values.get(compare),
                    f"{url}{kid.pk}/?period={period.key}&compare={compare}",
                )
                for kid, values in data.children
            ],
            decimals=decimals,
            suffix=" %" if indicator.unit == Unit.PERCENT else "",
            reference=reference,
        )
    return result


@login_required
def dashboard_export(request: HttpRequest, pk: int) -> HttpResponse:
    org, period, _error, _compare = _load(request, pk, Action.EXPORT)
    indicators = registry.all_indicators()
    today = timezone.localdate()
    data = dashboard(
        org, period, today=today, child_codes=[i.code for i in indicators], indicators=indicators
    )
    rows = []
    for ind in indicators:
        row = data.rows[ind.code]
        p = row.progress
        rows.append(
            (
                [
                    str(ind.label),
                    str(ind.unit.label),
                    row.value,
                    row.last_year,
                    row.delta,
                    p.target if p else None,
                    p.pro_rata_target if p else None,
                    p.ratio * 100 if p and p.ratio is not None else None,
                ],
                ind.unit,
            )
        )
    child_rows = [
        [kid.name, kid.code, *[values.get(i.code) for i in indicators]]
        for kid, values in data.children
    ]
    child_rows.append(
        [
            _("Whole organization: %(org)s") % {"org": org.name},
            org.code,
            *[data.rows[i.code].value for i in indicators],
        ]
    )
    upto = data.upto.end.strftime("%d/%m/%Y")
    content = build_dashboard_xlsx(
        title=_("Indicators"),
        subtitle=_("%(org)s · %(period)s (figures to %(date)s) · exported by %(user)s")
        % {"org": org.name, "period": period.label, "date": upto, "user": request.user},
        headers=[
            pgettext("dashboard", "Indicator"),
            _("Unit"),
            period.label,
            data.last_year.label,
            _("Change"),
            _("Target"),
            _("Due by %(date)s") % {"date": upto},
            _("Progress (%)"),
        ],
        rows=rows,
        child_title=_("By organization"),
        child_headers=[_("Organization"), _("Code"), *[str(i.label) for i in indicators]],
        child_rows=child_rows,
        child_units=[i.unit for i in indicators],
    )
    record(
        actor=request.user,
        action="indicators.export",
        organization=org,
        changes={"period": period.key, "rows": len(child_rows)},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="chi-so-{org.code}-{period.key}.xlsx"'
    return response


# --- targets ----------------------------------------------------------------------------


@login_required
def target_list(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization's targets, and a form to add one for those who manage it."""
    org = get_for(request.user, Organization.objects.select_related("kind"), pk, Action.VIEW)
    may_change = can(request.user, Action.MANAGE_ORGANIZATIONS, org.path)
    if request.method == "POST" and not may_change:
        raise Http404
    form = TargetForm(request.POST or None)
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.target_save(
                actor=request.user,
                indicator=data["indicator"],
                organization=org,
                period=data["period"],
                value=data["value"],
                source_document=data["source_document"],
                note=data["note"],
            )
        except DomainError as exc:
            error = exc
            for field, msgs in exc.fields.items():
                if field in form.fields:
                    for msg in msgs:
                        form.add_error(field, msg)
        else:
            messages.success(
                request,
                _("Saved the target: %(indicator)s, %(period)s.")
                % {
                    "indicator": registry.get(target.indicator).label,
                    "period": target.period.label,
                },
            )
            return redirect("indicators:targets", pk=org.pk)
    known = {i.code: i for i in registry.all_indicators()}
    targets = [
        (t, known.get(t.indicator))
        for t in Target.objects.filter(organization=org).order_by("-period_start", "indicator")
    ]
    context = {
        "nav": "indicators",
        "org": org,
        "targets": targets,
        "form": form if may_change else None,
        "error": error,
        "ancestors": org_selectors.ancestors_visible(request.user, org),
    }
    return render(request, "indicators/targets.html", context)


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    org = get_for(request.user, Organization, pk, Action.MANAGE_ORGANIZATIONS)
    target = get_object_or_404(Target, pk=target_pk, organization=org)
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("Deleted the target."))
    return redirect("indicators:targets", pk=org.pk)
