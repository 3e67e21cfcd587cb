"""A question on the board becomes an interest campaign (issue 6, COMMUNITY_CONVERSIONS)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.community.models import QuestionStatus, Visibility
from samenleren.community.tests.factories import QuestionFactory
from samenleren.demand.models import Campaign
from samenleren.demand.tests.factories import ExternalCourseFactory
from samenleren.network.models import Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

TEXT = "Wie wil er ook een cursus CNC-frezen volgen? Wij zoeken nog collega's uit de regio."


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False


@pytest.fixture
def world():
    region = RegionFactory()
    school = OrganisationFactory(region=region)
    contact = UserFactory()
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=school)
    return {
        "region": region,
        "coordinator": coordinator_of(region),
        "teacher": AffiliationFactory(organisation=school).person,
        "contact": contact,
        "course": ExternalCourseFactory(region=region, title="CNC-frezen voor docenten"),
        "question": QuestionFactory(region=region, organisation=school, text=TEXT),
    }


def _url(question) -> str:
    return f"{reverse('demand:manage_campaign_from_question')}?question={question.pk}"


def _data(world, **extra) -> dict:
    opens = timezone.localdate() + timedelta(days=7)
    return {
        "title": "CNC-frezen in Zuid-Limburg",
        "audience": "Docenten en TOA's PIE",
        "description": TEXT,
        "opens_on": opens.isoformat(),
        "closes_on": (opens + timedelta(weeks=6)).isoformat(),
        "course_choices": [world["course"].pk],
        **extra,
    }


def test_the_conversion_is_offered_on_the_question_to_coordinators(client, world):
    client.force_login(world["coordinator"])

    assert _url(world["question"]) in client.get(world["question"].get_absolute_url()).text


def test_a_coordinator_makes_a_campaign_from_the_question(client, world):
    question = world["question"]
    client.force_login(world["coordinator"])
    page = client.get(_url(question))
    assert page.status_code == 200
    assert TEXT.replace("'", "&#x27;") in page.text  # prefilled introduction
    assert Campaign.objects.count() == 0  # GET writes nothing

    response = client.post(_url(question), _data(world))

    campaign = Campaign.objects.get()
    assert response.url == reverse("demand:manage_campaign", args=[campaign.pk])
    assert (campaign.region, campaign.title, campaign.created_by) == (
        world["region"],
        "CNC-frezen in Zuid-Limburg",
        world["coordinator"],
    )
    assert list(campaign.courses.all()) == [world["course"]]
    question.refresh_from_db()
    assert (question.status, question.converted_kind, question.converted_url) == (
        QuestionStatus.CONVERTED,
        "campaign",
        reverse("demand:campaign", args=[campaign.pk]),
    )


def test_the_text_of_a_question_for_coordinators_only_is_not_copied_to_the_public_page(
    client, world
):
    question = QuestionFactory(
        region=world["region"],
        text="Vertrouwelijk: onze TOA stopt.",
        visibility=Visibility.COORDINATORS,
    )
    client.force_login(world["coordinator"])

    page = client.get(_url(question))

    assert page.text.count("Vertrouwelijk: onze TOA stopt.") == 1  # shown once, not prefilled


def test_without_a_course_nothing_is_made_and_the_question_stays_open(client, world):
    question = world["question"]
    client.force_login(world["coordinator"])

    response = client.post(_url(question), _data(world, course_choices=[]))
    elsewhere = ExternalCourseFactory()
    other = client.post(_url(question), _data(world, course_choices=[elsewhere.pk]))

    assert (response.status_code, other.status_code) == (200, 200)
    question.refresh_from_db()
    assert (Campaign.objects.count(), question.status) == (0, QuestionStatus.NEW)


def test_a_converted_question_is_not_converted_again(client, world):
    client.force_login(world["coordinator"])
    client.post(_url(world["question"]), _data(world))

    again = client.post(_url(world["question"]), _data(world, title="Nog een peiling"))

    assert again.status_code == 200
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("contact", 403), ("teacher", 403), ("other", 404)])
def test_only_a_coordinator_of_the_questions_region_converts(client, world, who, status):
    people = {
        "contact": world["contact"],
        "teacher": world["teacher"],
        "other": coordinator_of(RegionFactory()),
    }
    client.force_login(people[who])

    assert client.get(_url(world["question"])).status_code == status
    assert client.post(_url(world["question"]), _data(world)).status_code == status
    world["question"].refresh_from_db()
    assert (Campaign.objects.count(), world["question"].status) == (0, QuestionStatus.NEW)


def test_anonymous_visitors_are_sent_to_log_in_and_bad_ids_are_not_found(client, world):
    assert client.post(_url(world["question"]), _data(world)).status_code == 302
    client.force_login(world["coordinator"])
    url = reverse("demand:manage_campaign_from_question")
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?question=x").status_code == 404
    assert client.get(f"{url}?question=999999").status_code == 404
    assert Campaign.objects.count() == 0


def test_writes_need_post_and_the_csrf_token(client, world):
    client.force_login(world["coordinator"])
    assert client.put(_url(world["question"])).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world["coordinator"])

    assert strict.post(_url(world["question"]), _data(world)).status_code == 403
    assert Campaign.objects.count() == 0
