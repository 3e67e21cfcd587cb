from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem
from samenleren.network.selectors import roles_of


def items(request) -> list[NavItem]:
    """The calendar for everyone (no login needed); one's own registrations and certificates
    when signed in; managing the calendar for coordinators."""
    result = [NavItem(_("Calendar"), reverse("activities:calendar"))]
    if request.user.is_authenticated:
        result.append(NavItem(_("My registrations"), reverse("activities:mine"), "mine"))
        result.append(NavItem(_("My certificates"), reverse("activities:my_certificates"), "mine"))
        if roles_of(request.user).is_coordinator:
            result.append(NavItem(_("Activities"), reverse("activities:manage_list"), "manage"))
    return result
