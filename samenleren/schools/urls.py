"""The school intake's and TechLabs' URLs: each views module owns its own patterns."""

from .views import equipment, intake, labs, region

app_name = "schools"

urlpatterns = [
    *region.urlpatterns,
    *intake.urlpatterns,
    *equipment.urlpatterns,
    *labs.urlpatterns,
]
