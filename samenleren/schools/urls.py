from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("regio/", views.region_view, name="region"),
    path("regio/schoolvragen/", views.intake_index, name="intake_list"),
    path("regio/schoolvragen/uit-vraag/", views.question_convert, name="intake_from_question"),
    path("regio/opleidingsvragen/", views.need_index, name="need_list"),
    path("opleidingsvragen/<int:pk>/", views.need_detail, name="need_detail"),
    path("organisaties/<int:pk>/gegevens/", views.school_details_edit, name="details_edit"),
    path("organisaties/<int:pk>/bezoeken/", views.school_visits, name="school_visits"),
    path("organisaties/<int:pk>/schoolvraag/", views.intake_new, name="intake_new"),
    path("schoolvraag/<int:pk>/", views.intake_detail, name="intake_detail"),
    path("schoolvraag/<int:pk>/stap/<slug:step>/", views.intake_step, name="intake_step"),
    path("schoolvraag/<int:pk>/samenvatting/", views.intake_summary, name="intake_summary"),
    path("schoolvraag/<int:pk>/weggooien/", views.intake_throw_away, name="intake_discard"),
    path("schoolvraag/<int:pk>/status/", views.intake_status, name="intake_status"),
    path("schoolvraag/<int:pk>/antwoorden/", views.intake_answers, name="intake_answers"),
    path("antwoorden/<int:pk>/verwijderen/", views.answer_remove, name="answer_remove"),
    path("labs/", views.lab_search, name="lab_finder"),
    path("labs/<int:pk>/apparatuur/", views.lab_register, name="lab_register"),
    path("labs/<int:pk>/apparatuur/nieuw/", views.equipment_create, name="equipment_create"),
    path("apparatuur/<int:pk>/bewerken/", views.equipment_edit, name="equipment_edit"),
    path("apparatuur/<int:pk>/verwijderen/", views.equipment_remove, name="equipment_remove"),
    path("apparatuur/<int:pk>/opleidingsvraag/", views.need_create, name="need_create"),
    path("vaardigheden/<int:pk>/verwijderen/", views.skill_withdraw, name="skill_remove"),
    path("activiteiten/<int:pk>/apparatuur/", views.activity_teaches, name="activity_teaches"),
    path("techlab-tour/", views.tour_plan, name="tour"),
]
