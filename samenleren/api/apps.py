from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samenleren.api"
    label = "api"
    verbose_name = "API"
