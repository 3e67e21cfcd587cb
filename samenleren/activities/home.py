from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection

from .selectors.calendar import upcoming_registrations

HOME_LIMIT = 5


def sections(request) -> list[HomeSection]:
    """'Mijn Samen Leren': the person's next registrations, or an invitation to the calendar."""
    return [
        HomeSection(
            _("Your registrations"),
            "activities/home/upcoming.html",
            {"registrations": upcoming_registrations(person=request.user, limit=HOME_LIMIT)},
            order=5,
        )
    ]
