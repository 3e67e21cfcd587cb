from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "samenleren.community"
    label = "community"
    verbose_name = _("Question board and learning networks")
