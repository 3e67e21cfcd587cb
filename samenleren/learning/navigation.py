from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem

from .selectors import can_author


def items(request) -> list[NavItem]:
    """Netflixleren for everyone signed in; authoring for coordinators and trainers."""
    if not request.user.is_authenticated:
        return []
    result = [
        NavItem(_("Netflixleren"), reverse("learning:home")),
        NavItem(_("My learning"), reverse("learning:mine"), "mine"),
    ]
    if can_author(request.user):
        result.append(NavItem(_("Learning modules"), reverse("learning:manage_list"), "manage"))
    return result
