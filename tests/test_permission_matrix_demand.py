"""Every role against every view of the interest campaigns (extends the shared world)."""

import pytest
from django.urls import reverse

from samenleren.community.tests.factories import QuestionFactory
from samenleren.demand.tests.factories import CampaignCourseFactory, PledgeFactory
from tests.test_permission_matrix import (
    ACTIVITY_MANAGERS,
    COORDINATORS_ONLY,
    EVERYONE_SIGNED_IN,
    GONE,
    LOGIN,
    NO,
    OK,
    PUBLIC,
    ROLES,
    answers_by_role,
    expected_by_role,
)

pytestmark = pytest.mark.django_db

VIEWS = {
    "campaigns": (lambda w: reverse("demand:list"), PUBLIC),
    "campaign page": (lambda w: reverse("demand:campaign", args=[w["campaign"].pk]), PUBLIC),
    "course page": (lambda w: reverse("demand:course", args=[w["cc"].pk]), PUBLIC),
    "travel explained": (lambda w: reverse("demand:travel"), PUBLIC),
    "my interest": (lambda w: reverse("demand:mine"), EVERYONE_SIGNED_IN),
    "manage campaigns": (lambda w: reverse("demand:manage"), COORDINATORS_ONLY),
    "new campaign": (lambda w: reverse("demand:manage_campaign_create"), COORDINATORS_ONLY),
    "catalogue": (lambda w: reverse("demand:manage_courses"), COORDINATORS_ONLY),
    "new course": (lambda w: reverse("demand:manage_course_create"), COORDINATORS_ONLY),
    "import courses": (lambda w: reverse("demand:manage_import"), COORDINATORS_ONLY),
    "school holidays": (lambda w: reverse("demand:manage_holidays"), COORDINATORS_ONLY),
    "campaign overview": (
        lambda w: reverse("demand:manage_campaign", args=[w["campaign"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "edit campaign": (
        lambda w: reverse("demand:manage_campaign_edit", args=[w["campaign"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "campaign csv": (
        lambda w: reverse("demand:manage_campaign_csv", args=[w["campaign"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "manage course in campaign": (
        lambda w: reverse("demand:manage_course", args=[w["cc"].pk]),
        ACTIVITY_MANAGERS,
    ),
    "edit course": (
        lambda w: reverse("demand:manage_course_edit", args=[w["cc"].course.pk]),
        ACTIVITY_MANAGERS,
    ),
    "campaign from a question": (
        lambda w: reverse("demand:manage_campaign_from_question") + f"?question={w['question'].pk}",
        # access_question_manage: other regions' coordinators and the superuser do not see it.
        [LOGIN, NO, NO, NO, OK, GONE, NO, NO, NO, GONE],
    ),
    "api campaigns": (lambda w: "/api/v1/campaigns", PUBLIC),
    "api progress": (lambda w: f"/api/v1/campaigns/{w['campaign'].pk}/progress", PUBLIC),
}


@pytest.fixture
def demand_world(world):
    region = world["activity"].region
    cc = CampaignCourseFactory(campaign__region=region)
    PledgeFactory(campaign_course=cc, person=world["teacher"], organisation=world["school"])
    question = QuestionFactory(region=region, organisation=world["school"])
    return {**world, "campaign": cc.campaign, "cc": cc, "question": question}


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_role_gets_exactly_the_expected_answer(client, demand_world, view):
    url_for, expected = VIEWS[view]

    assert answers_by_role(client, demand_world, url_for(demand_world)) == expected_by_role(
        expected
    )


def test_a_pledge_can_be_withdrawn_only_by_its_owner(client, demand_world):
    pledge = demand_world["cc"].pledges.get()
    url = reverse("demand:withdraw", args=[pledge.pk])
    answers = {}
    for role in ROLES:
        client.logout()
        person = demand_world["people"][role]
        if person is not None and role != "participant":
            client.force_login(person)
            answers[role] = client.post(url).status_code
    pledge.refresh_from_db()

    assert set(answers.values()) == {404}
    assert pledge.withdrawn_at is None
