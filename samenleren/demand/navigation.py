from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem
from samenleren.network.selectors import roles_of


def items(request) -> list[NavItem]:
    """Interest campaigns are public; one's own pledges when signed in; managing them for
    coordinators."""
    result = [NavItem(_("Interest campaigns"), reverse("demand:list"))]
    if request.user.is_authenticated:
        result.append(NavItem(_("My interest"), reverse("demand:mine"), "mine"))
        if roles_of(request.user).is_coordinator:
            result.append(NavItem(_("Interest campaigns"), reverse("demand:manage"), "manage"))
    return result
