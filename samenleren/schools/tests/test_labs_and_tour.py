import random
from datetime import datetime
from decimal import Decimal
from itertools import pairwise, permutations

import pytest
from django.urls import reverse
from django.utils import timezone

from samenleren.activities.models import Activity, ActivityKind, Session
from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    LabFactory,
    OrganisationFactory,
)
from samenleren.network.travel import travel_minutes
from samenleren.schools.selectors import lab_finder
from samenleren.schools.tour import _length, _nearest_neighbour, _two_opt, best_order, plan_route

pytestmark = pytest.mark.django_db

# Real towns of Zuid-Limburg (latitude, longitude).
TOWNS = {
    "Maastricht": ("50.85312", "5.66845"),
    "Sittard": ("51.00254", "5.87521"),
    "Heerlen": ("50.89138", "5.98562"),
    "Kerkrade": ("50.86745", "6.05873"),
    "Valkenburg": ("50.86218", "5.83694"),
}


def _lab_in(region, town, kind=EquipmentKind.LASER_CUTTER, name=None):
    lat, lon = TOWNS[town]
    organisation = OrganisationFactory(
        region=region, city=town, latitude=Decimal(lat), longitude=Decimal(lon)
    )
    lab = LabFactory(organisation=organisation, name=name or f"TechLab {town}")
    EquipmentFactory(lab=lab, kind=kind)
    return lab


def test_the_finder_sorts_labs_by_travel_time_from_ones_school(school):
    region = school["region"]
    far, near = _lab_in(region, "Kerkrade"), _lab_in(region, "Valkenburg")
    _lab_in(region, "Sittard", kind=EquipmentKind.ROBOT_ARM)
    origin = school["organisation"]  # Maastricht (the factory's coordinates)

    hits = lab_finder(region=region, kind=EquipmentKind.LASER_CUTTER, origin=origin)

    assert [h.lab for h in hits] == [school["lab"], near, far]
    assert hits[0].minutes == 0
    assert hits[1].minutes < hits[2].minutes


def test_the_finder_page_uses_the_persons_school_and_filters(client, school):
    _lab_in(school["region"], "Kerkrade")
    client.force_login(school["teacher"])

    page = client.get(reverse("schools:lab_finder"), {"soort": "laser_cutter", "max": 15})

    assert "TechLab Maasoever" in page.text
    assert "TechLab Kerkrade" not in page.text


def test_the_finder_has_an_empty_state(client, school):
    client.force_login(school["teacher"])

    page = client.get(reverse("schools:lab_finder"), {"soort": "robot_arm"})

    assert "Geen lab in de regio heeft een robotarm die aan deze filters voldoet." in page.text


def test_someone_without_a_school_is_asked_to_add_one(client, school):
    client.force_login(school["outsider"])

    page = client.get(reverse("schools:lab_finder"))

    assert "Voeg je organisatie toe" in page.text


def test_two_opt_finds_the_optimum_on_small_random_instances():
    rng = random.Random(7)
    for _ in range(20):
        points = [(rng.uniform(0, 50), rng.uniform(0, 50)) for _ in range(7)]
        matrix = [
            [((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for b in points] for a in points
        ]
        exact = min(_length(list(o), matrix, None) for o in permutations(range(7)))
        heuristic = _length(_two_opt(_nearest_neighbour(matrix, None), matrix, None), matrix, None)
        assert heuristic <= exact * 1.05


def test_best_order_visits_every_place_once():
    matrix = [[abs(i - j) for j in range(11)] for i in range(11)]

    order = best_order(matrix)

    assert sorted(order) == list(range(11))
    assert _length(order, matrix, None) == 10


def test_the_route_sheet_times_arrivals_and_departures(school):
    region = school["region"]
    labs = [_lab_in(region, "Heerlen"), _lab_in(region, "Valkenburg"), _lab_in(region, "Kerkrade")]
    start = timezone.make_aware(datetime(2026, 3, 4, 9, 0))

    route = plan_route(
        labs=labs, starts_at=start, visit_minutes=45, start_place=school["organisation"]
    )

    # The exact search for three stops: no order drives less (the start is fixed in Maastricht).
    maastricht = (float(school["organisation"].latitude), float(school["organisation"].longitude))
    places = {
        lab.pk: (float(lab.organisation.latitude), float(lab.organisation.longitude))
        for lab in labs
    }

    def drive(order):
        stops = [maastricht] + [places[lab.pk] for lab in order]
        return sum(round(travel_minutes(a, b)) for a, b in pairwise(stops))

    assert route.drive_minutes == min(drive(order) for order in permutations(labs))
    assert route.stops[0].place.organisation.city == "Valkenburg"
    first = route.stops[0]
    assert first.arrives_at == start + timezone.timedelta(minutes=first.drive_minutes)
    assert all(s.departs_at - s.arrives_at == timezone.timedelta(minutes=45) for s in route.stops)
    second = route.stops[1]
    assert second.arrives_at == first.departs_at + timezone.timedelta(minutes=second.drive_minutes)


def _tour_data(labs, **extra):
    return {
        "labs": [lab.pk for lab in labs],
        "datum": "2026-03-04",
        "start": "09:00",
        "minuten": 45,
        **extra,
    }


def test_the_coordinator_makes_the_tour_a_calendar_activity(client, school):
    region = school["region"]
    labs = [_lab_in(region, "Heerlen"), _lab_in(region, "Valkenburg")]
    client.force_login(school["coordinator"])

    sheet = client.get(reverse("schools:tour"), _tour_data(labs))
    assert "Routeblad" in sheet.text
    response = client.post(
        reverse("schools:tour"),
        _tour_data(
            labs, title="TechLab-tour voorjaar", capacity=15, vanaf=school["organisation"].pk
        ),
    )

    activity = Activity.objects.get()
    assert response.url == reverse("activities:manage_edit", args=[activity.pk])
    assert (activity.kind, activity.title, activity.capacity, activity.status) == (
        ActivityKind.VISIT,
        "TechLab-tour voorjaar",
        15,
        "draft",
    )
    sessions = list(Session.objects.filter(activity=activity).order_by("starts_at"))
    assert [s.lab for s in sessions] == [labs[1], labs[0]]  # Valkenburg first: nearer the start
    assert "Route van de TechLab-tour:" in activity.description


def test_a_tour_without_labs_writes_nothing(client, school):
    client.force_login(school["coordinator"])

    response = client.post(reverse("schools:tour"), _tour_data([], title="Tour", capacity=10))

    assert response.status_code == 200
    assert "Kies minstens één lab om te bezoeken." in response.text
    assert Activity.objects.count() == 0


def test_a_tour_with_too_many_labs_writes_nothing(client, school):
    region = school["region"]
    labs = [_lab_in(region, "Heerlen", name=f"Lab {n}") for n in range(13)]
    client.force_login(school["coordinator"])

    response = client.post(reverse("schools:tour"), _tour_data(labs, title="Tour", capacity=10))

    assert "Een tour kan op één dag hooguit 12 labs bezoeken; je koos er 13." in response.text
    assert Activity.objects.count() == 0


def test_a_teacher_may_plan_but_not_create_the_activity(client, school):
    labs = [_lab_in(school["region"], "Heerlen")]
    client.force_login(school["teacher"])

    assert client.get(reverse("schools:tour"), _tour_data(labs)).status_code == 200
    response = client.post(reverse("schools:tour"), _tour_data(labs, title="Tour", capacity=10))

    assert response.status_code == 403
    assert Activity.objects.count() == 0


def test_a_lab_of_another_region_cannot_be_toured(client, school):
    other = _lab_in(OrganisationFactory().region, "Heerlen")
    client.force_login(school["coordinator"])

    response = client.post(reverse("schools:tour"), _tour_data([other], title="Tour", capacity=10))

    assert response.status_code == 200
    assert Activity.objects.count() == 0


def test_coordinators_pick_the_school_travel_starts_from(client, school):
    kerkrade = _lab_in(school["region"], "Kerkrade")
    AffiliationFactory(person=school["coordinator"], organisation=kerkrade.organisation)
    client.force_login(school["coordinator"])

    page = client.get(
        reverse("schools:lab_finder"), {"soort": "laser_cutter", "vanaf": school["organisation"].pk}
    )

    assert page.text.index("TechLab Maasoever") < page.text.index("TechLab Kerkrade")


def test_best_order_is_the_exact_optimum_with_a_fixed_start():
    rng = random.Random(11)
    for _ in range(10):
        points = [(rng.uniform(0, 50), rng.uniform(0, 50)) for _ in range(8)]
        origin, places = points[0], points[1:]

        def dist(a, b):
            return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5

        matrix = [[dist(a, b) for b in places] for a in places]
        start = [dist(origin, p) for p in places]
        exact = min(_length(list(o), matrix, start) for o in permutations(range(7)))
        assert _length(best_order(matrix, start), matrix, start) == pytest.approx(exact)
