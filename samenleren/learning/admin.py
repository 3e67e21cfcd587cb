from django.contrib import admin

from .models import BadgeAssertion, LearningPath, Module, PathItem, Theme


class PathItemInline(admin.TabularInline):
    model = PathItem
    extra = 1
    autocomplete_fields = ["module"]


@admin.register(LearningPath)
class LearningPathAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PathItemInline]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "is_published", "study_hours"]
    search_fields = ["title"]
    list_filter = ["is_published", "level"]
    readonly_fields = ["search_text"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(BadgeAssertion)
class BadgeAssertionAdmin(admin.ModelAdmin):
    list_display = ["badge", "person", "issued_on", "revoked"]
    readonly_fields = ["uuid", "recipient_hash", "salt", "issued_on"]
