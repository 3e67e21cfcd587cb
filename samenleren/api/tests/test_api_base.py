import json

import pytest
from django.core.management import call_command

from samenleren.accounts.models import ApiToken, User
from samenleren.accounts.services import api_token_create, api_token_revoke
from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.models import Role, RoleAssignment
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_me_answers_the_token_owner_with_roles_and_affiliations(client):
    affiliation = AffiliationFactory(function="toa")
    person = affiliation.person
    _token, raw = api_token_create(user=person, name="script")

    response = client.get("/api/v1/me", **bearer(raw))

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == person.email
    assert body["affiliations"] == [
        {
            "organisation_id": affiliation.organisation_id,
            "organisation": affiliation.organisation.name,
            "function": "toa",
        }
    ]
    assert body["roles"] == []


def test_token_is_stored_hashed_and_never_in_clear():
    person = UserFactory()
    token, raw = api_token_create(user=person, name="script")

    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.key_hash, stored.prefix)
    assert stored.prefix == raw[:10]
    assert len(stored.key_hash) == 64


def test_bad_token_answers_401_with_a_readable_dutch_message(client):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="nl", **bearer("sl_nonsense"))

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "token" in response.json()["detail"]


def test_revoked_token_no_longer_works(client):
    person = UserFactory()
    token, raw = api_token_create(user=person, name="script")
    assert api_token_revoke(user=person, token_id=token.pk) is True

    response = client.get("/api/v1/me", **bearer(raw))

    assert response.status_code == 401


def test_someone_else_cannot_revoke_my_token():
    owner, other = UserFactory(), UserFactory()
    token, _raw = api_token_create(user=owner, name="script")

    assert api_token_revoke(user=other, token_id=token.pk) is False
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_organisations_are_paged_with_count_and_results(client):
    region = RegionFactory(slug="zuid-limburg")
    for index in range(3):
        OrganisationFactory(region=region, name=f"School {index}")
    _token, raw = api_token_create(user=UserFactory(), name="script")

    response = client.get("/api/v1/organisations?page=2&page_size=2", **bearer(raw))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [o["name"] for o in body["results"]] == ["School 2"]
    assert body["results"][0]["region"] == "zuid-limburg"


def test_organisation_search_and_kind_filter(client):
    region = RegionFactory()
    OrganisationFactory(region=region, name="Basisschool De Linde", kind="po")
    OrganisationFactory(region=region, name="Vmbo De Linde", kind="vo")
    OrganisationFactory(region=region, name="Techniekcollege", kind="mbo")
    _token, raw = api_token_create(user=UserFactory(), name="script")

    response = client.get("/api/v1/organisations?search=linde&kind=po", **bearer(raw))

    assert [o["name"] for o in response.json()["results"]] == ["Basisschool De Linde"]


def test_unknown_kind_answers_422_naming_the_field(client):
    _token, raw = api_token_create(user=UserFactory(), name="script")

    response = client.get("/api/v1/organisations?kind=castle", **bearer(raw))

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "kind", "message": "Deze waarde is geen van de toegestane keuzes."}
    ]


def test_openapi_schema_lists_the_first_endpoints(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/me" in paths
    assert "/api/v1/organisations" in paths


def test_docs_page_is_served(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200


def test_create_api_token_command_creates_people_and_prints_lines(capsys):
    region = RegionFactory(slug="zuid-limburg")

    call_command(
        "create_api_token",
        "--create-user",
        "a@x.example",
        "b@x.example",
        "--role",
        "coordinator",
        "--region",
        "zuid-limburg",
    )

    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["a@x.example", "b@x.example"]
    assert all(line.split()[1].startswith("sl_") for line in lines)
    assert RoleAssignment.objects.filter(role=Role.COORDINATOR, region=region).count() == 2
    assert User.objects.filter(email__endswith="@x.example").count() == 2


def test_token_from_command_authenticates(client, capsys):
    call_command("create_api_token", "--create-user", "c@x.example")
    raw = capsys.readouterr().out.split()[1]

    response = client.get("/api/v1/me", **bearer(raw))

    assert response.json()["email"] == "c@x.example"


def test_bad_json_body_is_a_400_with_a_message(client):
    _token, raw = api_token_create(user=UserFactory(), name="script")

    response = client.patch(
        "/api/v1/me",
        data="{not json",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(raw),
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}


def test_patch_me_updates_the_profile(client):
    person = UserFactory(preferred_language="nl")
    _token, raw = api_token_create(user=person, name="script")

    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"preferred_language": "en", "findable": True}),
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.preferred_language, person.findable) == ("en", True)


def test_patch_me_rejects_an_unknown_language_and_writes_nothing(client):
    person = UserFactory(preferred_language="nl", first_name="Anna")
    _token, raw = api_token_create(user=person, name="script")

    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"preferred_language": "fr", "first_name": "Bep"}),
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "preferred_language"
    person.refresh_from_db()
    assert (person.preferred_language, person.first_name) == ("nl", "Anna")


def test_last_used_is_recorded_without_a_write_on_every_request(client):
    _token, raw = api_token_create(user=UserFactory(), name="script")
    client.get("/api/v1/me", **bearer(raw))
    first_use = ApiToken.objects.get().last_used_at

    client.get("/api/v1/me", **bearer(raw))

    assert first_use is not None
    assert ApiToken.objects.get().last_used_at == first_use
