"""Reads of the interest campaigns: access checks, progress, venue and travel time saved, the
date poll's results, and the contract selectors other apps use (demand_summary,
pledges_by_organisation)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES

from samenleren.network.models import SCHOOL_KINDS, Equipment, Organisation, Region, Subregion
from samenleren.network.selectors import roles_of
from samenleren.network.travel import trip

from .models import (
    Answer,
    Campaign,
    CampaignCourse,
    DatePoll,
    ExternalCourse,
    Pledge,
    PollAnswer,
    SchoolHoliday,
    UnnamedPledge,
)

VENUE_CHOICES = 3
HOURS = Decimal("0.1")


# --- access -------------------------------------------------------------------------------------


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


# --- lists --------------------------------------------------------------------------------------

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


def pledges_of(*, person) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(person=person)
        .select_related("campaign_course__campaign", "campaign_course__course", "organisation")
        .order_by("-created_at")
    )


def holidays_of(*, region: Region) -> QuerySet[SchoolHoliday]:
    return SchoolHoliday.objects.filter(region=region).order_by("starts_on")


def holiday_on(*, region_id: int, day: date) -> SchoolHoliday | None:
    return SchoolHoliday.objects.filter(
        region_id=region_id, starts_on__lte=day, ends_on__gte=day
    ).first()


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
class Origin:
    """Where pledgers travel from: one organisation and how many people."""

    organisation: Organisation
    people: int
    # The most travel minutes (one way) each pledger from here said they accept; people who
    # stated no maximum (and colleagues pledged for by their school contact) are not listed.
    limits: list[int] = field(default_factory=list)


@dataclass
class SubregionProgress:
    name: str
    pledges: int
    needed: int


@dataclass
class VenueOption:
    organisation: Organisation
    total_minutes: int  # one way, all pledgers together
    people: int
    too_far: int = 0  # pledgers whose stated maximum travel time is shorter than the trip


@dataclass(frozen=True)
class TravelSaving:
    venue: Organisation | None
    people: int  # pledgers whose school has coordinates
    round_trips: int  # people times course days
    central_hours: Decimal
    venue_hours: Decimal
    cost_saved: Decimal

    @property
    def hours_saved(self) -> Decimal:
        return (self.central_hours - self.venue_hours).quantize(HOURS)


NO_SAVING = TravelSaving(None, 0, 0, Decimal("0"), Decimal("0"), Decimal("0"))


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


def _equipment_by_organisation(region_id: int) -> dict[int, set[str]]:
    kinds: dict[int, set[str]] = defaultdict(set)
    for organisation_id, kind in Equipment.objects.filter(
        lab__organisation__region_id=region_id
    ).values_list("lab__organisation_id", "kind"):
        kinds[organisation_id].add(kind)
    return kinds


def _round_trip_totals(
    origins: list[Origin], destination: tuple[float, float], days: int
) -> tuple[Decimal, Decimal]:
    hours, cost = Decimal("0"), Decimal("0")
    for origin in origins:
        leg = trip(origin.organisation.coordinates, destination)
        hours += Decimal(str(leg.round_trip_hours)) * origin.people * days
        cost += leg.round_trip_cost * origin.people * days
    return hours, cost


def _venue_options(
    origins: list[Origin], course: ExternalCourse, candidates: list[Organisation], equipment
) -> list[VenueOption]:
    """Candidates with all the required equipment, ranked first by how many pledgers would travel
    longer than they said they accept, then by the total travel time of all pledgers."""
    required = set(course.equipment)
    options = []
    people = sum(o.people for o in origins)
    for venue in candidates:
        if not required <= equipment.get(venue.pk, set()):
            continue
        minutes = 0.0
        too_far = 0
        for origin in origins:
            leg = trip(origin.organisation.coordinates, venue.coordinates).minutes
            minutes += leg * origin.people
            too_far += sum(1 for limit in origin.limits if round(leg) > limit)
        options.append(VenueOption(venue, round(minutes), people, too_far))
    options.sort(
        key=lambda option: (option.too_far, option.total_minutes, option.organisation.name)
    )
    return options


def _saving(
    origins: list[Origin], course: ExternalCourse, venue: Organisation | None
) -> TravelSaving:
    if venue is None or not origins:
        return TravelSaving(venue, 0, 0, Decimal("0"), Decimal("0"), Decimal("0"))
    central_hours, central_cost = _round_trip_totals(origins, course.coordinates, course.days)
    venue_hours, venue_cost = _round_trip_totals(origins, venue.coordinates, course.days)
    people = sum(o.people for o in origins)
    return TravelSaving(
        venue=venue,
        people=people,
        round_trips=people * course.days,
        central_hours=central_hours.quantize(HOURS),
        venue_hours=venue_hours.quantize(HOURS),
        cost_saved=(central_cost - venue_cost).quantize(Decimal("0.01")),
    )


def _with_coordinates(organisation: Organisation) -> Organisation:
    organisation.coordinates = (
        (float(organisation.latitude), float(organisation.longitude))
        if organisation.latitude is not None and organisation.longitude is not None
        else None
    )
    return organisation


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


def _activity_venue(cc: CampaignCourse, organisations: dict) -> Organisation | None:
    """Once converted, the saving is counted for the venue the course actually runs at."""
    if cc.activity is None:
        return None
    session = cc.activity.sessions.filter(venue__isnull=False).first()
    return organisations.get(session.venue_id) if session else None


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


# --- date poll ----------------------------------------------------------------------------------


@dataclass
class OptionResult:
    option: object
    yes: int
    maybe: int
    no: int

    @property
    def score(self) -> tuple[int, int]:
        return (self.yes, self.maybe)


@dataclass
class Preferences:
    """What the active pledgers of a course said about months and weekdays, counted."""

    pledgers: int  # active named pledges (colleagues pledged for state no preferences)
    months: dict[int, int]  # 1..12 -> pledgers who would like that month
    weekdays: dict[int, int]  # 0 (Monday)..6 -> pledgers who would like that day
    with_months: int  # pledgers who named at least one month
    with_weekdays: int

    @property
    def top_months(self) -> list[int]:
        return _top(self.months)

    @property
    def top_weekday(self) -> int | None:
        top = _top(self.weekdays)
        return top[0] if top else None

    @property
    def month_rows(self) -> list[tuple[str, int, bool]]:
        """(month name, count, most chosen) for January to December."""
        top = set(self.top_months)
        return [(MONTH_NAMES[m], self.months[m], m in top) for m in range(1, 13)]

    @property
    def weekday_rows(self) -> list[tuple[str, int, bool]]:
        """(weekday name, count, most chosen) for Monday to Friday, and the weekend if anyone
        chose it."""
        top = self.top_weekday
        return [
            (WEEKDAY_NAMES[d], self.weekdays[d], d == top)
            for d in range(7)
            if d < 5 or self.weekdays[d]
        ]


def _top(counts: dict[int, int]) -> list[int]:
    most = max(counts.values(), default=0)
    return [key for key, n in sorted(counts.items()) if n == most] if most else []


def poll_preferences(*, campaign_course_id: int) -> Preferences:
    """Counts per month and per weekday over the active pledges of the course (one query)."""
    months = dict.fromkeys(range(1, 13), 0)
    weekdays = dict.fromkeys(range(7), 0)
    pledgers = with_months = with_weekdays = 0
    for chosen_months, chosen_days in Pledge.objects.filter(
        campaign_course_id=campaign_course_id, withdrawn_at__isnull=True
    ).values_list("months", "weekdays"):
        pledgers += 1
        with_months += bool(chosen_months)
        with_weekdays += bool(chosen_days)
        for month in set(chosen_months or []):
            if month in months:
                months[month] += 1
        for day in set(chosen_days or []):
            if day in weekdays:
                weekdays[day] += 1
    return Preferences(pledgers, months, weekdays, with_months, with_weekdays)


SUGGESTIONS = 3
SUGGESTION_HORIZON_DAYS = 366


def suggested_dates(
    *, region_id: int, preferences: Preferences, after: date, count: int = SUGGESTIONS
) -> list[date]:
    """Dates for a new date poll: on the weekday most pledgers chose (any working day if nobody
    chose one), in the months most pledgers chose first, then the next most chosen months,
    earliest first within equally liked months; never in the region's school holidays and only
    after `after` (the poll's deadline). Looks a year ahead; one query."""
    end = after + timedelta(days=SUGGESTION_HORIZON_DAYS)
    holidays = list(
        SchoolHoliday.objects.filter(
            region_id=region_id, starts_on__lte=end, ends_on__gt=after
        ).values_list("starts_on", "ends_on")
    )
    weekday = preferences.top_weekday
    candidates = []
    day = after + timedelta(days=1)
    while day <= end:
        on_weekday = day.weekday() == weekday if weekday is not None else day.weekday() < 5
        if on_weekday and not any(first <= day <= last for first, last in holidays):
            candidates.append(day)
        day += timedelta(days=1)
    candidates.sort(key=lambda d: (-preferences.months[d.month], d))
    return sorted(candidates[:count])


def poll_results(*, poll: DatePoll) -> list[OptionResult]:
    options = poll.options.annotate(
        yes=Count("answers", filter=Q(answers__answer=Answer.YES)),
        maybe=Count("answers", filter=Q(answers__answer=Answer.MAYBE)),
        no=Count("answers", filter=Q(answers__answer=Answer.NO)),
    ).order_by("date", "starts_at")
    return [OptionResult(o, o.yes, o.maybe, o.no) for o in options]


def best_option(results: list[OptionResult]) -> OptionResult | None:
    """Most 'yes', then most 'if need be', then the earliest date."""
    answered = [r for r in results if r.yes or r.maybe]
    if not answered:
        return None
    return max(answered, key=lambda r: (r.yes, r.maybe, -r.option.date.toordinal()))


def answers_of(*, poll: DatePoll, person) -> dict[int, str]:
    return dict(
        PollAnswer.objects.filter(option__poll=poll, person=person).values_list(
            "option_id", "answer"
        )
    )


def poll_respondents(*, poll: DatePoll) -> int:
    return PollAnswer.objects.filter(option__poll=poll).values("person").distinct().count()


# --- contracts for other apps (docs/architecture.md) -------------------------------------------


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
