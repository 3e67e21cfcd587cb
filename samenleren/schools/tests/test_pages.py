import pytest
from django.urls import reverse

from samenleren.network.tests.factories import EquipmentSkillFactory
from samenleren.schools.models import SchoolDetails
from samenleren.schools.tests.factories import DraftIntakeFactory, IntakeFactory

pytestmark = pytest.mark.django_db


def test_the_contacts_home_shows_the_school_its_questions_and_risks(client, school):
    IntakeFactory(organisation=school["organisation"], aim="Meer lasersnijders")
    DraftIntakeFactory(organisation=school["organisation"], aim="Half af")
    client.force_login(school["contact"])

    page = client.get(reverse("core:home"))

    assert ">Je school</h2>" in page.text
    assert "Meer lasersnijders" in page.text
    assert "Concept: Half af" in page.text
    assert "1 machine hangt af van één persoon of van niemand." in page.text


def test_the_menu_offers_the_lab_finder_and_the_school_page(client, school):
    client.force_login(school["contact"])

    page = client.get(reverse("core:home"))

    assert reverse("schools:lab_finder") in page.text
    assert reverse("network:organisation_detail", args=[school["organisation"].pk]) in page.text


def test_the_school_contact_sets_the_levels(client, school):
    client.force_login(school["contact"])

    client.post(
        reverse("schools:details_edit", args=[school["organisation"].pk]),
        {"levels": ["vmbo_kb", "vmbo_bb"]},
    )
    page = client.get(reverse("network:organisation_detail", args=[school["organisation"].pk]))

    assert SchoolDetails.objects.get().levels == ["vmbo_bb", "vmbo_kb"]
    assert "vmbo basisberoepsgerichte leerweg (bb)" in page.text


def test_an_unknown_level_is_refused(client, school):
    client.force_login(school["contact"])

    response = client.post(
        reverse("schools:details_edit", args=[school["organisation"].pk]), {"levels": ["havo_x"]}
    )

    assert response.status_code == 200
    assert SchoolDetails.objects.count() == 0


def test_people_of_other_schools_see_no_operators_on_the_school_page(client, school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])
    url = reverse("network:organisation_detail", args=[school["organisation"].pk])

    client.force_login(school["outsider"])
    outside = client.get(url)
    client.force_login(school["teacher"])
    inside = client.get(url)

    assert school["toa"].full_name not in outside.text
    assert school["toa"].full_name in inside.text


def test_the_school_page_queries_do_not_grow_with_machines(
    client, school, django_assert_max_num_queries
):
    from samenleren.network.tests.factories import EquipmentFactory

    for _ in range(8):
        machine = EquipmentFactory(lab=school["lab"])
        EquipmentSkillFactory(equipment=machine)
    client.force_login(school["coordinator"])

    with django_assert_max_num_queries(30):
        client.get(reverse("network:organisation_detail", args=[school["organisation"].pk]))
