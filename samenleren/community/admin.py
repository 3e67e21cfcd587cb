"""Superusers keep the synonym groups that hold in every region here (coordinators edit the
groups of their own region on /vraagbaak/beheer/synoniemen/)."""

from django.contrib import admin

from .matching import synonyms_changed
from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["words", "region"]
    list_filter = ["region"]
    search_fields = ["words"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        synonyms_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        synonyms_changed()
