from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection

from .models import Organisation
from .selectors import current_affiliations, region_overview, roles_of


def sections(request) -> list[HomeSection]:
    user = request.user
    roles = roles_of(user)
    result = [
        HomeSection(
            _("Where you work"),
            "network/home/affiliations.html",
            {"affiliations": current_affiliations(user=user)},
            order=90,
        )
    ]
    if roles.is_school_contact:
        result.append(
            HomeSection(
                _("Your school"),
                "network/home/school_contact.html",
                {"organisations": Organisation.objects.filter(pk__in=roles.contact_organisations)},
                order=20,
            )
        )
    if roles.is_coordinator:
        from .models import Region

        result.append(
            HomeSection(
                _("Your region"),
                "network/home/coordinator.html",
                {
                    "regions": [
                        (region, region_overview(region=region))
                        for region in Region.objects.filter(pk__in=roles.coordinator_regions)
                    ]
                },
                order=10,
            )
        )
    return result
