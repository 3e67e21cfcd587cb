from django.conf import settings
from django.utils.module_loading import import_string


def navigation(request) -> dict:
    """Menu items for the signed-in person, from the providers each app registers in settings.

    Core knows no domain: the apps tell it (NAVIGATION_PROVIDERS) what to show for whom.
    """
    items = []
    for dotted in settings.NAVIGATION_PROVIDERS:
        items.extend(import_string(dotted)(request))
    return {
        "nav_main": [item for item in items if item.section == "main"],
        "nav_mine": [item for item in items if item.section == "mine"],
        "nav_manage": [item for item in items if item.section == "manage"],
    }
