"""Rule data in the admin: board staff add the next version of a rule and the days the
Government moves, without a code change (docs/rules.md says how)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tcxd.audit.services import diff, plain, record

from .models import CalendarException, RuleSet
from .values import parse_value

RULE_FIELDS = ["code", "name", "legal_basis", "effective_from", "effective_to", "values", "note"]
DAY_FIELDS = ["day", "kind", "name", "legal_basis"]


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete is written to the audit log, like the services do."""

    audit_fields: list[str] = []

    def _snapshot(self, obj: Any) -> dict[str, Any]:
        return {f: plain(getattr(obj, f)) for f in self.audit_fields}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = {}
        if change and obj.pk:
            before = self._snapshot(type(obj).objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        verb = "change" if change else "create"
        record(
            actor=request.user,
            action=f"rules.{obj._meta.model_name}_{verb}",
            target=obj,
            changes=diff(before, self._snapshot(obj)),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record(
            actor=request.user,
            action=f"rules.{obj._meta.model_name}_delete",
            target=obj,
            changes={"before": self._snapshot(obj)},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(RuleSet)
class RuleSetAdmin(AuditedAdmin):
    audit_fields = RULE_FIELDS
    list_display = ["code", "name", "legal_basis", "from_on", "to_on"]
    list_filter = ["code"]
    search_fields = ["code", "name", "legal_basis"]
    readonly_fields = ["values_table"]
    fields = [*RULE_FIELDS[:5], "values_table", "values", "note"]
    actions = ["copy_as_new_version"]

    @admin.display(description=_("effective from"), ordering="effective_from")
    def from_on(self, obj: RuleSet) -> str:
        return obj.effective_from.strftime("%d/%m/%Y")

    @admin.display(description=_("effective to"), ordering="effective_to")
    def to_on(self, obj: RuleSet) -> str:
        return obj.effective_to.strftime("%d/%m/%Y") if obj.effective_to else "…"

    @admin.display(description=_("values (readable)"))
    def values_table(self, obj: RuleSet) -> str:
        if not obj.pk or not isinstance(obj.values, dict):
            return "–"
        rows = []
        for key, raw in obj.values.items():
            value, basis = parse_value(raw)
            shown = value.label() if hasattr(value, "label") else str(value)
            rows.append((key, shown, basis))
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            gettext("key"),
            gettext("value"),
            gettext("basis"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.action(description=_("Copy as a new version"))
    def copy_as_new_version(self, request: HttpRequest, queryset: QuerySet[RuleSet]) -> Any:
        rule = queryset.order_by("-effective_from").first()
        if rule is None:
            return None
        url = reverse("admin:rules_ruleset_add")
        return HttpResponseRedirect(f"{url}?copy_from={rule.pk}")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        source = request.GET.get("copy_from")
        if source and source.isdigit():
            rule = RuleSet.objects.filter(pk=int(source)).first()
            if rule is not None:
                initial.pop("copy_from", None)
                initial.update(
                    code=rule.code,
                    name=rule.name,
                    legal_basis=rule.legal_basis,
                    values=rule.values,
                    note=rule.note,
                )
                if rule.effective_to is None:
                    self.message_user(
                        request,
                        gettext(
                            "The version you copied has no end of effect: set its end first, "
                            "or the new dates will be refused as overlapping."
                        ),
                    )
        return initial


@admin.register(CalendarException)
class CalendarExceptionAdmin(AuditedAdmin):
    audit_fields = DAY_FIELDS
    list_display = ["day_on", "weekday", "kind", "name", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "day"
    fields = tuple(DAY_FIELDS)

    @admin.display(description=_("day"), ordering="day")
    def day_on(self, obj: CalendarException) -> str:
        return obj.day.strftime("%d/%m/%Y")

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarException) -> str:
        from django.utils.dates import WEEKDAYS

        return str(WEEKDAYS[obj.day.weekday()])
