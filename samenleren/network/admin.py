from django.contrib import admin

from . import models

admin.site.register(
    [
        models.Region,
        models.Subregion,
        models.Board,
        models.Profile,
        models.StoFunction,
        models.Affiliation,
        models.RoleAssignment,
        models.Lab,
        models.ImportJob,
    ]
)


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "brin", "city", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "brin", "city"]


@admin.register(models.Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    list_display = ["label", "lab", "count"]
    list_filter = ["kind"]
    search_fields = ["other_kind", "brand", "model_name", "lab__name", "lab__organisation__name"]


@admin.register(models.EquipmentSkill)
class EquipmentSkillAdmin(admin.ModelAdmin):
    list_display = ["person", "equipment", "level"]
    list_filter = ["level"]
    raw_id_fields = ["person", "equipment", "declared_by"]
