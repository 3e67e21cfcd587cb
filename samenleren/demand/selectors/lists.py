"""Lists for the pages: campaigns, the course catalogue and a region's school holidays."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from samenleren.network.models import Region

from ..models import Campaign, ExternalCourse, SchoolHoliday

STATE_OPEN, STATE_UPCOMING, STATE_CLOSED = "open", "upcoming", "closed"


def campaign_list(
    *, region: Region | None = None, search: str = "", state: str = "", today: date | None = None
) -> QuerySet[Campaign]:
    today = today or timezone.localdate()
    campaigns = Campaign.objects.select_related("region").annotate(
        course_count=Count("campaign_courses", distinct=True),
        tipped_count=Count(
            "campaign_courses", filter=Q(campaign_courses__tipped_at__isnull=False), distinct=True
        ),
    )
    if region is not None:
        campaigns = campaigns.filter(region=region)
    if search:
        campaigns = campaigns.filter(
            Q(title__icontains=search)
            | Q(audience__icontains=search)
            | Q(courses__title__icontains=search)
        ).distinct()
    if state == STATE_OPEN:
        campaigns = campaigns.filter(opens_on__lte=today, closes_on__gte=today)
    elif state == STATE_UPCOMING:
        campaigns = campaigns.filter(opens_on__gt=today)
    elif state == STATE_CLOSED:
        campaigns = campaigns.filter(closes_on__lt=today)
    return campaigns.order_by("-opens_on", "title")


def course_list(*, region: Region, search: str = "", profile: str = "") -> QuerySet:
    courses = ExternalCourse.objects.filter(region=region).prefetch_related("profiles")
    if search:
        courses = courses.filter(
            Q(title__icontains=search)
            | Q(provider__icontains=search)
            | Q(location_name__icontains=search)
        )
    if profile:
        courses = courses.filter(profiles__code=profile)
    return courses.order_by("title", "provider")


def holidays_of(*, region: Region) -> QuerySet[SchoolHoliday]:
    return SchoolHoliday.objects.filter(region=region).order_by("starts_on")


def holiday_on(*, region_id: int, day: date) -> SchoolHoliday | None:
    return SchoolHoliday.objects.filter(
        region_id=region_id, starts_on__lte=day, ends_on__gte=day
    ).first()
