from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target"]
    list_filter = ["action"]
    readonly_fields = ["created_at", "actor", "action", "target", "data"]


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


# The Django admin is for superusers only; everyone else works in the platform's own pages.
admin.site.has_permission = _superusers_only
