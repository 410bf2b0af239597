"""Read-only views of the registry for administrators: changes go through the services."""

from django.contrib import admin

from .models import Member, MembershipEvent, Person


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "birth_on", "gender"]
    search_fields = ["name_fold", "citizen_id"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["person", "status", "organization"]
    list_select_related = ["person", "organization"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "occurred_on", "decision_number"]
    list_select_related = ["member__person"]
