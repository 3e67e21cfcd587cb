from django.utils.translation import gettext as _

from samenleren.core.home import HomeSection
from samenleren.network.models import Organisation
from samenleren.network.selectors import roles_of

from .selectors import drafts_of, equipment_at_risk, intakes_of


def sections(request) -> list[HomeSection]:
    """For school contacts: their school's questions (and unfinished drafts) and the machines
    at risk, with the way to ask a new question."""
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user)
    if not roles.contact_organisations:
        return []
    schools = list(Organisation.objects.filter(pk__in=roles.contact_organisations).order_by("name"))
    blocks = [
        {
            "organisation": school,
            "intakes": list(intakes_of(organisation=school)[:5]),
            "drafts": list(drafts_of(organisation=school)[:3]),
            "risks": equipment_at_risk(region=school.region_id, organisation=school.pk),
        }
        for school in schools[:3]
    ]
    return [HomeSection(_("Your school"), "schools/home/school.html", {"blocks": blocks}, order=8)]
