"""Read-only admin views of the organisation (edit through the HR screens or the API)."""

from django.contrib import admin

from govflex.common.admin_mixins import ReadOnlyAdmin
from govflex.org.models import Agency, ImportJob, Person, Position, RoleGrant, Unit, WorkSite


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_th", "name_en")


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_th", "agency", "is_service_point", "active")
    list_filter = ("agency", "is_service_point")
    search_fields = ("code", "name_th", "name_en")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ("code", "title_th", "agency", "mission_type", "position_type")
    list_filter = ("agency", "position_type")


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("staff_id", "first_name_th", "last_name_th", "agency", "unit", "staff_category")
    list_filter = ("agency", "staff_category")
    search_fields = ("staff_id", "first_name_th", "last_name_th", "email")
    list_select_related = ("agency", "unit")


@admin.register(WorkSite)
class WorkSiteAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "agency", "radius_m")


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ("user", "agency", "role", "unit")
    list_filter = ("agency", "role")


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "agency", "kind", "filename", "status", "total_rows")
    exclude = ("content",)
