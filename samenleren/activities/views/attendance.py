"""Views: attendance (being written)."""

urlpatterns: list = []
