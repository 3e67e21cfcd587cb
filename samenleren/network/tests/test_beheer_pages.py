import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenleren.network.models import RoleAssignment
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("view", ["network:organisation_list", "network:people_list"])
def test_list_pages_make_the_same_number_of_queries_as_the_region_grows(client, view):
    region = RegionFactory()
    client.force_login(coordinator_of(region))
    url = reverse(view)
    for _ in range(2):
        AffiliationFactory(organisation=OrganisationFactory(region=region))
    few = queries_for(client, url)
    for _ in range(10):
        AffiliationFactory(organisation=OrganisationFactory(region=region))

    assert queries_for(client, url) == few


def test_people_search_finds_by_name_within_the_region_only(client):
    region = RegionFactory()
    client.force_login(coordinator_of(region))
    mine = AffiliationFactory(
        organisation=OrganisationFactory(region=region), person__last_name="Smeets"
    )
    AffiliationFactory(person__last_name="Smeets")  # another region

    response = client.get(reverse("network:people_list"), {"q": "smeets"})

    assert [p.pk for p in response.context["page"].object_list] == [mine.person_id]


def test_organisation_form_refuses_a_malformed_brin_and_postcode(client):
    region = RegionFactory()
    client.force_login(coordinator_of(region))

    response = client.post(
        reverse("network:organisation_create"),
        {"name": "Vmbo Test", "kind": "vo", "brin": "1X2", "postcode": "12345"},
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["brin", "postcode"]
    assert response.context["form"].errors["postcode"] == [
        "Vul een Nederlandse postcode in: vier cijfers en twee letters, bijvoorbeeld 6211 AB."
    ]


def test_a_coordinator_takes_away_roles_of_the_own_region_only(client):
    region, other_region = RegionFactory(), RegionFactory()
    client.force_login(coordinator_of(region))
    person = AffiliationFactory(organisation=OrganisationFactory(region=region)).person
    own = RoleAssignmentFactory(person=person, organisation=OrganisationFactory(region=region))
    foreign = RoleAssignmentFactory(
        person=person, organisation=OrganisationFactory(region=other_region)
    )

    for assignment in (own, foreign):
        client.post(reverse("network:role_revoke", args=[person.pk, assignment.pk]))

    assert list(RoleAssignment.objects.filter(person=person)) == [foreign]
