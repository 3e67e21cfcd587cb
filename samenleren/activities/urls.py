"""The calendar's URLs: each views module owns its own patterns."""

from .views import attendance, calendar, certificates, evaluation, manage, participant

app_name = "activities"

urlpatterns = [
    *calendar.urlpatterns,
    *participant.urlpatterns,
    *manage.urlpatterns,
    *attendance.urlpatterns,
    *evaluation.urlpatterns,
    *certificates.urlpatterns,
]
