from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import CommitteeSeat, Organization, OrganizationKind, Term, Village


@admin.register(OrganizationKind)
class OrganizationKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "holds_members", "has_villages", "sort_order"]


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    form = movenodeform_factory(Organization)
    list_display = ["name", "code", "kind", "founded_on", "dissolved_on"]
    search_fields = ["name", "code"]


class SeatInline(admin.TabularInline):
    model = CommitteeSeat
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["organization", "name", "start_on", "end_on"]
    inlines = [SeatInline]
    raw_id_fields = ["organization"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organization"]
    raw_id_fields = ["organization", "cell", "head", "front_head"]
    search_fields = ["name"]
