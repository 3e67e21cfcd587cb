"""School quotas on the activity's page and in the registration message: the places left that
are kept for other schools until the release are named, so nobody is surprised by the waiting
list, and the school with a quota sees what it has left."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import Registration
from samenleren.activities.tests.factories import (
    ActivityFactory,
    QuotaFactory,
    RegistrationFactory,
)
from samenleren.network.tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quota_world():
    """10 places; school A keeps 4 until the release (1 of them taken), 5 others hold one."""
    release = timezone.now() + timedelta(days=5)
    activity = ActivityFactory(capacity=10, quota_release_at=release)
    school = OrganisationFactory(region=activity.region, name="Kasteelhof")
    QuotaFactory(activity=activity, organisation=school, places=4)
    RegistrationFactory(activity=activity, organisation=school)
    RegistrationFactory.create_batch(5, activity=activity)
    return activity, school


def until(activity, language="en") -> str:
    with translation.override(language):
        return date_format(timezone.localtime(activity.quota_release_at), "j F Y H:i")


def page_for(client, activity, person=None) -> str:
    if person is not None:
        client.force_login(person)
    client.cookies["django_language"] = "en"
    return client.get(reverse("activities:detail", args=[activity.pk])).content.decode()


def teacher_at(organisation):
    return AffiliationFactory(
        organisation=organisation, person=UserFactory(preferred_language="en")
    ).person


def test_visitors_see_how_many_of_the_places_left_are_kept(client, quota_world):
    activity, _school = quota_world

    page = page_for(client, activity)

    assert "4 places left" in page
    assert f"Of the places left, 3 are kept for schools with a quota until {until(activity)}." in (
        page
    )


def test_someone_from_another_school_is_told_before_registering(client, quota_world):
    activity, _school = quota_world

    page = page_for(client, activity, teacher_at(OrganisationFactory(region=activity.region)))

    assert (
        f"The places left are kept for schools with a quota until {until(activity)}. If you "
        "register, you are put on the waiting list"
    ) not in page  # one place is still open to everyone
    assert "Join the waiting list" not in page

    RegistrationFactory(activity=activity)  # the last open place goes
    page = page_for(client, activity)
    assert (
        f"The places left are kept for schools with a quota until {until(activity)}. If you "
        "register, you are put on the waiting list; places that are still free then are "
        "offered to the waiting list in turn."
    ) in page
    assert "Join the waiting list" in page


def test_the_school_with_the_quota_sees_its_own_places(client, quota_world):
    activity, school = quota_world
    RegistrationFactory(activity=activity)  # only kept places are left

    page = page_for(client, activity, teacher_at(school))

    assert f"Your school has 4 places kept until {until(activity)}; 1 taken." in page
    assert "The places left are kept for schools" not in page
    assert "Join the waiting list" not in page


def test_in_dutch(client, quota_world):
    activity, _school = quota_world
    person = teacher_at(OrganisationFactory(region=activity.region))
    person.preferred_language = "nl"
    person.save(update_fields=["preferred_language"])
    RegistrationFactory(activity=activity)
    client.force_login(person)

    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()

    assert (
        f"Van de vrije plaatsen zijn er 3 tot {until(activity, 'nl')} gereserveerd voor "
        "scholen met een quotum."
    ) in page
    assert "Zet me op de wachtlijst" in page


def test_after_the_release_nothing_is_kept(client, quota_world):
    activity, _school = quota_world
    activity.quota_release_at = timezone.now() - timedelta(minutes=1)
    activity.save(update_fields=["quota_release_at"])

    page = page_for(client, activity, teacher_at(OrganisationFactory()))

    assert "kept for schools with a quota" not in page
    assert "Your school has" not in page


def test_registering_when_only_kept_places_are_left_says_why(client, quota_world):
    activity, _school = quota_world
    RegistrationFactory(activity=activity)
    person = teacher_at(OrganisationFactory(region=activity.region))
    client.force_login(person)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("activities:register", args=[activity.pk]),
        {"organisation": person.affiliations.get().organisation_id, "function": "teacher"},
        follow=True,
    )

    registration = Registration.objects.get(activity=activity, person=person)
    assert registration.status == "waitlisted"
    assert (
        f"The places left for {activity.title} are kept for schools with a quota until "
        f"{until(activity)}, so you are on the waiting list at position 1."
    ) in response.content.decode()
