import pytest

from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.tests.factories import EquipmentSkillFactory, RegionFactory, coordinator_of

pytestmark = pytest.mark.django_db


def test_equipment_of_a_school_with_operators_and_risk(client, school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"], level="instruct")
    client.force_login(school["teacher"])

    response = client.get(f"/api/v1/organisations/{school['organisation'].pk}/equipment")

    assert response.status_code == 200
    (item,) = response.json()
    assert (item["kind"], item["operators"], item["at_risk"]) == ("laser_cutter", 1, True)
    assert item["operator_list"] == [
        {
            "id": school["toa"].pk,
            "name": school["toa"].full_name,
            "level": "instruct",
            "confirmed": False,
        }
    ]


def test_equipment_is_closed_to_other_schools(client, school):
    client.force_login(UserFactory())

    response = client.get(f"/api/v1/organisations/{school['organisation'].pk}/equipment")

    assert response.status_code == 403


def test_the_region_at_risk_list_is_for_coordinators(client, school):
    client.force_login(school["coordinator"])
    ok = client.get("/api/v1/equipment/at-risk")
    client.force_login(school["contact"])
    refused = client.get("/api/v1/equipment/at-risk")

    assert ok.json()["count"] == 1
    assert (
        ok.json()["results"][0]["reason"]
        == "Niemand op school heeft aangegeven ermee te kunnen werken."
    )
    assert refused.status_code == 403


def test_a_coordinator_of_another_region_sees_only_their_region(client, school):
    client.force_login(coordinator_of(RegionFactory()))

    assert client.get("/api/v1/equipment/at-risk").json()["count"] == 0


def test_labs_with_travel_minutes_from_the_callers_school(client, school):
    client.force_login(school["teacher"])

    response = client.get("/api/v1/labs", {"equipment": "laser_cutter"})

    assert response.json()["results"][0]["name"] == "TechLab Maasoever"
    assert response.json()["results"][0]["travel_minutes"] == 0


def test_labs_with_an_unknown_kind_is_a_clear_error(client, school):
    client.force_login(school["teacher"])

    response = client.get("/api/v1/labs", {"equipment": "toaster"})

    assert response.status_code == 422


def test_labs_for_someone_without_a_school_is_a_clear_error(client, school):
    client.force_login(UserFactory())

    response = client.get("/api/v1/labs")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Voeg eerst je organisatie toe")
