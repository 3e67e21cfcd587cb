import re

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.tests.factories import RegionFactory, coordinator_of

pytestmark = pytest.mark.django_db


def test_coordinator_without_two_factor_is_sent_to_set_it_up(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(coordinator_of(RegionFactory()))

    response = client.get(reverse("network:beheer_home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_coordinator_with_two_factor_goes_on(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    coordinator = coordinator_of(RegionFactory())
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={})
    client.force_login(coordinator)

    response = client.get(reverse("network:beheer_home"))

    assert response.status_code == 200


def test_participant_is_not_asked_for_two_factor(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(UserFactory())

    response = client.get(reverse("core:home"))

    assert response.status_code == 200


def test_language_switch_remembers_the_choice_on_the_profile(client):
    person = UserFactory(preferred_language="nl")
    client.force_login(person)

    response = client.post(reverse("core:language_switch"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    person.refresh_from_db()
    assert person.preferred_language == "en"
    assert client.get(reverse("core:home")).content.decode().count('<html lang="en">') == 1


def test_language_switch_ignores_a_foreign_next_url(client):
    response = client.post(
        reverse("core:language_switch"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_pages_are_dutch_by_default(client):
    response = client.get(reverse("core:home"))

    assert '<html lang="nl">' in response.content.decode()


def test_login_is_locked_after_repeated_failures(client):
    UserFactory(email="anna@school.example")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("account_login"), {"login": "anna@school.example", "password": "fout"})

    response = client.post(
        reverse("account_login"),
        {"login": "anna@school.example", "password": "geheim-wachtwoord-123"},
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_with_the_right_password_works(client):
    UserFactory(email="anna@school.example")

    response = client.post(
        reverse("account_login"),
        {"login": "anna@school.example", "password": "geheim-wachtwoord-123"},
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_login_by_emailed_code(client):
    from django.core import mail

    person = UserFactory(email="anna@school.example")
    client.post(reverse("account_request_login_code"), {"email": "anna@school.example"})
    code = re.search(
        r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.MULTILINE
    ).group(1)
    assert mail.outbox[-1].to == ["anna@school.example"]

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.pk
