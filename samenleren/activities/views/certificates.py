"""Views: certificates (being written)."""

urlpatterns: list = []
