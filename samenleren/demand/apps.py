from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "samenleren.demand"
    label = "demand"
    verbose_name = _("Interest campaigns")
