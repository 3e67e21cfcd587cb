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
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
