"""Conversion: a course that tipped becomes a calendar activity at the chosen venue and date,
and its pledgers are offered a place first, in the order they pledged, before registration
opens to everyone (after the claim window)."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.activities.models import Activity, ActivityKind
from samenleren.activities.services.activity import activity_publish, activity_save
from samenleren.activities.services.registration import places_offer_first
from samenleren.core.services import audit_log
from samenleren.network.models import Organisation

from ..models import CampaignCourse, Pledge


def pledgers_in_order(*, campaign_course: CampaignCourse) -> list[Pledge]:
    return list(
        Pledge.objects.filter(campaign_course=campaign_course, withdrawn_at__isnull=True)
        .select_related("person", "organisation")
        .order_by("created_at", "pk")
    )


def course_convert(
    *,
    actor: User,
    campaign_course: CampaignCourse,
    venue: Organisation,
    day: date,
    starts_at: time,
    ends_at: time,
    capacity: int,
    claim_hours: int = 72,
    now: datetime | None = None,
) -> Activity:
    """Make the calendar activity (kind training, published; registration for everyone opens
    after the claim window) and offer the pledgers a place first."""
    now = now or timezone.now()
    course = campaign_course.course
    if campaign_course.tipped_at is None:
        raise ValidationError(_("Only a course that has tipped can become an activity."))
    if campaign_course.activity_id is not None:
        raise ValidationError(_("This course has already become an activity."))
    if venue.region_id != campaign_course.campaign.region_id:
        raise ValidationError({"venue": _("Choose a venue in the campaign's region.")})
    if claim_hours < 1:
        raise ValidationError({"claim_hours": _("Give the pledgers at least one hour.")})
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, starts_at), tz)
    end = timezone.make_aware(datetime.combine(day, ends_at), tz)
    opens = now + timedelta(hours=claim_hours)
    if start <= opens:
        raise ValidationError(
            {"date": _("Choose a date after the claim window, so the pledgers can claim first.")}
        )
    pledges = pledgers_in_order(campaign_course=campaign_course)
    activity = Activity(
        region=campaign_course.campaign.region,
        title=course.title[:200],
        kind=ActivityKind.TRAINING,
        summary=(
            _("Regional group of %(provider)s, after an interest campaign.")
            % {"provider": course.provider}
        )[:300],
        description=course.description,
        provider=course.provider,
        capacity=capacity,
        min_participants=min(course.min_participants, capacity),
        price=course.price,
        claim_hours=claim_hours,
        registration_opens_at=opens,
        organiser=actor,
    )
    with transaction.atomic():
        locked = CampaignCourse.objects.select_for_update().get(pk=campaign_course.pk)
        if locked.activity_id is not None:
            raise ValidationError(_("This course has already become an activity."))
        activity_save(
            actor=actor,
            activity=activity,
            sessions=[
                {
                    "starts_at": start,
                    "ends_at": end,
                    "venue": venue,
                    "address": ", ".join(p for p in (venue.street, venue.city) if p),
                    "study_hours": course.hours,
                }
            ],
            profiles=list(course.profiles.all()),
        )
        activity_publish(actor=actor, activity=activity, now=now)
        locked.activity = activity
        locked.save(update_fields=["activity"])
        audit_log(
            actor=actor,
            action="demand.convert",
            target=locked,
            campaign_course_id=locked.pk,
            activity_id=activity.pk,
        )
    campaign_course.activity = activity
    # Its own durable, locked transaction (docs/locking.md), right after the activity exists.
    places_offer_first(
        activity_id=activity.pk,
        people=[(pledge.person, pledge.organisation) for pledge in pledges],
        now=now,
    )
    return activity
