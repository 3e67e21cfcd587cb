"""People who can help: from what they said they know, the machines they operate and the
activities they attended; only people who agreed to be found; contact through the platform."""

import pytest
from django.core import mail
from django.urls import reverse

from samenleren.activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    RegistrationFactory,
)
from samenleren.community.selectors import helpers_for
from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    EquipmentSkillFactory,
    OrganisationFactory,
    RegionFactory,
)

from .factories import ExpertiseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


def people(helpers) -> list:
    return [helper.person for helper in helpers]


def test_only_findable_people_are_suggested(region):
    question = QuestionFactory(region=region, text="Wie kan ons helpen met de lasersnijder?")
    findable = ExpertiseFactory(text="lasersnijder, 3D-printen").person
    ExpertiseFactory(text="lasersnijder", person__findable=False)

    assert people(helpers_for(question=question)) == [findable]


def test_operators_of_a_matching_machine_are_suggested(region):
    question = QuestionFactory(region=region, text="Wie kan de lasercutter bedienen?")
    laser = EquipmentFactory(kind=EquipmentKind.LASER_CUTTER)
    operator = EquipmentSkillFactory(equipment=laser, person__findable=True).person
    EquipmentSkillFactory(
        equipment=EquipmentFactory(kind=EquipmentKind.WELDER), person__findable=True
    )

    helpers = helpers_for(question=question)

    assert people(helpers) == [operator]
    assert len(helpers[0].reasons) == 1


def test_attendees_of_a_matching_activity_are_suggested(region):
    question = QuestionFactory(region=region, text="Tips voor de-escaleren bij korte lontjes?")
    activity = ActivityFactory(region=region, title="Omgaan met korte lontjes")
    registration = RegistrationFactory(activity=activity, person__findable=True)
    AttendanceFactory(registration=registration, session=activity.sessions.get(), present=True)

    assert people(helpers_for(question=question)) == [registration.person]


def test_the_asker_is_never_suggested(region):
    expertise = ExpertiseFactory(text="warmtepompen")
    question = QuestionFactory(
        region=region, author=expertise.person, text="Practicum met warmtepompen?"
    )

    assert helpers_for(question=question) == []


def test_contact_goes_by_mail_without_showing_the_helpers_address(
    client, region, django_capture_on_commit_callbacks
):
    question = QuestionFactory(region=region, text="Wie weet iets van de lasersnijder?")
    helper = ExpertiseFactory(text="lasersnijder", person__email="expert@school.example").person
    asker = AffiliationFactory(organisation=OrganisationFactory(region=region)).person
    client.force_login(asker)

    page = client.get(question.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:contact", args=[question.pk, helper.pk]),
            {"message": "Mag ik je bellen over de lasersnijder?"},
        )

    assert "expert@school.example" not in page
    assert [m.to for m in mail.outbox] == [["expert@school.example"]]
    assert mail.outbox[0].reply_to == [asker.email]
    assert "Mag ik je bellen over de lasersnijder?" in mail.outbox[0].body


def test_one_cannot_write_to_someone_who_is_not_a_suggested_helper(client, region):
    question = QuestionFactory(region=region, text="Wie weet iets van de lasersnijder?")
    stranger = AffiliationFactory(organisation=OrganisationFactory(region=region)).person
    client.force_login(AffiliationFactory(organisation=OrganisationFactory(region=region)).person)

    response = client.get(reverse("community:contact", args=[question.pk, stranger.pk]))

    assert response.status_code == 404
