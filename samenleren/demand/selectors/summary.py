"""The contract selectors other apps read: demand_summary, pledges_by_organisation, pledges_of."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from ..models import Campaign, Pledge, UnnamedPledge
from .progress import campaign_progress, campaign_totals


def pledges_of(*, person) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(person=person)
        .select_related("campaign_course__campaign", "campaign_course__course", "organisation")
        .order_by("-created_at")
    )


def demand_summary(*, region, start: date, end: date) -> dict:
    """Campaigns of the region that were open at some time in [start, end]: pledges (named and
    for colleagues), courses tipped and still open, and travel hours saved by tipped courses."""
    pledges = 0
    tipped = 0
    still_open = 0
    hours = Decimal("0")
    for campaign in Campaign.objects.filter(region=region, opens_on__lte=end, closes_on__gte=start):
        progress = campaign_progress(campaign=campaign)
        totals = campaign_totals(progress)
        pledges += totals.pledges
        tipped += totals.courses_tipped
        still_open += totals.courses_open
        hours += totals.travel_hours_saved
    return {
        "pledges": pledges,
        "courses_tipped": tipped,
        "courses_open": still_open,
        "travel_hours_saved": hours,
    }


def pledges_by_organisation(*, region, start: date, end: date) -> dict[int, int]:
    """Organisation id -> active pledges (named and for colleagues) in campaigns of the region
    open at some time in [start, end]."""
    in_period = Q(
        campaign_course__campaign__region=region,
        campaign_course__campaign__opens_on__lte=end,
        campaign_course__campaign__closes_on__gte=start,
    )
    result: dict[int, int] = defaultdict(int)
    for organisation_id, n in (
        Pledge.objects.filter(in_period, withdrawn_at__isnull=True, organisation__isnull=False)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    ):
        result[organisation_id] += n
    for organisation_id, n in (
        UnnamedPledge.objects.filter(in_period)
        .values("organisation_id")
        .annotate(n=Sum("count"))
        .values_list("organisation_id", "n")
    ):
        result[organisation_id] += n or 0
    return dict(result)
