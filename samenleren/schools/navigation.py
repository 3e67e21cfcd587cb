from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem
from samenleren.network.selectors import roles_of


def items(request) -> list[NavItem]:
    """The lab finder and the tour for everyone signed in; the school page for school
    contacts; the region's schools, questions and risks for coordinators."""
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user)
    result = [NavItem(_("Find a lab"), reverse("schools:lab_finder"))]
    if roles.is_coordinator:
        result.append(NavItem(_("Schools and labs"), reverse("schools:region"), "manage"))
        result.append(NavItem(_("TechLab tour"), reverse("schools:tour"), "manage"))
    return result
