"""A long waiting list means demand for another session: the coordinators are told once."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from samenleren.activities.models import Activity, ActivityStatus, RegistrationStatus

from ..models import WaitlistAlert

DEFAULT_THRESHOLD = 10


def waitlist_threshold() -> int:
    return getattr(settings, "DEMAND_WAITLIST_THRESHOLD", DEFAULT_THRESHOLD)


def waitlist_alerts_send(*, threshold: int | None = None, now: datetime | None = None) -> int:
    """Activities still to come whose waiting list has reached the threshold, each told once.
    Returns the number of activities the coordinators were told about in this run."""
    threshold = threshold or waitlist_threshold()
    now = now or timezone.now()
    due = (
        Activity.objects.filter(status=ActivityStatus.PUBLISHED)
        .annotate(
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
            first_start=Min("sessions__starts_at"),
        )
        .filter(waiting__gte=threshold, first_start__gt=now)
        .exclude(pk__in=WaitlistAlert.objects.values("activity_id"))
    )
    from ..tasks import send_waitlist_mail

    count = 0
    for activity in due:
        try:
            with transaction.atomic():
                WaitlistAlert.objects.create(activity=activity, waiting=activity.waiting)
                transaction.on_commit(
                    lambda pk=activity.pk: send_waitlist_mail.enqueue(activity_id=pk)
                )
        except IntegrityError:  # another run told them just now
            continue
        count += 1
    return count
