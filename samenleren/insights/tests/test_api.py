import pytest

from samenleren.accounts.services import api_token_create
from samenleren.core.models import AuditEntry
from samenleren.network.tests.factories import OrganisationFactory, RegionFactory, coordinator_of

from .factories import participants, past_activity

pytestmark = pytest.mark.django_db


def headers(person) -> dict:
    _token, raw = api_token_create(user=person, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def region():
    region = RegionFactory(slug="zuid-limburg")
    training = past_activity(region=region)
    participants(
        activity=training,
        organisation=OrganisationFactory(region=region, name="A"),
        count=9,
        present=9,
    )
    participants(
        activity=training, organisation=OrganisationFactory(region=region, name="B"), count=2
    )
    participants(
        activity=training, organisation=OrganisationFactory(region=region, name="C"), count=6
    )
    return region


def test_reach_per_organisation_hides_small_groups(client, region):
    response = client.get(
        "/api/v1/reports/reach", {"group_by": "organisation"}, **headers(coordinator_of(region))
    )

    body = response.json()
    assert response.status_code == 200
    rows = {row["label"]: row for row in body["rows"]}
    assert rows["A"]["figures"]["people"] == 9
    assert rows["B"]["figures"]["people"] is None
    assert "people" in rows["B"]["hidden"]
    assert rows["C"]["figures"]["people"] is None  # hidden too: B would follow from the total
    assert body["total"]["figures"]["people"] == 17
    assert AuditEntry.objects.filter(action="insights.export").count() == 1


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"group_by": "school"}, 422),
        ({"from": "2026-13-01"}, 422),
        ({"from": "2026-05-01", "to": "2026-01-01"}, 400),
        ({"from": "2020-01-01", "to": "2026-01-01"}, 400),
    ],
)
def test_bad_parameters_answer_4xx(client, region, params, status):
    response = client.get("/api/v1/reports/reach", params, **headers(coordinator_of(region)))

    assert response.status_code == status
    assert response.json()["detail"]


def test_my_portfolio(client, region):
    person = region.activities.get().registrations.first().person

    response = client.get("/api/v1/me/portfolio", **headers(person))

    body = response.json()
    assert body["hours"]["activities"] == 3.0
    assert body["hours"]["budget"] is None
    assert body["modules_in_progress"] == []
