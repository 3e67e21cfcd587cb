from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/alles.xlsx", views.export_all, name="export_all"),
    path("export/<slug:key>.<str:file_format>", views.export_table, name="export"),
    path("jaarverslag/", views.report, name="report"),
    path("jaarverslag/<int:pk>/", views.report_run, name="report_run"),
    path(
        "jaarverslag/<int:pk>/download.<str:file_format>",
        views.report_download,
        name="report_download",
    ),
    path("school/", views.school_index, name="school_index"),
    path("school/<int:pk>/", views.school, name="school"),
    path(
        "school/<int:pk>/export/<slug:key>.<str:file_format>",
        views.school_export,
        name="school_export",
    ),
    path("mijn-ontwikkeling/", views.development, name="development"),
    path("mijn-ontwikkeling/overzicht.pdf", views.development_pdf, name="development_pdf"),
    path("mijn-ontwikkeling/mijn-gegevens.json", views.development_json, name="development_json"),
]
