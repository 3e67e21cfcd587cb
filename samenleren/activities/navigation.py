from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem


def items(request) -> list[NavItem]:
    """The calendar for everyone (no login needed); one's own registrations when signed in."""
    result = [NavItem(_("Calendar"), reverse("activities:calendar"))]
    if request.user.is_authenticated:
        result.append(NavItem(_("My registrations"), reverse("activities:mine")))
    return result
