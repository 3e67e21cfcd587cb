"""Interest campaigns in the API: the campaigns, their progress per course, pledging and
withdrawing. Every write goes through `demand.services.pledges`, which tips a course exactly
once (docs/demand.md)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from samenleren.demand.models import CampaignCourse
from samenleren.demand.selectors import (
    access_campaign_public,
    access_own_pledge,
    campaign_list,
    campaign_progress,
    campaign_totals,
)
from samenleren.demand.services.pledges import (
    AlreadyPledged,
    PledgeError,
    pledge_create,
    pledge_withdraw,
)
from samenleren.network.models import Organisation

from ..auth import API_AUTH
from ..pagination import Paged
from ..schemas import ErrorOut
from ..schemas_activities import ValidationErrorOut
from ..schemas_demand import AlreadyPledgedOut, CampaignOut, PledgeCreatedOut, PledgeIn, ProgressOut

router = Router(tags=["interest campaigns"])


def anonymous_reader(request: HttpRequest) -> bool:
    """Campaigns are public. A token that is sent must still be valid."""
    return "authorization" not in request.headers


READ_AUTH = [*API_AUTH, anonymous_reader]


@router.get(
    "/campaigns",
    response=list[CampaignOut],
    auth=READ_AUTH,
    summary="Interest campaigns of every region, newest first (paged; no sign-in needed)",
)
@paginate(Paged)
def campaigns(request: HttpRequest, search: str = "", state: str = ""):
    today = timezone.localdate()
    return [
        {
            "id": c.pk,
            "title": c.title,
            "region": c.region.slug,
            "audience": c.audience,
            "opens_on": c.opens_on,
            "closes_on": c.closes_on,
            "is_open": c.is_open(today),
            "courses": c.course_count,
            "url": reverse("demand:campaign", args=[c.pk]),
        }
        for c in campaign_list(search=search.strip(), state=state, today=today)
    ]


@router.get(
    "/campaigns/{campaign_id}/progress",
    response={200: ProgressOut, 404: ErrorOut},
    auth=READ_AUTH,
    summary="Per course: pledges against the minimum, tipped, and travel hours saved",
    description=(
        "Pledges count named pledges plus colleagues pledged for by a school contact. Travel "
        "saved is per course against its central location (round trips for every course day; "
        "see /peilingen/reistijd/); the campaign total counts tipped courses only."
    ),
)
def campaign_progress_get(request: HttpRequest, campaign_id: int):
    campaign = access_campaign_public(pk=campaign_id)
    progress = campaign_progress(campaign=campaign)
    totals = campaign_totals(progress)
    return {
        "campaign_id": campaign.pk,
        "pledges": totals.pledges,
        "courses_tipped": totals.courses_tipped,
        "travel_hours_saved": float(totals.travel_hours_saved),
        "courses": [
            {
                "campaign_course_id": p.campaign_course.pk,
                "course_id": p.course.pk,
                "title": p.course.title,
                "provider": p.course.provider,
                "pledges": p.total,
                "named_pledges": p.named,
                "unnamed_pledges": p.unnamed,
                "minimum": p.minimum,
                "second_group_at": p.course.second_group_at,
                "needed": p.needed,
                "tipped": p.tipped,
                "tipped_at": p.campaign_course.tipped_at,
                "proposed_venue": p.travel.venue.name if p.travel.venue else None,
                "travel_hours_saved": float(p.travel.hours_saved),
                "travel_cost_saved": float(p.travel.cost_saved),
            }
            for p in progress
        ],
    }


@router.post(
    "/campaigns/{campaign_id}/pledges",
    response={
        201: PledgeCreatedOut,
        400: ValidationErrorOut,
        404: ErrorOut,
        409: AlreadyPledgedOut,
    },
    summary="Pledge your interest in a course of the campaign",
    description=(
        "A second active pledge for the same course answers 409 with the existing pledge's id; "
        "a closed campaign answers 400. `organisation_id` must be one of your current "
        "organisations (default: your main one)."
    ),
)
def pledge_add(request: HttpRequest, campaign_id: int, payload: PledgeIn):
    campaign = access_campaign_public(pk=campaign_id)
    if not CampaignCourse.objects.filter(pk=payload.campaign_course_id, campaign=campaign).exists():
        raise ValidationError(
            {"campaign_course_id": [_("This course is not part of the campaign.")]}
        )
    organisations = Organisation.objects.filter(
        affiliations__person=request.user, affiliations__ended_on__isnull=True
    ).order_by("-affiliations__is_primary", "name")
    organisation = organisations.first()
    if payload.organisation_id is not None:
        organisation = organisations.filter(pk=payload.organisation_id).first()
        if organisation is None:
            raise ValidationError({"organisation_id": [_("You do not work at this organisation.")]})
    try:
        pledge = pledge_create(
            campaign_course_id=payload.campaign_course_id,
            person=request.user,
            organisation=organisation,
            months=payload.months,
            weekdays=payload.weekdays,
            max_travel_minutes=payload.max_travel_minutes,
            note=payload.note,
        )
    except AlreadyPledged as error:
        return Status(409, {"detail": error.messages[0], "id": error.pledge.pk})
    except PledgeError as error:
        if getattr(error, "code", None) == "unknown":
            raise Http404 from None
        raise
    tipped = CampaignCourse.objects.filter(
        pk=payload.campaign_course_id, tipped_at__isnull=False
    ).exists()
    return Status(
        201,
        {"id": pledge.pk, "campaign_course_id": payload.campaign_course_id, "tipped": tipped},
    )


@router.delete(
    "/pledges/{pledge_id}",
    response={204: None, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Withdraw your pledge",
    description="Only your own pledges. A course that has tipped stays tipped.",
)
def pledge_delete(request: HttpRequest, pledge_id: int):
    pledge = access_own_pledge(user=request.user, pk=pledge_id)
    pledge_withdraw(pledge_id=pledge.pk, actor=request.user)
    return Status(204, None)
