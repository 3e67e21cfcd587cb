"""Progress of campaigns and courses (pledge counts, tipping) and a person's pledges at home."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from samenleren.network.models import SCHOOL_KINDS, Organisation, Subregion

from ..models import Campaign, CampaignCourse, ExternalCourse, Pledge, UnnamedPledge
from .venue import (
    NO_SAVING,
    VENUE_CHOICES,
    Origin,
    TravelSaving,
    VenueOption,
    _activity_venue,
    _equipment_by_organisation,
    _saving,
    _venue_options,
    _with_coordinates,
)

# --- Mijn Samen Leren ---------------------------------------------------------------------------


@dataclass
class PledgeProgress:
    pledge: Pledge
    total: int  # active named pledges plus colleagues pledged for, for the course

    @property
    def campaign_course(self) -> CampaignCourse:
        return self.pledge.campaign_course

    @property
    def needed(self) -> int:
        return max(self.campaign_course.course.min_participants - self.total, 0)

    @property
    def tipped(self) -> bool:
        return self.campaign_course.tipped_at is not None


def open_campaigns_for(*, person, today: date | None = None, limit: int = 5) -> list[Campaign]:
    """Open campaigns of the regions where the person works now, in which they have not pledged
    for any course yet; closing soonest first. One query."""
    today = today or timezone.localdate()
    from samenleren.network.models import Affiliation

    regions = Affiliation.objects.filter(person=person, ended_on__isnull=True).values(
        "organisation__region_id"
    )
    pledged = Pledge.objects.filter(
        person=person, withdrawn_at__isnull=True, campaign_course__campaign=OuterRef("pk")
    )
    return list(
        Campaign.objects.filter(region_id__in=regions, opens_on__lte=today, closes_on__gte=today)
        .exclude(Exists(pledged))
        .order_by("closes_on", "title")[:limit]
    )


def pledge_progress_of(
    *, person, today: date | None = None, limit: int = 5
) -> list[PledgeProgress]:
    """The person's active pledges in campaigns still open or for courses that tipped, newest
    first, each with the course's count so far. One query."""
    today = today or timezone.localdate()
    named = (
        Pledge.objects.filter(
            campaign_course=OuterRef("campaign_course"), withdrawn_at__isnull=True
        )
        .values("campaign_course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    unnamed = (
        UnnamedPledge.objects.filter(campaign_course=OuterRef("campaign_course"))
        .values("campaign_course")
        .annotate(n=Sum("count"))
        .values("n")
    )
    pledges = (
        Pledge.objects.filter(person=person, withdrawn_at__isnull=True)
        .filter(
            Q(campaign_course__campaign__closes_on__gte=today)
            | Q(campaign_course__tipped_at__isnull=False)
        )
        .select_related("campaign_course__course", "campaign_course__campaign")
        .annotate(
            named_count=Coalesce(Subquery(named), 0),
            unnamed_count=Coalesce(Subquery(unnamed), 0),
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    return [PledgeProgress(p, p.named_count + p.unnamed_count) for p in pledges]


# --- counting -----------------------------------------------------------------------------------


def pledge_count(*, campaign_course_id: int) -> int:
    """Active named pledges plus colleagues pledged for by their school contact, from the rows."""
    named = Pledge.objects.filter(
        campaign_course_id=campaign_course_id, withdrawn_at__isnull=True
    ).count()
    unnamed = (
        UnnamedPledge.objects.filter(campaign_course_id=campaign_course_id).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    return named + unnamed


@dataclass
class SubregionProgress:
    name: str
    pledges: int
    needed: int


@dataclass
class CourseProgress:
    campaign_course: CampaignCourse
    named: int
    unnamed: int
    subregions: list[SubregionProgress] = field(default_factory=list)
    schools: list[tuple[str, int]] = field(default_factory=list)
    venues: list[VenueOption] = field(default_factory=list)
    travel: TravelSaving = NO_SAVING
    unplaced: int = 0  # pledgers without a school with coordinates

    @property
    def course(self) -> ExternalCourse:
        return self.campaign_course.course

    @property
    def total(self) -> int:
        return self.named + self.unnamed

    @property
    def minimum(self) -> int:
        return self.course.min_participants

    @property
    def needed(self) -> int:
        return max(self.minimum - self.total, 0)

    @property
    def tipped(self) -> bool:
        return self.campaign_course.tipped_at is not None

    @property
    def second_group_needed(self) -> int | None:
        target = self.course.second_group_at
        return max(target - self.total, 0) if target else None

    @property
    def percent(self) -> int:
        return min(round(100 * self.total / self.minimum), 100) if self.minimum else 100


def campaign_progress(
    *, campaign: Campaign, with_travel: bool = True, only: int | None = None
) -> list[CourseProgress]:
    """Per course of the campaign: pledges (named and for colleagues), per subregion and school,
    the best venues and the travel time saved. A fixed number of queries, whatever the size."""
    region_id = campaign.region_id
    campaign_courses = list(
        CampaignCourse.objects.filter(campaign=campaign)
        .select_related("course", "activity")
        .order_by("course__title")
    )
    if only is not None:
        campaign_courses = [cc for cc in campaign_courses if cc.pk == only]
    ids = [cc.pk for cc in campaign_courses]
    organisations = {
        o.pk: _with_coordinates(o)
        for o in Organisation.objects.filter(region_id=region_id).select_related("subregion")
    }
    people: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    limits: dict[int, dict[int | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    named: dict[int, int] = defaultdict(int)
    for cc_id, organisation_id, max_minutes in Pledge.objects.filter(
        campaign_course_id__in=ids, withdrawn_at__isnull=True
    ).values_list("campaign_course_id", "organisation_id", "max_travel_minutes"):
        named[cc_id] += 1
        people[cc_id][organisation_id] += 1
        if max_minutes is not None:
            limits[cc_id][organisation_id].append(max_minutes)
    unnamed: dict[int, int] = defaultdict(int)
    for cc_id, organisation_id, count in UnnamedPledge.objects.filter(
        campaign_course_id__in=ids, count__gt=0
    ).values_list("campaign_course_id", "organisation_id", "count"):
        unnamed[cc_id] += count
        people[cc_id][organisation_id] += count
    subregion_names = list(
        Subregion.objects.filter(region_id=region_id)
        .order_by("name")
        .values_list("name", flat=True)
    )
    equipment = _equipment_by_organisation(region_id) if with_travel else {}
    candidates = [
        o
        for o in organisations.values()
        if o.is_active and o.coordinates is not None and o.kind in SCHOOL_KINDS
    ]
    result = []
    for cc in campaign_courses:
        counts = people[cc.pk]
        minimum = cc.course.min_participants
        by_subregion: dict[str, int] = dict.fromkeys(subregion_names, 0)
        schools: dict[str, int] = defaultdict(int)
        origins: list[Origin] = []
        unplaced = 0
        for organisation_id, n in counts.items():
            organisation = organisations.get(organisation_id)
            if organisation is None:
                unplaced += n
                continue
            schools[organisation.name] += n
            if organisation.subregion is not None:
                by_subregion[organisation.subregion.name] = (
                    by_subregion.get(organisation.subregion.name, 0) + n
                )
            if organisation.coordinates is None:
                unplaced += n
            else:
                origins.append(Origin(organisation, n, limits[cc.pk][organisation_id]))
        progress = CourseProgress(
            campaign_course=cc,
            named=named[cc.pk],
            unnamed=unnamed[cc.pk],
            subregions=[
                SubregionProgress(name, n, max(minimum - n, 0)) for name, n in by_subregion.items()
            ],
            schools=sorted(schools.items(), key=lambda item: (-item[1], item[0])),
            unplaced=unplaced,
        )
        if with_travel and origins:
            progress.venues = _venue_options(origins, cc.course, candidates, equipment)[
                :VENUE_CHOICES
            ]
            venue = _activity_venue(cc, organisations) or (
                progress.venues[0].organisation if progress.venues else None
            )
            progress.travel = _saving(origins, cc.course, venue)
        result.append(progress)
    return result


@dataclass
class CampaignTotals:
    pledges: int
    courses_tipped: int
    courses_open: int
    travel_hours_saved: Decimal
    travel_cost_saved: Decimal
    round_trips: int


def campaign_totals(progress: list[CourseProgress]) -> CampaignTotals:
    """Travel saved counts only courses that tipped: those are the ones that will run in the
    region."""
    tipped = [p for p in progress if p.tipped]
    return CampaignTotals(
        pledges=sum(p.total for p in progress),
        courses_tipped=len(tipped),
        courses_open=len(progress) - len(tipped),
        travel_hours_saved=sum((p.travel.hours_saved for p in tipped), Decimal("0")),
        travel_cost_saved=sum((p.travel.cost_saved for p in tipped), Decimal("0")),
        round_trips=sum(p.travel.round_trips for p in tipped),
    )
