import json
from datetime import timedelta

import pytest
from django.utils import timezone

from samenleren.accounts.services import api_token_create
from samenleren.accounts.tests.factories import UserFactory
from samenleren.demand.models import Pledge
from samenleren.network.tests.factories import AffiliationFactory, OrganisationFactory

from .factories import CampaignCourseFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def as_person(person) -> dict:
    _token, raw = api_token_create(user=person, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def post(client, url, body, headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def test_campaigns_and_progress_are_public(client):
    cc = CampaignCourseFactory(course__title="CNC-frezen", course__min_participants=3)
    PledgeFactory.create_batch(2, campaign_course=cc)

    listed = client.get("/api/v1/campaigns").json()
    progress = client.get(f"/api/v1/campaigns/{cc.campaign.pk}/progress").json()

    assert [(c["id"], c["courses"], c["is_open"]) for c in listed["results"]] == [
        (cc.campaign.pk, 1, True)
    ]
    assert progress["courses"] == [
        {
            "campaign_course_id": cc.pk,
            "course_id": cc.course.pk,
            "title": "CNC-frezen",
            "provider": cc.course.provider,
            "pledges": 2,
            "named_pledges": 2,
            "unnamed_pledges": 0,
            "minimum": 3,
            "second_group_at": None,
            "needed": 1,
            "tipped": False,
            "tipped_at": None,
            "proposed_venue": None,
            "travel_hours_saved": 0.0,
            "travel_cost_saved": 0.0,
        }
    ]


def test_pledge_by_api_then_twice_then_withdraw(client):
    cc = CampaignCourseFactory(course__min_participants=1)
    affiliation = AffiliationFactory(organisation=OrganisationFactory(region=cc.campaign.region))
    headers = as_person(affiliation.person)
    url = f"/api/v1/campaigns/{cc.campaign.pk}/pledges"

    created = post(
        client, url, {"campaign_course_id": cc.pk, "months": [3], "weekdays": [2]}, headers
    )
    again = post(client, url, {"campaign_course_id": cc.pk}, headers)
    gone = client.delete(f"/api/v1/pledges/{created.json()['id']}", **headers)

    assert (created.status_code, created.json()["tipped"]) == (201, True)
    assert again.status_code == 409
    assert again.json() == {
        "detail": "You have already pledged your interest in this course.",
        "id": created.json()["id"],
    }
    assert gone.status_code == 204
    pledge = Pledge.objects.get()
    assert (pledge.organisation, pledge.withdrawn_at is not None) == (
        affiliation.organisation,
        True,
    )


def test_a_closed_campaign_answers_400_and_writes_nothing(client):
    cc = CampaignCourseFactory(
        campaign__opens_on=timezone.localdate() - timedelta(days=20),
        campaign__closes_on=timezone.localdate() - timedelta(days=2),
    )

    response = post(
        client,
        f"/api/v1/campaigns/{cc.campaign.pk}/pledges",
        {"campaign_course_id": cc.pk},
        as_person(UserFactory()),
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("This campaign closed on")
    assert Pledge.objects.count() == 0


def test_a_course_of_another_campaign_or_bad_preferences_are_refused(client):
    cc = CampaignCourseFactory()
    headers = as_person(UserFactory())
    url = f"/api/v1/campaigns/{cc.campaign.pk}/pledges"

    other = post(client, url, {"campaign_course_id": CampaignCourseFactory().pk}, headers)
    months = post(client, url, {"campaign_course_id": cc.pk, "months": [14]}, headers)
    anonymous = post(client, url, {"campaign_course_id": cc.pk}, {})

    assert (other.status_code, months.status_code, anonymous.status_code) == (400, 400, 401)
    assert months.json()["errors"] == [
        {"field": "months", "message": "Months are numbers from 1 (January) to 12 (December)."}
    ]
    assert Pledge.objects.count() == 0


def test_only_your_own_pledge_can_be_withdrawn(client):
    pledge = PledgeFactory()

    response = client.delete(f"/api/v1/pledges/{pledge.pk}", **as_person(UserFactory()))

    assert response.status_code == 404
    pledge.refresh_from_db()
    assert pledge.withdrawn_at is None
