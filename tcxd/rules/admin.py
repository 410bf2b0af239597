from django.contrib import admin

from .models import RuleSet


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "legal_basis", "effective_from", "effective_to"]
    list_filter = ["code"]
    search_fields = ["code", "name", "legal_basis"]
