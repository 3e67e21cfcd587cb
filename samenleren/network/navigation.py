from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem

from .selectors import roles_of


def items(request) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    roles = roles_of(user)
    result = []
    if roles.is_school_contact:
        for organisation_id in sorted(roles.contact_organisations)[:1]:
            result.append(
                NavItem(
                    _("My school"),
                    reverse("network:organisation_detail", args=[organisation_id]),
                    "mine",
                )
            )
    if roles.is_coordinator:
        result += [
            NavItem(_("Region overview"), reverse("network:beheer_home"), "manage"),
            NavItem(_("Organisations"), reverse("network:organisation_list"), "manage"),
            NavItem(_("People"), reverse("network:people_list"), "manage"),
            NavItem(_("Import"), reverse("network:import_upload"), "manage"),
        ]
    return result
