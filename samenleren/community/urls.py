"""The question board's URLs (mounted at /vraagbaak/): each views module owns its patterns."""

from .views import board, manage, networks

app_name = "community"

urlpatterns = [*board.urlpatterns, *manage.urlpatterns, *networks.urlpatterns]
