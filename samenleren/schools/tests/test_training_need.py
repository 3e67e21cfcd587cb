import pytest
from django.urls import reverse

from samenleren.activities.tests.factories import ActivityFactory
from samenleren.network.tests.factories import EquipmentSkillFactory
from samenleren.schools.models import NeedStatus, TrainingNeed
from samenleren.schools.tests.factories import ActivityTeachesFactory

pytestmark = pytest.mark.django_db


def test_one_action_turns_a_machine_at_risk_into_a_training_question(client, school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])
    client.force_login(school["contact"])

    response = client.post(reverse("schools:need_create", args=[school["laser"].pk]))

    need = TrainingNeed.objects.get()
    assert response.url == (
        reverse("network:organisation_detail", args=[school["organisation"].pk]) + "#apparatuur"
    )
    assert (need.organisation, need.equipment, need.status, need.created_by) == (
        school["organisation"],
        school["laser"],
        NeedStatus.OPEN,
        school["contact"],
    )
    assert need.reason == "Maar één persoon kan ermee werken."


def test_pressing_twice_makes_one_question(client, school):
    client.force_login(school["contact"])
    url = reverse("schools:need_create", args=[school["laser"].pk])

    client.post(url)
    client.post(url)

    assert TrainingNeed.objects.count() == 1


def test_a_machine_that_is_not_at_risk_gives_no_question(client, school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])
    EquipmentSkillFactory(person=school["teacher"], equipment=school["laser"])
    client.force_login(school["contact"])

    response = client.post(reverse("schools:need_create", args=[school["laser"].pk]), follow=True)

    assert TrainingNeed.objects.count() == 0
    assert "Minstens twee mensen kunnen met deze machine werken" in response.text


def test_a_teacher_cannot_make_a_training_question(client, school):
    client.force_login(school["teacher"])

    assert client.post(reverse("schools:need_create", args=[school["laser"].pk])).status_code == 403
    assert TrainingNeed.objects.count() == 0


def test_the_coordinator_sees_the_question_with_suggestions_in_the_region_view(client, school):
    client.force_login(school["contact"])
    client.post(reverse("schools:need_create", args=[school["laser"].pk]))
    linked = ActivityFactory(region=school["region"], title="Veilig werken met lasers")
    ActivityTeachesFactory(activity=linked)
    ActivityFactory(region=school["region"], title="Online workshop: lesideeën met de lasersnijder")
    ActivityFactory(region=school["region"], title="Omgaan met korte lontjes")

    client.force_login(school["coordinator"])
    page = client.get(reverse("schools:region"))

    assert page.status_code == 200
    assert "1 open, 0 in behandeling, 0 afgerond." in page.text
    assert "Veilig werken met lasers" in page.text
    assert "Online workshop: lesideeën met de lasersnijder" in page.text
    assert "Omgaan met korte lontjes" not in page.text


def test_the_coordinator_changes_the_status(client, school):
    client.force_login(school["contact"])
    client.post(reverse("schools:need_create", args=[school["laser"].pk]))
    need = TrainingNeed.objects.get()
    client.force_login(school["coordinator"])

    client.post(reverse("schools:need_detail", args=[need.pk]), {"status": "in_progress"})

    need.refresh_from_db()
    assert need.status == NeedStatus.IN_PROGRESS


def test_the_region_view_number_of_queries_does_not_grow(
    client, school, django_assert_max_num_queries
):
    from samenleren.network.tests.factories import EquipmentFactory, LabFactory, OrganisationFactory
    from samenleren.schools.tests.factories import TrainingNeedFactory

    for _ in range(5):
        machine = EquipmentFactory(
            lab=LabFactory(organisation=OrganisationFactory(region=school["region"]))
        )
        TrainingNeedFactory(equipment=machine)
    client.force_login(school["coordinator"])

    with django_assert_max_num_queries(25):
        assert client.get(reverse("schools:region")).status_code == 200
