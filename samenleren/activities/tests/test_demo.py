"""The demo calendar: places follow the calendar's rules, and a session with its own capacity
is full while its activity still has room, so the feature can be seen."""

import io

import pytest
from django.utils import timezone

from samenleren.activities import demo
from samenleren.activities.models import Activity, Registration, SessionAbsence
from samenleren.activities.selectors.calendar import with_places
from samenleren.activities.selectors.manage import session_places
from samenleren.activities.services.capacity import places_free, quota_places
from samenleren.network import demo as network_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    network_demo.build(stdout=io.StringIO())
    demo.build(stdout=io.StringIO())


def test_the_tour_has_a_full_lab_visit_while_the_tour_has_room(built):
    tour = with_places(Activity.objects.filter(title="TechLab-tour Limburg")).get()

    sessions = session_places(activity=tour)

    assert [(s.lab.name, s.capacity, s.places_held, s.absent_holders) for s in sessions] == [
        ("TechLab Maasoever", None, 14, 0),
        ("TechLab Kasteelhof", 12, 12, 2),
        ("TechLab Rosveld", None, 14, 0),
        ("TechLab De Mijnzetel", None, 14, 0),
    ]
    assert (tour.places_held, tour.places_left, tour.waiting_count) == (14, 0, 2)


def test_no_demo_activity_or_session_has_more_people_than_places(built):
    now = timezone.now()

    free = [
        places_free(activity=activity, organisation_id=None, now=now)
        for activity in Activity.objects.all()
    ]

    assert [p for p in free if p.activity < 0 or any(f < 0 for f in p.sessions.values())] == []
    assert len([p for p in free if p.sessions]) == 1


def test_building_the_demo_again_adds_nothing(built):
    counts = (
        Activity.objects.count(),
        Registration.objects.count(),
        SessionAbsence.objects.count(),
    )

    demo.build(stdout=io.StringIO())

    assert (
        Activity.objects.count(),
        Registration.objects.count(),
        SessionAbsence.objects.count(),
    ) == counts


def test_the_laser_cutter_training_keeps_places_for_the_school_that_asked(built):
    training = Activity.objects.get(title__startswith="Praktijkmiddag lasersnijder")
    school = training.quotas.get().organisation
    first = training.sessions.get().starts_at

    kept = quota_places(activity=training, organisation_id=None, now=timezone.now())

    assert (school.name, training.quotas.get().places) == ("Maasoever Vakcollege", 6)
    assert training.quota_release_at == first - demo.QUOTA_RELEASE > timezone.now()
    assert kept.reserved_for_others > 0
