from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.core.navigation import NavItem
from samenleren.network.selectors import roles_of


def items(request) -> list[NavItem]:
    """The question board and the learning networks for everyone signed in; triage and
    clusters for coordinators."""
    if not request.user.is_authenticated:
        return []
    result = [
        NavItem(_("Question board"), reverse("community:board")),
        NavItem(_("Learning networks"), reverse("community:networks")),
    ]
    if roles_of(request.user).is_coordinator:
        result.append(NavItem(_("Questions to handle"), reverse("community:triage"), "manage"))
    return result
