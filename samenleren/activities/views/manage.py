"""Views: manage (being written)."""

urlpatterns: list = []
