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
