"""The TechLabs in the API: a school's equipment with who can use it and the bus-factor flag,
the region's machines at risk (coordinators), and the lab finder. Reads the same selectors as
the pages; personal data (operators' names) only for the school's people, its contacts and the
region's coordinators."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from samenleren.network.selectors import access_managed_region
from samenleren.schools.selectors import (
    NO_SCHOOL,
    EquipmentStatus,
    access_school_inside,
    equipment_at_risk,
    equipment_statuses,
    lab_finder,
    viewpoint_of,
)

from ..pagination import Paged
from ..schemas import ErrorOut
from ..schemas_schools import AtRiskOut, EquipmentOut, LabFilters, LabOut

router = Router(tags=["schools and labs"])


def _need(status: EquipmentStatus) -> str | None:
    return status.need.status if status.need else None


@router.get(
    "/organisations/{organisation_id}/equipment",
    response={200: list[EquipmentOut], 403: ErrorOut, 404: ErrorOut},
    summary="A school's machines, who can use them and whether they are at risk",
    description=(
        "For the school's own people, its school contacts and the region's coordinators. "
        "`operators` counts the people with a current affiliation at the school who can use "
        "the machine; `at_risk` is true when that is one or nobody."
    ),
)
def organisation_equipment(request: HttpRequest, organisation_id: int):
    organisation = access_school_inside(user=request.user, pk=organisation_id)
    return [
        {
            "id": s.equipment.pk,
            "lab_id": s.lab.pk,
            "lab": s.lab.name,
            "kind": s.equipment.kind,
            "label": s.equipment.label,
            "brand": s.equipment.brand,
            "model": s.equipment.model_name,
            "count": s.equipment.count,
            "operators": s.operators,
            "operator_list": [
                {
                    "id": skill.person_id,
                    "name": skill.person.full_name,
                    "level": skill.level,
                    "confirmed": bool(skill.certificate_code),
                }
                for skill in s.skills
            ],
            "at_risk": s.at_risk,
            "reason": s.reason,
            "training_question": _need(s),
        }
        for s in equipment_statuses(organisation=organisation.pk)
    ]


@router.get(
    "/equipment/at-risk",
    response={200: list[AtRiskOut], 403: ErrorOut},
    summary="Machines at risk in the coordinator's region (paged)",
    description="Coordinators only: every machine of the region that one person or nobody can use.",
)
@paginate(Paged)
def equipment_risks(request: HttpRequest, region: str | None = None):
    managed = access_managed_region(user=request.user, slug=region)
    return [
        {
            "equipment_id": s.equipment.pk,
            "label": s.equipment.label,
            "kind": s.equipment.kind,
            "organisation_id": s.organisation.pk,
            "organisation": s.organisation.name,
            "lab": s.lab.name,
            "operators": s.operators,
            "reason": s.reason,
            "training_question": _need(s),
        }
        for s in equipment_at_risk(region=managed)
    ]


@router.get(
    "/labs",
    response={200: list[LabOut], 400: ErrorOut},
    summary="Labs of your region with a kind of machine, nearest first (paged)",
    description=(
        "`equipment` is a kind such as `laser_cutter`. Travel minutes by car are counted from "
        "your school (your main current affiliation); coordinators may pass `origin`, an "
        "organisation of their region, and `region`, the slug of one of their regions (default: "
        "the first by name; another region is 404). Labs only: no people."
    ),
)
@paginate(Paged)
def labs(request: HttpRequest, filters: Query[LabFilters]):
    view = viewpoint_of(user=request.user, origin_id=filters.origin, region_slug=filters.region)
    if view.region is None:
        raise HttpError(400, str(NO_SCHOOL))
    hits = lab_finder(
        region=view.region,
        kind=filters.equipment.value if filters.equipment else "",
        origin=view.origin,
    )
    return [
        {
            "id": h.lab.pk,
            "name": h.lab.name,
            "kind": h.lab.kind,
            "organisation_id": h.lab.organisation_id,
            "organisation": h.lab.organisation.name,
            "town": h.lab.organisation.city,
            "shared_with_primary": h.lab.shared_with_primary,
            "equipment": [m.label for m in h.machines],
            "travel_minutes": h.minutes,
        }
        for h in hits
    ]
