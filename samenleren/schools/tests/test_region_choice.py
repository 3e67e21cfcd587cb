"""A coordinator of more than one region chooses which one the lab finder, the tour planner and
the region pages show (`?regio=<slug>`); nobody reaches a region they do not coordinate."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samenleren.activities.models import Activity
from samenleren.network.models import EquipmentKind, Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    LabFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)
from samenleren.schools.tests.factories import IntakeFactory, TrainingNeedFactory

pytestmark = pytest.mark.django_db


def _lab(region, name, town):
    school = OrganisationFactory(
        region=region,
        name=f"College {town}",
        city=town,
        latitude=Decimal("50.9"),
        longitude=Decimal("5.9"),
    )
    lab = LabFactory(organisation=school, name=name)
    EquipmentFactory(lab=lab, kind=EquipmentKind.LASER_CUTTER)
    return lab


@pytest.fixture
def regions(db):
    """Two regions, each with a lab; the first by name is Noord-Limburg."""
    north = RegionFactory(name="Noord-Limburg", slug="noord-limburg")
    south = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    both = coordinator_of(north)
    RoleAssignmentFactory(person=both, role=Role.COORDINATOR, organisation=None, region=south)
    return {
        "north": north,
        "south": south,
        "north_lab": _lab(north, "TechLab Venlo", "Venlo"),
        "south_lab": _lab(south, "TechLab Heerlen", "Heerlen"),
        "both": both,
        "north_only": coordinator_of(north),
    }


def test_a_coordinator_of_two_regions_sees_the_first_and_may_choose_the_other(client, regions):
    client.force_login(regions["both"])
    url = reverse("schools:lab_finder")

    first = client.get(url)
    assert "TechLab Venlo" in first.text
    assert "TechLab Heerlen" not in first.text
    assert f'href="{url}?regio=zuid-limburg"' in first.text
    assert '<strong aria-current="page">Noord-Limburg</strong>' in first.text

    chosen = client.get(url, {"regio": "zuid-limburg", "soort": "laser_cutter"})

    assert "TechLab Heerlen" in chosen.text
    assert "TechLab Venlo" not in chosen.text
    assert '<input type="hidden" name="regio" value="zuid-limburg">' in chosen.text
    # The schools travel can start from are those of the chosen region.
    assert "College Heerlen" in chosen.text
    assert "College Venlo" not in chosen.text


def test_a_coordinator_of_one_region_cannot_reach_another_by_the_parameter(client, regions):
    client.force_login(regions["north_only"])

    page = client.get(reverse("schools:lab_finder"))
    assert "TechLab Venlo" in page.text
    assert "?regio=" not in page.text  # one region: nothing to choose

    for name in ("lab_finder", "tour", "region", "intake_list", "need_list"):
        response = client.get(reverse(f"schools:{name}"), {"regio": "zuid-limburg"})
        assert response.status_code == 404, name
        assert "TechLab Heerlen" not in response.text
    assert client.get(reverse("schools:lab_finder"), {"regio": "bestaat-niet"}).status_code == 404


def test_for_someone_without_a_coordinator_role_the_parameter_changes_nothing(client, regions):
    teacher = AffiliationFactory(organisation=regions["north_lab"].organisation).person
    client.force_login(teacher)

    page = client.get(reverse("schools:lab_finder"), {"regio": "zuid-limburg"})

    assert page.status_code == 200
    assert "TechLab Venlo" in page.text
    assert "TechLab Heerlen" not in page.text


def test_the_tour_planner_offers_the_chosen_regions_labs_and_puts_the_tour_there(client, regions):
    client.force_login(regions["both"])
    url = reverse("schools:tour")

    page = client.get(url, {"regio": "zuid-limburg"})
    assert "TechLab Heerlen" in page.text
    assert "TechLab Venlo" not in page.text
    assert 'class="errorlist"' not in page.text  # choosing a region is not a half-filled plan

    plan = {
        "regio": "zuid-limburg",
        "labs": [regions["south_lab"].pk],
        "datum": "2026-03-04",
        "start": "09:00",
        "minuten": 45,
    }
    response = client.post(
        f"{url}?regio=zuid-limburg", {**plan, "title": "Tour Zuid", "capacity": 12}
    )

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert activity.region == regions["south"]


def test_a_lab_of_the_other_region_is_not_in_the_tour_of_this_one(client, regions):
    client.force_login(regions["both"])

    response = client.post(
        reverse("schools:tour"),
        {
            "labs": [regions["south_lab"].pk],
            "datum": "2026-03-04",
            "start": "09:00",
            "minuten": 45,
            "title": "Tour",
            "capacity": 12,
        },
    )

    assert response.status_code == 200  # the default region (north) has no such lab
    assert Activity.objects.count() == 0


def test_the_region_pages_follow_the_choice_and_keep_it_in_their_links(client, regions):
    IntakeFactory(organisation=regions["south_lab"].organisation, aim="Lassen leren in Heerlen")
    IntakeFactory(organisation=regions["north_lab"].organisation, aim="Lasersnijden in Venlo")
    TrainingNeedFactory(equipment=regions["south_lab"].equipment.get())
    client.force_login(regions["both"])

    overview = client.get(reverse("schools:region"), {"regio": "zuid-limburg"})
    assert "Scholen en labs in Zuid-Limburg" in overview.text
    assert "Lassen leren in Heerlen" in overview.text
    assert "Lasersnijden in Venlo" not in overview.text
    for name in ("intake_list", "need_list", "lab_finder", "tour"):
        assert f"{reverse(f'schools:{name}')}?regio=zuid-limburg" in overview.text

    questions = client.get(reverse("schools:intake_list"), {"regio": "zuid-limburg"})
    assert "Lassen leren in Heerlen" in questions.text
    assert "Lasersnijden in Venlo" not in questions.text
    assert '<input type="hidden" name="regio" value="zuid-limburg">' in questions.text

    needs = client.get(reverse("schools:need_list"), {"regio": "zuid-limburg"})
    assert "College Heerlen" in needs.text
    assert 'href="/scholen/regio/opleidingsvragen/?regio=noord-limburg"' in needs.text


def test_the_labs_api_takes_the_region_the_same_way(client, regions):
    client.force_login(regions["both"])

    first = client.get("/api/v1/labs", {"equipment": "laser_cutter"})
    chosen = client.get("/api/v1/labs", {"equipment": "laser_cutter", "region": "zuid-limburg"})

    assert [lab["name"] for lab in first.json()["results"]] == ["TechLab Venlo"]
    assert [lab["name"] for lab in chosen.json()["results"]] == ["TechLab Heerlen"]
    client.force_login(regions["north_only"])
    refused = client.get("/api/v1/labs", {"region": "zuid-limburg"})
    assert refused.status_code == 404
    assert "Heerlen" not in refused.text
