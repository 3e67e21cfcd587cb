"""Netflixleren's URLs: each views module owns its own patterns."""

from .views import authoring, badges, catalogue, paths, player

app_name = "learning"

urlpatterns = [
    *catalogue.urlpatterns,
    *player.urlpatterns,
    *badges.urlpatterns,
    *authoring.urlpatterns,
    *paths.urlpatterns,
]
