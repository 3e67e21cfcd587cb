"""Views: participant (being written)."""

urlpatterns: list = []
