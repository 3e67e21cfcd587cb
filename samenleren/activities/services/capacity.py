"""Counting places, always from rows, always inside the caller's locked transaction."""

from datetime import datetime

from django.db.models import Count, Q

from ..models import SEAT_HOLDING, Activity, Registration


def quotas_active(activity: Activity, now: datetime) -> bool:
    return activity.quota_release_at is not None and now < activity.quota_release_at


def places_available(*, activity: Activity, organisation_id: int | None, now: datetime) -> int:
    """Free places for someone of this organisation: capacity minus places held, minus the
    unused places other schools still have reserved (until the quotas are released)."""
    held = Registration.objects.filter(activity=activity, status__in=SEAT_HOLDING)
    taken = held.count()
    reserved_for_others = 0
    if quotas_active(activity, now):
        used = dict(
            held.exclude(organisation__isnull=True)
            .values_list("organisation_id")
            .annotate(n=Count("pk"))
            .values_list("organisation_id", "n")
        )
        for quota in activity.quotas.exclude(organisation_id=organisation_id):
            reserved_for_others += max(quota.places - used.get(quota.organisation_id, 0), 0)
    return activity.capacity - taken - reserved_for_others


def places_summary(activity: Activity) -> dict:
    """What the calendar shows: places left and the length of the waiting list."""
    counts = Registration.objects.filter(activity=activity).aggregate(
        held=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
        waiting=Count("pk", filter=Q(status="waitlisted")),
    )
    return {
        "capacity": activity.capacity,
        "left": max(activity.capacity - counts["held"], 0),
        "waiting": counts["waiting"],
    }
