from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem
from samenleren.network.selectors import roles_of


def items(request) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    roles = roles_of(user)
    result = [NavItem(_("My development"), reverse("insights:development"), "mine")]
    if roles.is_school_contact:
        result.append(
            NavItem(_("Participation of my school"), reverse("insights:school_index"), "mine")
        )
    if roles.report_regions:
        result.append(
            NavItem(_("Insights and yearly report"), reverse("insights:dashboard"), "manage")
        )
    return result
