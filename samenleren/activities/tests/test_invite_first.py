"""places_offer_first: people who asked for an activity first (an interest campaign's
pledgers) are offered a place in order, before registration opens to everyone."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import ActivityStatus, Registration, RegistrationStatus
from samenleren.activities.services.registration import (
    RegistrationError,
    offer_accept,
    places_offer_first,
    registration_create,
)
from samenleren.activities.tests.factories import ActivityFactory, RegistrationFactory
from samenleren.network.tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


def test_offers_go_in_order_while_places_last_and_the_rest_wait_in_that_order(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    activity = ActivityFactory(
        capacity=2, claim_hours=72, registration_opens_at=now + timedelta(hours=72)
    )
    people = UserFactory.create_batch(4)

    with django_capture_on_commit_callbacks(execute=True):
        made = places_offer_first(
            activity_id=activity.pk, people=[(p, None) for p in people], now=now
        )

    assert [(r.person, r.status) for r in made] == [
        (people[0], "offered"),
        (people[1], "offered"),
        (people[2], "waitlisted"),
        (people[3], "waitlisted"),
    ]
    assert {r.offered_until for r in made[:2]} == {now + timedelta(hours=72)}
    assert [m.to for m in mail.outbox] == [[p.email] for p in people]


def test_registration_for_others_is_still_closed_but_an_offer_can_be_taken():
    now = timezone.now()
    activity = ActivityFactory(claim_hours=72, registration_opens_at=now + timedelta(hours=72))
    pledger = UserFactory()
    [offer] = places_offer_first(activity_id=activity.pk, people=[(pledger, None)], now=now)

    with pytest.raises(RegistrationError) as closed:
        registration_create(activity_id=activity.pk, person=UserFactory(), now=now)
    taken = offer_accept(registration_id=offer.pk, person=pledger, now=now + timedelta(hours=1))

    assert closed.value.code == "closed"
    assert taken.status == RegistrationStatus.CONFIRMED


def test_people_already_registered_are_skipped_and_the_school_is_kept():
    activity = ActivityFactory(capacity=5)
    registered = RegistrationFactory(activity=activity).person
    affiliation = AffiliationFactory()

    made = places_offer_first(
        activity_id=activity.pk,
        people=[(registered, None), (affiliation.person, affiliation.organisation)],
    )

    assert [(r.person, r.organisation, r.function) for r in made] == [
        (affiliation.person, affiliation.organisation, "teacher")
    ]
    assert Registration.objects.filter(activity=activity).count() == 2


def test_without_a_claim_window_the_place_is_given_at_once():
    activity = ActivityFactory(claim_hours=0)

    [made] = places_offer_first(activity_id=activity.pk, people=[(UserFactory(), None)])

    assert made.status == RegistrationStatus.CONFIRMED


def test_a_draft_activity_offers_nothing():
    activity = ActivityFactory(status=ActivityStatus.DRAFT)

    with pytest.raises(RegistrationError):
        places_offer_first(activity_id=activity.pk, people=[(UserFactory(), None)])

    assert Registration.objects.count() == 0
