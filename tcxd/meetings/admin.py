"""The scoring sheets in the admin (*Phiếu chấm điểm*): the board loads a province's own
sheet as a new version (items and levels as JSON, checked on saving; see docs/meetings.md).
Every save and delete is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from tcxd.audit.services import record

from .models import ScoringSheet


@admin.register(ScoringSheet)
class ScoringSheetAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "effective_from", "effective_to"]
    list_filter = ["effective_from"]
    raw_id_fields = ["organization"]
    fields = [
        "name",
        "legal_basis",
        "organization",
        "effective_from",
        "effective_to",
        "items",
        "levels",
        "note",
    ]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.organization_path = obj.organization.path if obj.organization else ""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record(
                actor=request.user,
                action="meetings.sheet_save",
                target=obj,
                organization=obj.organization,
                changes={
                    "name": obj.name,
                    "effective_from": obj.effective_from,
                    "effective_to": obj.effective_to,
                    "items": obj.items,
                    "levels": obj.levels,
                },
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record(
                actor=request.user,
                action="meetings.sheet_delete",
                target=obj,
                organization=obj.organization,
                changes={"name": obj.name},
            )
            super().delete_model(request, obj)
