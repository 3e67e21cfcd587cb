from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenleren.activities.models import ActivityKind, ActivityStatus, RegistrationStatus
from samenleren.demand.services.conversion import course_convert
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    coordinator_of,
)

from .factories import CampaignCourseFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def test_conversion_makes_a_published_training_and_offers_the_pledgers_first_in_order(
    django_capture_on_commit_callbacks,
):
    cc = CampaignCourseFactory(
        tipped_at=timezone.now(), course__min_participants=3, course__title="CNC-frezen"
    )
    region = cc.campaign.region
    coordinator = coordinator_of(region)
    venue = OrganisationFactory(region=region, street="Schachtstraat 12", city="Heerlen")
    pledges = []
    for minutes in (30, 20, 10):  # pledged in this order: 30, 20, 10 minutes ago
        affiliation = AffiliationFactory(organisation=OrganisationFactory(region=region))
        pledge = PledgeFactory(
            campaign_course=cc, person=affiliation.person, organisation=affiliation.organisation
        )
        pledge.created_at = timezone.now() - timedelta(minutes=minutes)
        pledge.save()
        pledges.append(pledge)
    now = timezone.now()
    day = timezone.localdate() + timedelta(days=30)

    with django_capture_on_commit_callbacks(execute=True):
        activity = course_convert(
            actor=coordinator,
            campaign_course=cc,
            venue=venue,
            day=day,
            starts_at=time(13),
            ends_at=time(17),
            capacity=2,
            claim_hours=72,
            now=now,
        )

    cc.refresh_from_db()
    assert cc.activity == activity
    assert (activity.kind, activity.status, activity.title, activity.min_participants) == (
        ActivityKind.TRAINING,
        ActivityStatus.PUBLISHED,
        "CNC-frezen",
        2,
    )
    assert activity.registration_opens_at == now + timedelta(hours=72)
    session = activity.sessions.get()
    assert (session.venue, session.address, timezone.localtime(session.starts_at).time()) == (
        venue,
        "Schachtstraat 12, Heerlen",
        time(13),
    )
    registrations = activity.registrations.order_by("pk")
    assert [(r.person, r.status) for r in registrations] == [
        (pledges[0].person, RegistrationStatus.OFFERED),
        (pledges[1].person, RegistrationStatus.OFFERED),
        (pledges[2].person, RegistrationStatus.WAITLISTED),
    ]
    assert len(mail.outbox) == 3


def test_a_course_that_has_not_tipped_or_is_converted_already_is_refused():
    cc = CampaignCourseFactory()
    venue = OrganisationFactory(region=cc.campaign.region)
    arguments = {
        "actor": coordinator_of(cc.campaign.region),
        "venue": venue,
        "day": timezone.localdate() + timedelta(days=30),
        "starts_at": time(13),
        "ends_at": time(17),
        "capacity": 12,
    }

    with pytest.raises(ValidationError):
        course_convert(campaign_course=cc, **arguments)
    cc.tipped_at = timezone.now()
    course_convert(campaign_course=cc, **arguments)
    with pytest.raises(ValidationError) as again:
        course_convert(campaign_course=cc, **arguments)

    assert again.value.messages == ["This course has already become an activity."]


def test_a_date_inside_the_claim_window_is_refused():
    cc = CampaignCourseFactory(tipped_at=timezone.now())

    with pytest.raises(ValidationError) as error:
        course_convert(
            actor=coordinator_of(cc.campaign.region),
            campaign_course=cc,
            venue=OrganisationFactory(region=cc.campaign.region),
            day=timezone.localdate() + timedelta(days=1),
            starts_at=time(13),
            ends_at=time(17),
            capacity=12,
            claim_hours=72,
        )

    assert error.value.message_dict == {
        "date": ["Choose a date after the claim window, so the pledgers can claim first."]
    }
    cc.refresh_from_db()
    assert cc.activity is None
