"""Views: calendar (being written)."""

urlpatterns: list = []
