from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from samenleren.api.api import api

urlpatterns = [
    path("", include("samenleren.core.urls")),
    path("account/", include("samenleren.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("samenleren.network.urls")),
    path("agenda/", include("samenleren.activities.urls")),
    path("leren/", include("samenleren.learning.urls")),
    path("peilingen/", include("samenleren.demand.urls")),
    path("vraagbaak/", include("samenleren.community.urls")),
    path("scholen/", include("samenleren.schools.urls")),
    path("inzicht/", include("samenleren.insights.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
