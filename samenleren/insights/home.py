from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection

from .selectors.portfolio import hours_of


def sections(request) -> list[HomeSection]:
    """'Mijn Samen Leren': this school year's hours against the person's budget."""
    return [
        HomeSection(
            _("Your hours this school year"),
            "insights/home/hours.html",
            {"hours": hours_of(person=request.user)},
            order=8,
        )
    ]
