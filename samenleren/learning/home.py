from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection

from .selectors import badges_of, learning_summary, modules_in_progress

HOME_LIMIT = 3


def sections(request) -> list[HomeSection]:
    """'Mijn Samen Leren': modules to continue, study hours and badges."""
    if not request.user.is_authenticated:
        return []
    return [
        HomeSection(
            _("Netflixleren"),
            "learning/home/section.html",
            {
                "in_progress": modules_in_progress(person=request.user)[:HOME_LIMIT],
                "summary": learning_summary(person=request.user),
                "badges": list(badges_of(person=request.user).filter(revoked=False)[:HOME_LIMIT]),
            },
            order=7,
        )
    ]
