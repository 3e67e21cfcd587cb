from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection

from .selectors.progress import open_campaigns_for, pledge_progress_of

HOME_LIMIT = 5


def sections(request) -> list[HomeSection]:
    """'Mijn Samen Leren': open interest campaigns of the person's region they have not pledged
    in yet, and how their own pledges are doing. Nothing when there is neither (two queries)."""
    campaigns = open_campaigns_for(person=request.user, limit=HOME_LIMIT)
    pledges = pledge_progress_of(person=request.user, limit=HOME_LIMIT)
    if not campaigns and not pledges:
        return []
    return [
        HomeSection(
            _("Interest in courses"),
            "demand/home/section.html",
            {"campaigns": campaigns, "pledges": pledges},
            order=15,
        )
    ]
