from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection

from .selectors import networks_of, questions_of

HOME_LIMIT = 5


def sections(request) -> list[HomeSection]:
    """'Mijn Samen Leren': my questions and my learning networks, with a way to ask."""
    return [
        HomeSection(
            _("Your questions and networks"),
            "community/home/section.html",
            {
                "questions": questions_of(person=request.user)[:HOME_LIMIT],
                "networks": networks_of(person=request.user)[:HOME_LIMIT],
            },
            order=20,
        )
    ]
