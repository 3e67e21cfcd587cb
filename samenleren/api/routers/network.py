from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from samenleren.accounts.services import user_profile_update
from samenleren.network.models import OrganisationKind
from samenleren.network.selectors import current_affiliations, organisation_list

from ..pagination import Paged
from ..schemas import MeOut, MeUpdate, OrganisationOut

router = Router(tags=["people and organisations"])


@router.get("/me", response=MeOut, summary="The signed-in person, with roles and affiliations")
def me(request: HttpRequest):
    return _me_out(request.user)


@router.patch("/me", response=MeOut, summary="Change your name, language or consents")
def me_update(request: HttpRequest, payload: MeUpdate):
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    user = user_profile_update(user=request.user, **changes) if changes else request.user
    return _me_out(user)


def _me_out(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "roles": [
            {
                "role": a.role,
                "organisation_id": a.organisation_id,
                "region": a.region.slug if a.region else None,
            }
            for a in user.role_assignments.select_related("region")
        ],
        "affiliations": [
            {
                "organisation_id": a.organisation_id,
                "organisation": a.organisation.name,
                "function": a.function,
            }
            for a in current_affiliations(user=user)
        ],
    }


class OrganisationFilters(Schema):
    search: str = ""
    kind: OrganisationKind | None = None
    region: str | None = None


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    summary="Member organisations (search, filter by kind and region; paged)",
)
@paginate(Paged)
def organisations(request: HttpRequest, filters: Query[OrganisationFilters]):
    qs = organisation_list(search=filters.search.strip(), kind=filters.kind or "", active_only=True)
    if filters.region:
        qs = qs.filter(region__slug=filters.region)
    return qs
