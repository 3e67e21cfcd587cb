"""Views: evaluation (being written)."""

urlpatterns: list = []
