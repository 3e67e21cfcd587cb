from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("beheer/", views.beheer_home, name="beheer_home"),
    path("beheer/organisaties/", views.organisation_index, name="organisation_list"),
    path("beheer/organisaties/nieuw/", views.organisation_create, name="organisation_create"),
    path("beheer/organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "beheer/organisaties/<int:pk>/bewerken/", views.organisation_edit, name="organisation_edit"
    ),
    path("beheer/organisaties/<int:pk>/labs/nieuw/", views.lab_create, name="lab_create"),
    path("beheer/labs/<int:pk>/bewerken/", views.lab_edit, name="lab_edit"),
    path("beheer/labs/<int:pk>/verwijderen/", views.lab_remove, name="lab_remove"),
    path("beheer/mensen/", views.people_index, name="people_list"),
    path("beheer/mensen/<int:pk>/", views.person_detail, name="person_detail"),
    path(
        "beheer/mensen/<int:pk>/rollen/<int:assignment_pk>/intrekken/",
        views.role_revoke,
        name="role_revoke",
    ),
    path("beheer/import/", views.import_upload, name="import_upload"),
    path("beheer/import/<int:pk>/", views.import_status, name="import_status"),
    path("mijn-organisaties/", views.my_organisations, name="my_organisations"),
    path(
        "mijn-organisaties/<int:pk>/beeindigen/",
        views.my_affiliation_end,
        name="my_affiliation_end",
    ),
]
