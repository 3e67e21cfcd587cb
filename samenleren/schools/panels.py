"""What the school intake adds to the network's school page. The network's view collects
panels from settings.ORGANISATION_PANELS and includes each panel's template, so the network
knows nothing of this app."""

from django.http import HttpRequest

from samenleren.core.panels import Panel
from samenleren.network.models import Organisation
from samenleren.network.selectors import can_edit_organisation

from .selectors import (
    drafts_of,
    equipment_statuses,
    intakes_of,
    is_contact_of,
    is_coordinator_for,
    school_levels,
    sees_school_inside,
)


def panels(request: HttpRequest, organisation: Organisation) -> list[Panel]:
    user = request.user
    inside = sees_school_inside(user=user, organisation=organisation)
    contact = is_contact_of(user=user, organisation=organisation)
    coordinator = is_coordinator_for(user=user, organisation=organisation)
    statuses = equipment_statuses(organisation=organisation.pk) if inside else []
    by_lab: dict[int, list] = {}
    for status in statuses:
        by_lab.setdefault(status.equipment.lab_id, []).append(status)
    labs = (
        [{"lab": lab, "statuses": by_lab.get(lab.pk, [])} for lab in organisation.labs.all()]
        if inside
        else []
    )
    context = {
        "levels": school_levels(organisation=organisation),
        "may_edit": can_edit_organisation(user=user, organisation=organisation),
        "inside": inside,
        "contact": contact,
        "coordinator": coordinator,
        "labs": labs,
        "at_risk": [s for s in statuses if s.at_risk],
        "intakes": list(intakes_of(organisation=organisation)) if contact or coordinator else [],
        "drafts": list(drafts_of(organisation=organisation)) if contact else [],
    }
    return [Panel(template="schools/_school_panel.html", context=context)]
