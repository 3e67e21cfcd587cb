from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection
from samenleren.network.selectors import roles_of

from .selectors.calendar import sessions_to_run, upcoming_registrations

HOME_LIMIT = 5


def sections(request) -> list[HomeSection]:
    """'Mijn Samen Leren': the person's next registrations, or an invitation to the calendar;
    for trainers also the sessions they run, with the participants and attendance."""
    result = [
        HomeSection(
            _("Your registrations"),
            "activities/home/upcoming.html",
            {"registrations": upcoming_registrations(person=request.user, limit=HOME_LIMIT)},
            order=5,
        )
    ]
    if roles_of(request.user).is_trainer:
        result.append(
            HomeSection(
                _("Sessions you run"),
                "activities/home/trainer.html",
                {"sessions": sessions_to_run(user=request.user)},
                order=6,
            )
        )
    return result
