from django.contrib import admin

from govflex.common.admin_mixins import ReadOnlyAdmin
from govflex.common.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "action", "target_type", "target_label")
    list_filter = ("action",)
    search_fields = ("actor_label", "action", "target_label", "target_id")
