"""Open Badges 2.0: hosted JSON for assertion, badge class and issuer; the public page; the
image; revocation by a coordinator."""

import pytest
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.core.models import AuditEntry
from samenleren.learning.services.progress import lesson_complete
from samenleren.network.tests.factories import RegionFactory, coordinator_of

from .factories import ModuleFactory

pytestmark = pytest.mark.django_db
CONTEXT = "https://w3id.org/openbadges/v2"


@pytest.fixture
def assertion():
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    module = ModuleFactory(
        region=region, title="Veilig lassen", summary="Lassen zonder brandwonden.", lessons=1
    )
    person = UserFactory(email="sanne@school.example", first_name="Sanne")
    return lesson_complete(person=person, lesson=module.lessons.get()).badges[0]


def test_the_assertion_is_public_hosted_open_badges_json(client, assertion):
    response = client.get(reverse("learning:assertion_json", args=[assertion.uuid]))

    assert response["Content-Type"] == "application/ld+json"
    assert response.json() == {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": f"http://testserver/leren/openbadges/assertion/{assertion.uuid}.json",
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": assertion.salt,
            "identity": assertion.recipient_hash,
        },
        "badge": f"http://testserver/leren/openbadges/badge/{assertion.badge_id}.json",
        "issuedOn": assertion.issued_on.isoformat(),
        "verification": {"type": "hosted"},
        "evidence": f"http://testserver/leren/badge/{assertion.uuid}/",
    }


def test_the_badge_class_and_issuer_are_public_and_link_up(client, assertion):
    badge = client.get(reverse("learning:badge_class_json", args=[assertion.badge_id])).json()
    issuer = client.get(badge["issuer"]).json()
    image = client.get(badge["image"])

    assert (badge["@context"], badge["type"], badge["name"]) == (
        CONTEXT,
        "BadgeClass",
        "Veilig lassen",
    )
    assert badge["id"] == f"http://testserver/leren/openbadges/badge/{assertion.badge_id}.json"
    assert badge["criteria"]["narrative"].startswith(
        "Heeft alle lessen van de module"
    )  # in the module's language
    assert badge["description"] == "Lassen zonder brandwonden."
    assert (issuer["@context"], issuer["type"], issuer["name"]) == (
        CONTEXT,
        "Issuer",
        "Samen Leren – Zuid-Limburg",
    )
    assert issuer["id"] == "http://testserver/leren/openbadges/uitgever/zuid-limburg.json"
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')


def test_the_badge_page_is_public_and_shows_no_email_address(client, assertion):
    page = client.get(reverse("learning:badge", args=[assertion.uuid])).content.decode()

    assert "Veilig lassen" in page
    assert "Sanne" in page
    assert "sanne@school.example" not in page


def test_a_coordinator_of_the_region_revokes_a_badge_with_a_reason(client, assertion, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator_of(assertion.badge.module.region))
    url = reverse("learning:badge_revoke", args=[assertion.uuid])

    empty = client.post(url, {"reason": "  "})
    done = client.post(url, {"reason": "Toegekend aan de verkeerde persoon."})
    client.logout()
    response = client.get(reverse("learning:assertion_json", args=[assertion.uuid]))

    assert empty.status_code == 200
    assert done.status_code == 302
    assert response.status_code == 410
    assert (response.json()["revoked"], response.json()["revocationReason"]) == (
        True,
        "Toegekend aan de verkeerde persoon.",
    )
    assert AuditEntry.objects.filter(action="learning.badge_revoked").count() == 1


def test_others_cannot_revoke(client, assertion, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    url = reverse("learning:badge_revoke", args=[assertion.uuid])
    client.force_login(assertion.person)
    own = client.post(url, {"reason": "Weg ermee"})
    client.force_login(coordinator_of(RegionFactory()))
    other_region = client.post(url, {"reason": "Weg ermee"})

    assert (own.status_code, other_region.status_code) == (403, 403)
    assertion.refresh_from_db()
    assert assertion.revoked is False


def test_an_unknown_badge_is_not_found(client):
    assert (
        client.get(
            "/leren/openbadges/assertion/00000000-0000-0000-0000-000000000000.json"
        ).status_code
        == 404
    )
