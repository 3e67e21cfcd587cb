"""The access_* checks: the only way views fetch a protected campaign, course, pledge or holiday."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenleren.network.selectors import roles_of

from ..models import Campaign, CampaignCourse, ExternalCourse, Pledge, SchoolHoliday


def access_campaign_public(*, pk: int) -> Campaign:
    """Campaign pages are public: anyone may read them without logging in."""
    campaign = Campaign.objects.select_related("region").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _require_coordinator(user, region_id: int) -> None:
    if not user.is_authenticated:
        raise PermissionDenied
    if region_id not in roles_of(user).coordinator_regions:
        raise PermissionDenied


def access_campaign_manage(*, user, pk: int) -> Campaign:
    campaign = access_campaign_public(pk=pk)
    _require_coordinator(user, campaign.region_id)
    return campaign


def access_campaign_course_public(*, pk: int) -> CampaignCourse:
    campaign_course = (
        CampaignCourse.objects.select_related("campaign__region", "course", "activity")
        .filter(pk=pk)
        .first()
    )
    if campaign_course is None:
        raise Http404
    return campaign_course


def access_campaign_course_manage(*, user, pk: int) -> CampaignCourse:
    campaign_course = access_campaign_course_public(pk=pk)
    _require_coordinator(user, campaign_course.campaign.region_id)
    return campaign_course


def access_course_manage(*, user, pk: int) -> ExternalCourse:
    course = ExternalCourse.objects.filter(pk=pk).first()
    if course is None:
        raise Http404
    _require_coordinator(user, course.region_id)
    return course


def access_own_pledge(*, user, pk: int) -> Pledge:
    if not user.is_authenticated:
        raise PermissionDenied
    pledge = Pledge.objects.filter(pk=pk, person=user).first()
    if pledge is None:
        raise Http404
    return pledge


def access_holiday_manage(*, user, pk: int) -> SchoolHoliday:
    holiday = SchoolHoliday.objects.filter(pk=pk).first()
    if holiday is None:
        raise Http404
    _require_coordinator(user, holiday.region_id)
    return holiday
