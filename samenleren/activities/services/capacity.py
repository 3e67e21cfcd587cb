"""Counting places, always from rows, always inside the caller's locked transaction.

A registration that holds a place (SEAT_HOLDING) holds it for the activity and for every
session it did not mark as not attending (SessionAbsence). A session with its own `capacity`
is full when that many holders will be there; a session without one only has the activity's
places. See docs/locking.md.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q

from ..models import CURRENT, SEAT_HOLDING, Activity, Registration, RegistrationStatus, Session


def quotas_active(activity: Activity, now: datetime) -> bool:
    return activity.quota_release_at is not None and now < activity.quota_release_at


@dataclass(frozen=True)
class Places:
    """Free places for one person, counted inside the lock."""

    activity: int  # of the activity (after the other schools' reserved places)
    sessions: dict[int, int]  # session id -> free places, only sessions with their own capacity
    reserved_for_others: int = 0  # unused places other schools' quotas still keep

    def for_series(self, skip: frozenset[int] | set[int] = frozenset()) -> int:
        """Free places for someone who comes to every session except those in `skip`."""
        return min([self.activity, *(free for pk, free in self.sessions.items() if pk not in skip)])

    def full_sessions(self) -> list[int]:
        """The sessions with their own capacity that are full for everyone (not only because
        places in them are kept for other schools)."""
        return [pk for pk, free in self.sessions.items() if free + self.reserved_for_others <= 0]

    def why_full(self) -> str:
        """Why there is no place for a whole series: "activity" (every place is taken),
        "session" (a session with its own capacity is full) or "quota" (the places left are
        kept for other schools until the quotas are released)."""
        if self.activity + self.reserved_for_others <= 0:
            return "activity"
        return "session" if self.full_sessions() else "quota"


@dataclass(frozen=True)
class Counts:
    """What registering needs to know, counted in one statement inside the lock."""

    held: int  # places held in the activity (SEAT_HOLDING)
    # Waiting since `now` or earlier: everyone waiting, when `now` is the lock's moment.
    waiting_until_now: int
    current_id: int | None  # the person's current registration, if any


def registration_counts(*, activity: Activity, person_id: int, now: datetime) -> Counts:
    """Places held, the waiting list up to `now` and the person's current registration, in
    one aggregate statement over the activity's registrations. Call it after the lock."""
    counts = Registration.objects.filter(activity_id=activity.pk).aggregate(
        held=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED, waitlisted_at__lte=now)),
        current=Max("pk", filter=Q(person_id=person_id, status__in=CURRENT)),
    )
    return Counts(
        held=counts["held"], waiting_until_now=counts["waiting"], current_id=counts["current"]
    )


def _absent_by_session(activity_id: int, *, limited_only: bool) -> list[tuple[int, int, int]]:
    """(session id, capacity, holders who said they will miss it) per session: one aggregate
    query, never a loop."""
    sessions = Session.objects.filter(activity_id=activity_id)
    if limited_only:
        sessions = sessions.filter(capacity__isnull=False)
    return list(
        sessions.order_by()
        .annotate(
            absent=Count("absences", filter=Q(absences__registration__status__in=SEAT_HOLDING))
        )
        .values_list("pk", "capacity", "absent")
    )


def session_places_held(*, activity_id: int, held: int) -> dict[int, tuple[int | None, int]]:
    """Session id -> (its own capacity or None, places held in it), given the places `held` in
    the activity: everyone holding a place minus those who said they will miss the session."""
    return {
        pk: (capacity, held - absent)
        for pk, capacity, absent in _absent_by_session(activity_id, limited_only=False)
    }


@dataclass(frozen=True)
class QuotaPlaces:
    """The school quotas as one organisation meets them, while they are active."""

    reserved_for_others: int = 0  # places other schools' quotas keep and have not used
    own: int = 0  # places the organisation's own quota keeps (0: it has none)
    own_used: int = 0  # of those, taken by its people


def quota_places(*, activity: Activity, organisation_id: int | None, now: datetime) -> QuotaPlaces:
    """What the quotas keep for whom; nothing (and no query) once they are released or when
    the activity has none set. Two queries while they are active."""
    if not quotas_active(activity, now):
        return QuotaPlaces()
    used = dict(
        Registration.objects.filter(
            activity=activity, status__in=SEAT_HOLDING, organisation__isnull=False
        )
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    reserved_for_others = own = own_used = 0
    for school, places in activity.quotas.values_list("organisation_id", "places"):
        taken = min(used.get(school, 0), places)
        if school == organisation_id:
            own, own_used = places, taken
        else:
            reserved_for_others += places - taken
    return QuotaPlaces(reserved_for_others=reserved_for_others, own=own, own_used=own_used)


def places_free(
    *, activity: Activity, organisation_id: int | None, now: datetime, taken: int | None = None
) -> Places:
    """Free places for someone of this organisation: capacity minus places held, minus the
    unused places other schools still have reserved (until the quotas are released); the same
    for each session with its own capacity (a reserved place is a place in every session).
    `taken` is the number of places held when the caller has just counted it under the lock."""
    if taken is None:
        taken = Registration.objects.filter(activity=activity, status__in=SEAT_HOLDING).count()
    reserved_for_others = quota_places(
        activity=activity, organisation_id=organisation_id, now=now
    ).reserved_for_others
    sessions: dict[int, int] = {}
    # `_locked_activity` reads whether any session has its own capacity in the lock's
    # statement, so activities without one need no extra query.
    if getattr(activity, "has_session_capacity", True):
        sessions = {
            pk: capacity - (taken - absent) - reserved_for_others
            for pk, capacity, absent in _absent_by_session(activity.pk, limited_only=True)
        }
    return Places(
        activity=activity.capacity - taken - reserved_for_others,
        sessions=sessions,
        reserved_for_others=reserved_for_others,
    )


def places_available(
    *,
    activity: Activity,
    organisation_id: int | None,
    now: datetime,
    skip_sessions: frozenset[int] | set[int] = frozenset(),
    taken: int | None = None,
) -> int:
    """Free places for someone of this organisation who comes to every session except
    `skip_sessions`: the smallest of the activity's and those sessions' free places."""
    return places_free(
        activity=activity, organisation_id=organisation_id, now=now, taken=taken
    ).for_series(skip_sessions)


def places_summary(activity: Activity) -> dict:
    """What the calendar shows: places left and the length of the waiting list."""
    counts = Registration.objects.filter(activity_id=activity.pk).aggregate(
        held=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
        waiting=Count("pk", filter=Q(status="waitlisted")),
    )
    left = activity.capacity - counts["held"]
    for capacity, held in session_places_held(
        activity_id=activity.pk, held=counts["held"]
    ).values():
        if capacity is not None:
            left = min(left, capacity - held)
    return {"capacity": activity.capacity, "left": max(left, 0), "waiting": counts["waiting"]}
