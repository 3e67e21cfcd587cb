from .views import manage, public

app_name = "demand"

urlpatterns = [*public.urlpatterns, *manage.urlpatterns]
