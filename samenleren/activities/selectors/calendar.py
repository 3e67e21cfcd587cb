"""Reads for the public calendar, the detail page, 'my registrations' and the calendar feeds.

Everything here is read-only. Lists are built so that their number of queries does not grow
with the number of activities: counts are annotated as subqueries, sessions and profiles are
prefetched.
"""

import calendar as pycalendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.core.text import analyse
from samenleren.network.models import (
    Affiliation,
    Function,
    Organisation,
    Profile,
    Region,
    Subregion,
)

from ..models import (
    CURRENT,
    SEAT_HOLDING,
    Activity,
    ActivityStatus,
    CalendarFeed,
    Level,
    Registration,
    RegistrationStatus,
    Session,
    SessionAbsence,
)
from ..services.capacity import QuotaPlaces, quota_places, quotas_active
from .access import is_coordinator_of, is_trainer_of

# The calendar's range of years: outside it, dates are typing mistakes (and year 9999 would
# overflow when the day after is computed).
FIRST_YEAR, LAST_YEAR = 2000, 2100
ONLINE = "online"
PHYSICAL = "fysiek"
# How far back the feeds reach, so a calendar app still shows what happened recently.
FEED_HISTORY = timedelta(days=180)


# --- the calendar list and month ----------------------------------------------------------------


@dataclass(frozen=True)
class CalendarFilters:
    search: str = ""
    kind: str = ""
    profile: str = ""
    region: str = ""  # slug
    subregion_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    form: str = ""  # ONLINE, PHYSICAL or ""
    places_left: bool = False

    @property
    def active(self) -> bool:
        return any(
            (
                self.search,
                self.kind,
                self.profile,
                self.region,
                self.subregion_id,
                self.date_from,
                self.date_to,
                self.form,
                self.places_left,
            )
        )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) subquery for an annotation (never joins, so never multiplies)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("activity_id").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def absent_holders() -> Coalesce:
    """For a session query: how many people holding a place said they will miss it."""
    return Coalesce(
        Subquery(
            SessionAbsence.objects.filter(
                session_id=OuterRef("pk"), registration__status__in=SEAT_HOLDING
            )
            .order_by()
            .values("session_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _session_places_left() -> Subquery:
    """The fewest places left in any session of the activity with its own capacity (NULL when
    none has one): its capacity minus the activity's holders who will be there."""
    left = (
        Session.objects.filter(activity_id=OuterRef("pk"), capacity__isnull=False)
        .annotate(left=F("capacity") - OuterRef("places_held") + absent_holders())
        .order_by("left")
        .values("left")[:1]
    )
    return Subquery(left, output_field=IntegerField())


def with_places(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate `places_held`, `places_left` and `waiting_count`, counted from the rows.

    `places_left` is what a new registration can get: it comes to every session, so it is the
    smallest of the activity's places left and those of each session with its own capacity."""
    own = Registration.objects.filter(activity_id=OuterRef("pk"))
    activity_left = F("capacity") - F("places_held")
    return queryset.annotate(
        places_held=_count(own.filter(status__in=SEAT_HOLDING)),
        waiting_count=_count(own.filter(status=RegistrationStatus.WAITLISTED)),
    ).annotate(
        places_left=Greatest(
            Least(activity_left, Coalesce(_session_places_left(), activity_left)), Value(0)
        )
    )


def _with_study_hours(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    hours = (
        Session.objects.filter(activity_id=OuterRef("pk"))
        .order_by()
        .values("activity_id")
        .annotate(total=Sum("study_hours"))
        .values("total")[:1]
    )
    decimal = DecimalField(max_digits=7, decimal_places=2)
    return queryset.annotate(
        study_hours_total=Coalesce(
            Subquery(hours, output_field=decimal), Value(Decimal("0"), output_field=decimal)
        )
    )


def _filtered(queryset: QuerySet[Activity], filters: CalendarFilters) -> QuerySet[Activity]:
    sessions = Session.objects.filter(activity_id=OuterRef("pk"))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.profile:
        queryset = queryset.filter(
            Exists(Profile.objects.filter(code=filters.profile, activities=OuterRef("pk")))
        )
    if filters.region:
        queryset = queryset.filter(region__slug=filters.region)
    if filters.subregion_id:
        # Where the activity takes place: the subregion of the first session's venue. An
        # activity without a venue (online, or only an address) belongs to its whole region.
        subregion = Subregion.objects.filter(pk=filters.subregion_id).first()
        first_venue_subregion = sessions.order_by("starts_at", "pk").values("venue__subregion_id")[
            :1
        ]
        queryset = queryset.annotate(
            first_venue_subregion=Subquery(first_venue_subregion, output_field=IntegerField())
        ).filter(
            Q(first_venue_subregion=filters.subregion_id)
            | Q(
                first_venue_subregion__isnull=True,
                region_id=subregion.region_id if subregion else None,
            )
        )
    if filters.date_from:
        queryset = queryset.filter(
            Exists(sessions.filter(ends_at__gte=_day_start(filters.date_from)))
        )
    if filters.date_to:
        queryset = queryset.filter(
            Exists(sessions.filter(starts_at__lt=_day_start(filters.date_to + timedelta(days=1))))
        )
    if filters.form == ONLINE:
        queryset = queryset.filter(
            Exists(sessions.exclude(online_url="").filter(venue__isnull=True, address=""))
        )
    elif filters.form == PHYSICAL:
        queryset = queryset.filter(
            Exists(sessions.filter(Q(venue__isnull=False) | Q(lab__isnull=False) | ~Q(address="")))
        )
    for stem in analyse(filters.search):
        queryset = queryset.filter(search_text__contains=f" {stem} ")
    if filters.places_left:
        queryset = queryset.filter(status=ActivityStatus.PUBLISHED, places_left__gt=0)
    return queryset


def calendar_activities(
    *, filters: CalendarFilters, now: datetime | None = None
) -> QuerySet[Activity]:
    """Published activities of all regions with a session that has not ended yet, and
    cancelled ones that would still be coming (marked as cancelled), soonest first."""
    now = now or timezone.now()
    upcoming = Session.objects.filter(activity_id=OuterRef("pk"), ends_at__gte=now)
    queryset = with_places(
        Activity.objects.filter(
            status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED]
        ).filter(Exists(upcoming))
    )
    queryset = _filtered(queryset, filters)
    queryset = _with_study_hours(queryset).annotate(
        next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1])
    )
    return (
        queryset.select_related("region")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("venue", "lab").order_by("starts_at"),
                to_attr="session_list",
            ),
            "target_profiles",
        )
        .order_by("next_start", "pk")
    )


@dataclass
class MonthDay:
    day: date
    in_month: bool
    is_today: bool
    sessions: list[Session] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[MonthDay]]
    previous: date
    next: date
    session_count: int


def month_of(value: str | None, today: date) -> date:
    """'2026-12' as the first day of that month; anything else is this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def calendar_month(*, filters: CalendarFilters, first: date, today: date) -> Month:
    """A month as weeks of days (Monday first), each day with the sessions on it."""
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    month_start = _day_start(first)
    month_end = _day_start(last + timedelta(days=1))
    activities = _filtered(
        with_places(
            Activity.objects.filter(status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED])
        ),
        filters,
    )
    sessions = list(
        Session.objects.filter(
            activity__in=activities.values("pk"), starts_at__lt=month_end, ends_at__gt=month_start
        )
        .select_related("activity")
        .order_by("starts_at", "pk")
    )
    by_day: dict[date, list[Session]] = defaultdict(list)
    for session in sessions:
        day = max(timezone.localdate(session.starts_at), first)
        end = min(timezone.localdate(session.ends_at), last)
        while day <= end:
            by_day[day].append(session)
            day += timedelta(days=1)
    weeks = [
        [
            MonthDay(
                day=d, in_month=d.month == first.month, is_today=d == today, sessions=by_day[d]
            )
            for d in week
        ]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return Month(
        first=first, weeks=weeks, previous=previous, next=following, session_count=len(sessions)
    )


def filter_choices() -> dict:
    """The options of the calendar's filters: three small queries, however many activities."""
    regions = list(Region.objects.order_by("name"))
    by_region: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for subregion in Subregion.objects.order_by("name"):
        by_region[subregion.region_id].append((subregion.pk, subregion.name))
    return {
        "regions": [(region.slug, region.name) for region in regions],
        "subregions": [
            (region.name, by_region[region.pk]) for region in regions if by_region[region.pk]
        ],
        "profiles": [(profile.code, profile.label) for profile in Profile.objects.order_by("code")],
    }


# --- the detail page ----------------------------------------------------------------------------


@dataclass
class ActivityDetail:
    activity: Activity
    sessions: list[Session]
    study_hours: Decimal
    places_left: int  # for a new registration: the activity and every session
    places_held: int  # in the activity
    waiting: int
    profiles: list[Profile]
    functions: list[str]
    levels: list[str]
    registration: Registration | None
    waitlist_position: int | None
    absent_session_ids: set[int]
    show_online_links: bool
    # While school quotas are active: what they keep, seen from the person's own school.
    quota: QuotaPlaces = field(default_factory=QuotaPlaces)

    @property
    def places_kept(self) -> int:
        """Of the places left, those kept for other schools' quotas until their release."""
        return min(self.quota.reserved_for_others, self.places_left)

    @property
    def places_for_you(self) -> int:
        """Places a new registration from this person's school can still get."""
        return self.places_left - self.places_kept

    @property
    def full_for_you(self) -> bool:
        """Not full, but every place left is kept for other schools."""
        return not self.full and self.places_for_you <= 0

    @property
    def first_start(self) -> datetime | None:
        return self.sessions[0].starts_at if self.sessions else None

    @property
    def is_series(self) -> bool:
        return len(self.sessions) > 1

    @property
    def cancel_until(self) -> datetime | None:
        """Until when participants may cancel themselves (the deadline, else the start)."""
        return self.activity.cancellation_deadline or self.first_start

    @property
    def may_cancel_place(self) -> bool:
        return self.cancel_until is None or timezone.now() < self.cancel_until

    @property
    def full(self) -> bool:
        return self.places_left <= 0

    @property
    def full_sessions(self) -> list[Session]:
        """The sessions with their own capacity that have no place left."""
        return [s for s in self.sessions if s.capacity is not None and s.places_left <= 0]

    @property
    def full_in_a_session(self) -> bool:
        """Full only because of a session with its own capacity: the activity has room."""
        return self.full and self.places_held < self.activity.capacity

    @property
    def full_session_days(self) -> str:
        """'Tuesday 12 March and Tuesday 19 March', in the current language; with the time when
        another session is on the same day."""
        days = [timezone.localdate(s.starts_at) for s in self.sessions]
        named = []
        for session in self.full_sessions:
            local = timezone.localtime(session.starts_at)
            day = date_format(local, "l j F")
            if days.count(local.date()) > 1:
                day = _("%(day)s at %(time)s") % {"day": day, "time": date_format(local, "H:i")}
            named.append(day)
        return get_text_list(named, _("and"))


def _labels(codes: list, choices: type) -> list[str]:
    known = dict(choices.choices)
    return [str(known[code]) for code in codes if code in known]


def waitlist_positions(queryset: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate `position` on the waiting list (None for others), counted as the registration
    service counts it (services.registration.waitlist_position), in one query for a list."""
    ahead = Registration.objects.filter(
        Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
        | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lte=OuterRef("pk")),
        activity_id=OuterRef("activity_id"),
        status=RegistrationStatus.WAITLISTED,
    )
    count = Subquery(
        ahead.order_by().values("activity_id").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )
    return queryset.annotate(
        position=Case(When(status=RegistrationStatus.WAITLISTED, then=count), default=None)
    )


def activity_detail(*, activity: Activity, user) -> ActivityDetail:
    sessions = list(
        activity.sessions.select_related("venue", "lab", "lab__organisation")
        .annotate(absent_holders=absent_holders())
        .order_by("starts_at")
    )
    counts = with_places(Activity.objects.filter(pk=activity.pk)).values(
        "places_held", "places_left", "waiting_count"
    )[0]
    for session in sessions:
        # Places left in a session with its own capacity (the detail page shows them).
        if session.capacity is not None:
            here = counts["places_held"] - session.absent_holders
            session.places_left = max(session.capacity - here, 0)
    registration = None
    position = None
    absent: set[int] = set()
    if user.is_authenticated:
        registration = (
            waitlist_positions(
                Registration.objects.filter(
                    activity=activity, person=user, status__in=CURRENT
                ).select_related("organisation")
            )
            .prefetch_related("absences")
            .first()
        )
        if registration is not None:
            position = registration.position
            absent = {absence.session_id for absence in registration.absences.all()}
    quota, now = QuotaPlaces(), timezone.now()
    if registration is None and quotas_active(activity, now):
        # Seen from the school a registration would count for (none when not logged in).
        school = registration_functions(person=user)[1] if user.is_authenticated else None
        quota = quota_places(activity=activity, organisation_id=school, now=now)
    show_links = bool(registration and registration.holds_seat) or (
        user.is_authenticated
        and (is_coordinator_of(user, activity) or is_trainer_of(user, activity))
    )
    return ActivityDetail(
        activity=activity,
        sessions=sessions,
        study_hours=sum((s.study_hours for s in sessions), Decimal("0")),
        places_left=counts["places_left"],
        places_held=counts["places_held"],
        waiting=counts["waiting_count"],
        profiles=list(activity.target_profiles.all()),
        functions=_labels(activity.target_functions, Function),
        levels=_labels(activity.target_levels, Level),
        registration=registration,
        waitlist_position=position,
        absent_session_ids=absent,
        show_online_links=show_links,
        quota=quota,
    )


# Built once: registering through the API reads it on every request (a rush of them), and
# resolving the join and ordering anew costs more CPU than the query. `filter` copies it.
_CURRENT_AFFILIATIONS = (
    Affiliation.objects.filter(ended_on__isnull=True)
    .select_related("organisation")
    .order_by("-is_primary", "organisation__name")
)


def registration_organisations(*, person) -> tuple[list[Organisation], Organisation | None, dict]:
    """The organisations a person may register for (current affiliations), the primary one,
    and the function at each (organisation pk → function code)."""
    affiliations = list(_CURRENT_AFFILIATIONS.filter(person=person))
    organisations = [a.organisation for a in affiliations]
    primary = next((a.organisation for a in affiliations if a.is_primary), None)
    functions = {a.organisation_id: a.function for a in affiliations}
    return organisations, primary or (organisations[0] if organisations else None), functions


# Built once, like the above; only the two columns registering through the API needs.
_CURRENT_FUNCTIONS = (
    Affiliation.objects.filter(ended_on__isnull=True)
    .order_by("-is_primary", "organisation__name")
    .values_list("organisation_id", "function")
)


def registration_functions(*, person) -> tuple[dict[int, str], int | None]:
    """Organisation pk -> the person's function there, for each current affiliation, and the
    organisation to register for when none is given (the primary one, else the first by name,
    as `registration_organisations`). Read on every API registration of a rush, so it builds
    no organisation objects."""
    rows = list(_CURRENT_FUNCTIONS.filter(person=person))
    return dict(rows), rows[0][0] if rows else None


# --- my registrations ---------------------------------------------------------------------------


def _registrations_of(person: User) -> QuerySet[Registration]:
    decimal = DecimalField(max_digits=7, decimal_places=2)
    sessions = Session.objects.filter(activity_id=OuterRef("activity_id")).order_by()
    return waitlist_positions(
        Registration.objects.filter(person=person)
        .select_related("activity", "activity__region", "organisation")
        .annotate(
            first_start=Subquery(sessions.order_by("starts_at").values("starts_at")[:1]),
            last_end=Subquery(sessions.order_by("-ends_at").values("ends_at")[:1]),
            study_hours_total=Coalesce(
                Subquery(
                    sessions.values("activity_id").annotate(t=Sum("study_hours")).values("t")[:1],
                    output_field=decimal,
                ),
                Value(Decimal("0"), output_field=decimal),
            ),
        )
    )


def upcoming_registrations(
    *, person: User, now: datetime | None = None, limit: int | None = None
) -> list[Registration] | QuerySet[Registration]:
    """The person's current registrations for activities that have not ended, soonest first."""
    now = now or timezone.now()
    queryset = (
        _registrations_of(person)
        .filter(status__in=CURRENT, last_end__gte=now)
        .order_by("first_start", "pk")
    )
    return list(queryset[:limit]) if limit else queryset


def past_registrations(*, person: User, now: datetime | None = None) -> QuerySet[Registration]:
    """Everything else: activities that are over, and registrations no longer current."""
    now = now or timezone.now()
    return (
        _registrations_of(person)
        .exclude(Q(status__in=CURRENT) & Q(last_end__gte=now))
        .order_by(F("first_start").desc(nulls_last=True), "-pk")
    )


def feed_exists(*, person: User) -> bool:
    return CalendarFeed.objects.filter(person=person).exists()


# --- calendar feeds -----------------------------------------------------------------------------


def feed_person(*, token: str) -> User | None:
    """The person whose personal feed this secret token opens, or None."""
    from samenleren.accounts.tokens import token_hash

    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(key_hash=token_hash(token), person__is_active=True)
        .first()
    )
    return feed.person if feed else None


def personal_feed_sessions(*, person: User, now: datetime | None = None) -> list[Session]:
    """All sessions of the person's registrations that hold a place (recent past included)."""
    now = now or timezone.now()
    return list(
        Session.objects.filter(
            Exists(
                Registration.objects.filter(
                    activity_id=OuterRef("activity_id"), person=person, status__in=SEAT_HOLDING
                )
            ),
            ends_at__gte=now - FEED_HISTORY,
        )
        .select_related("activity", "venue")
        .order_by("starts_at", "pk")
    )


def region_feed_sessions(*, region: Region, now: datetime | None = None) -> list[Session]:
    """Sessions of the region's published activities, and of cancelled ones (marked so)."""
    now = now or timezone.now()
    return list(
        Session.objects.filter(
            activity__region=region,
            activity__status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED],
            ends_at__gte=now - FEED_HISTORY,
        )
        .select_related("activity", "venue")
        .order_by("starts_at", "pk")
    )


def activity_feed_sessions(*, activity: Activity) -> list[Session]:
    return list(activity.sessions.select_related("activity", "venue").order_by("starts_at"))


def sees_online_links(*, activity: Activity, user) -> bool:
    """Online links are for people holding a place, and for the coordinators and trainers."""
    return user.is_authenticated and (
        Registration.objects.filter(
            activity=activity, person=user, status__in=SEAT_HOLDING
        ).exists()
        or is_coordinator_of(user, activity)
        or is_trainer_of(user, activity)
    )


def sessions_to_run(*, user, now: datetime | None = None, limit: int = 10) -> list[Session]:
    """Upcoming and today's sessions of the activities the user is trainer of."""
    now = now or timezone.now()
    return list(
        Session.objects.filter(
            activity__trainers=user,
            activity__status=ActivityStatus.PUBLISHED,
            ends_at__gte=now - timedelta(days=1),
        )
        .select_related("activity")
        .order_by("starts_at")[:limit]
    )
